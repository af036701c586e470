using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Tests.Support;
using StaticNet.Storage;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Every C# block of README.md compiles with the generator, without a warning: the Quick start as the program a user
/// pastes (and it runs), network declarations as they are, and the snippets in a method that gives them the Quick
/// start's network and the variables they name.
/// </summary>
public sealed class ReadmeTests : IDisposable
{
    private const string SnippetPreamble = """
        using System;
        using System.Collections.Generic;
        using StaticNet;
        using StaticNet.Audio;
        using StaticNet.Training;

        internal static class Snippet
        {
            internal static void Run(IrisNet net, float[] parameters, string path, float[] flower, float[] probabilities)
            {
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-readme-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    public static TheoryData<int> Blocks => new(Enumerable.Range(0, CSharpBlocks().Count));

    [Fact]
    public void The_README_has_its_blocks()
    {
        Assert.True(CSharpBlocks().Count >= 6, "the README's C# blocks were not found");
        Assert.StartsWith("using StaticNet;", CSharpBlocks()[0]);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Each_csharp_block_compiles(int index)
    {
        string block = CSharpBlocks()[index];
        if (block.StartsWith("using Godot;", StringComparison.Ordinal))
        {
            GeneratorResult godot = GeneratorHarness.Run(block, GodotStubs);
            Assert.Empty(godot.GeneratorDiagnostics);
            Assert.Empty(godot.CompilationProblems);
            return;
        }

        if (block.Contains("using UnityEngine;", StringComparison.Ordinal))
        {
            // The block beside the Unity package's scripts (its assembly definition, which the project references).
            GeneratorResult unity = GeneratorHarness.Run([block, UnityEngineStubs.Source, .. UnityEngineStubs.PackageScripts()]);
            Assert.Empty(unity.GeneratorDiagnostics);
            Assert.Empty(unity.CompilationProblems);
            return;
        }

        if (block.StartsWith("using ", StringComparison.Ordinal))
        {
            CompileAndRunProgram(block);
            return;
        }

        // A block of declarations, optionally followed by statements that use them.
        string[] lines = block.Split('\n');
        int declarationEnd = Array.FindLastIndex(lines, line => line.Contains("partial class", StringComparison.Ordinal)) + 1;
        string declarations = "using StaticNet;\n" + string.Join('\n', lines[..declarationEnd]);
        string statements = string.Join('\n', lines[declarationEnd..]);
        var sources = new List<string> { declarations };
        if (statements.Trim().Length > 0)
        {
            sources.Add(SnippetPreamble + "\n" + statements + "\n    }\n}\n");

            // The preamble names the Quick start's network: a block that declares another one gets it beside.
            if (declarationEnd > 0 && !declarations.Contains("class IrisNet", StringComparison.Ordinal))
            {
                sources.Add("using StaticNet;\n" + Declaration(CSharpBlocks()[0]));
            }
        }

        if (declarationEnd == 0)
        {
            sources[0] = "using StaticNet;\n" + Declaration(CSharpBlocks()[0]);
        }

        GeneratorResult result = GeneratorHarness.Run(AdditionalFiles(block), [.. sources]);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.DoesNotContain(result.CompilationProblems, d => d.Id != "CS8019");
    }

    /// <summary>
    /// The members of Godot 4's C# API (GodotSharp) that the README's Godot block uses, with their signatures: the block is
    /// checked against StaticNet's API and these, not run.
    /// </summary>
    private const string GodotStubs = """
        namespace Godot
        {
            public partial class GodotObject : System.IDisposable
            {
                public void Dispose() { }
            }

            public partial class Node : GodotObject
            {
                public virtual void _PhysicsProcess(double delta) { }
            }

            public partial class CharacterBody3D : Node { }

            public partial class FileAccess : GodotObject
            {
                public enum ModeFlags : long { Read = 1, Write = 2, ReadWrite = 3, WriteRead = 7 }

                public static FileAccess Open(string path, ModeFlags flags) => new();

                public ulong GetLength() => 0;

                public byte[] GetBuffer(long length) => new byte[length];
            }
        }
        """;

    /// <summary>The implicit usings of a <c>dotnet new console</c> project, where a user pastes the Quick start.</summary>
    private const string ConsoleImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>The Quick start compiled as the program it is, then run: it trains and prints the summary and probabilities.</summary>
    private static void CompileAndRunProgram(string program)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.CSharp12);
        CSharpCompilation compilation = CSharpCompilation.Create(
            "QuickStart",
            [CSharpSyntaxTree.ParseText(program, parseOptions, path: "Program.cs"), CSharpSyntaxTree.ParseText(ConsoleImplicitUsings, parseOptions, path: "GlobalUsings.g.cs")],
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> _);
        // CS8019: an implicit using the program does not need, hidden in a real project.
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8019");

        using var image = new MemoryStream();
        Assert.True(output.Emit(image).Success);
        Assembly assembly = Assembly.Load(image.ToArray());
        TextWriter console = Console.Out;
        var printed = new StringWriter();
        try
        {
            Console.SetOut(printed);
            assembly.EntryPoint!.Invoke(null, [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Contains("Total params: 51", printed.ToString());
        float[] probabilities = printed.ToString().Trim().Split('\n')[^1].Split(", ").Select(float.Parse).ToArray();
        Assert.Equal(1.0, probabilities.Sum(), 4);
    }

    /// <summary>A block that bakes a weight file gets one of its network's architecture.</summary>
    private List<AdditionalText> AdditionalFiles(string block)
    {
        var files = new List<AdditionalText>();
        foreach (Match weights in Regex.Matches(block, "Weights = \"([^\"]+)\""))
        {
            string path = Path.Combine(directory, weights.Groups[1].Value);
            GeneratorResult plain = GeneratorHarness.Run("using StaticNet;\n" + Regex.Replace(block.Split("public partial class")[0], ", Weights = \"[^\"]+\"", "")
                + "public partial class Plain { }\n");
            string architecture = (string)plain.Output.GetTypeByMetadataName("Plain")!.GetMembers("Architecture").OfType<IFieldSymbol>().Single().ConstantValue!;
            int count = (int)plain.Output.GetTypeByMetadataName("Plain")!.GetMembers("ParameterCount").OfType<IFieldSymbol>().Single().ConstantValue!;
            using (FileStream file = File.Create(path))
            {
                WeightFile.Write(file, architecture, ArchitectureDescription.Fingerprint(architecture), new float[count], []);
            }

            files.Add(new BinaryAdditionalFile(path));
        }

        return files;
    }

    /// <summary>The network declaration of a block (its attributes and class line).</summary>
    private static string Declaration(string block)
    {
        string[] lines = block.Split('\n');
        int start = Array.FindIndex(lines, line => line.StartsWith("[Network", StringComparison.Ordinal));
        int end = Array.FindIndex(lines, line => line.Contains("partial class", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end + 1)]);
    }

    private static IReadOnlyList<string> CSharpBlocks([CallerFilePath] string thisFile = "")
    {
        string readme = File.ReadAllText(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "README.md")).Replace("\r\n", "\n");
        return Regex.Matches(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(match => match.Groups[1].Value).ToList();
    }
}
