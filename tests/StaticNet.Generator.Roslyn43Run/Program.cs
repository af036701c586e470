using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

// Usage: StaticNet.Generator.Roslyn43Run RUNTIME_DLL INPUT_DIR OUTPUT_DIR
// Each INPUT_DIR/NAME.cs is compiled alone at C# 9 against the framework and RUNTIME_DLL (StaticNet), the generator
// runs on it, and each source it adds is written to OUTPUT_DIR/NAME/HINT_NAME; its diagnostics to OUTPUT_DIR/NAME.diagnostics.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: StaticNet.Generator.Roslyn43Run RUNTIME_DLL INPUT_DIR OUTPUT_DIR");
    return 2;
}

string[] framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
MetadataReference[] references = framework.Append(args[0]).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();
var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp9);
foreach (string input in Directory.EnumerateFiles(args[1], "*.cs").OrderBy(path => path, StringComparer.Ordinal))
{
    string name = Path.GetFileNameWithoutExtension(input);
    CSharpCompilation compilation = CSharpCompilation.Create(
        name,
        [CSharpSyntaxTree.ParseText(File.ReadAllText(input), parseOptions, path: "File0.cs")],
        references,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    GeneratorRunResult result = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: parseOptions)
        .RunGenerators(compilation).GetRunResult().Results.Single();
    string output = Path.Combine(args[2], name);
    Directory.CreateDirectory(output);
    foreach (GeneratedSourceResult source in result.GeneratedSources)
    {
        File.WriteAllText(Path.Combine(output, source.HintName), source.SourceText.ToString());
    }

    File.WriteAllLines(output + ".diagnostics", result.Diagnostics.Select(d => d.ToString()));
    if (result.Exception is { } thrown)
    {
        Console.Error.WriteLine($"{name}: the generator threw {thrown}");
        return 1;
    }
}

return 0;
