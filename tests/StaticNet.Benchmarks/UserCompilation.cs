using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>A user's project as the generator sees it: their sources against the framework and the StaticNet runtime.</summary>
internal static class UserCompilation
{
    private static readonly Lazy<MetadataReference[]> references = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray());

    public static CSharpCompilation Create(string name, IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(name, trees, references.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
}
