using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Seeded random declarations, valid and not, as users type them (mid-edit included), in every C# version from 7.3
/// with nullable on and off, with keyword, verbatim and Unicode names, members and base classes that carry generated
/// names, and networks deriving from networks. For every one the generator must not fail (no CS8785/SN9999), and the
/// declaration must either be generated or be explained by an SN diagnostic (or a C# error in the user's own code).
/// Every other batch is also compiled with what was generated, which must hold no C# error (binding the generated code
/// is nine tenths of the test's time: half the batches keep it within the suite's budget), and every eighth batch runs
/// its networks.
/// </summary>
public class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int Batches = 60;
    private const int PerBatch = 50;

    private const int CompileEvery = 2;

    private const int RunEvery = 8;

    /// <summary>Networks with more values than this are compiled but not run.</summary>
    private const int RunLimit = 1_000_000;

    /// <summary>C# 12 (the default of .NET 8) most of the time; every other version from 7.3 now and then.</summary>
    private static readonly LanguageVersion[] Versions =
    [
        LanguageVersion.CSharp12, LanguageVersion.CSharp12, LanguageVersion.CSharp12, LanguageVersion.Latest, LanguageVersion.CSharp7_3,
        LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.CSharp11,
    ];

    private static readonly string[] Namespaces = ["Fuzz", "@event.@class", "Ünïcødé", "@namespace"];

    [Fact]
    public void Random_declarations_never_break_the_generator_or_the_build()
    {
        var totals = new ConcurrentBag<BatchCounts>();

        // Batches are independent (each its own seed and compilation), so both cores share them.
        Parallel.For(0, Batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch => totals.Add(RunBatch(batch)));

        int generated = totals.Sum(t => t.Generated), explained = totals.Sum(t => t.Explained), ran = totals.Sum(t => t.Ran);
        int notNetworks = totals.Sum(t => t.NotNetworks), oldLanguage = totals.Sum(t => t.OldLanguage), compiled = totals.Sum(t => t.Compiled);
        output.WriteLine($"{Batches * PerBatch} declarations: {generated} generated, {explained} explained by an SN error or an error in their own code, "
            + $"{notNetworks} not networks ({oldLanguage} declarations in C# 7.3); {compiled} compiled with their generated code; "
            + $"{ran} generated networks ran Forward and Backward.");
        Assert.True(generated > 900 && explained > 1500 && ran > 120, "The fuzzer should exercise both valid and invalid declarations.");
    }

    private sealed record BatchCounts(int Generated, int Explained, int NotNetworks, int OldLanguage, int Compiled, int Ran);

    private static BatchCounts RunBatch(int batch)
    {
        var random = new Random(20261201 + batch);
        LanguageVersion version = Versions[random.Next(Versions.Length)];
        NullableContextOptions nullable = random.Next(3) == 0 ? NullableContextOptions.Disable : NullableContextOptions.Enable;

        // Each declaration in a namespace of its own (block form, which every version reads), so keyword type names
        // can repeat; its namespace's last part identifies its generated file.
        string[] ids = Enumerable.Range(0, PerBatch).Select(i => $"F{batch}_{i}").ToArray();
        string[] files = ids.Select((id, i) => $"using StaticNet;\nnamespace {Namespaces[random.Next(Namespaces.Length)]}.{id}\n{{\n"
            + (i % 3 != 0 ? RandomDeclarations.Any(random, $"Net{i}", hostileNames: true) : RandomDeclarations.WellFormed(random, $"Net{i}"))
            + "\n}\n").ToArray();
        GeneratorResult result = GeneratorHarness.Run(version, nullable, DocumentationMode.None, files, errorsOnly: true);
        string context = $"C# {version.ToDisplayString()}, nullable {nullable}";

        Assert.DoesNotContain(result.DriverDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SN9999");
        bool compiles = batch % CompileEvery == 0;
        if (compiles)
        {
            Diagnostic[] generatedErrors = result.DiagnosticsInGeneratedCode.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(generatedErrors.Length == 0, $"C# errors in generated code ({context}): {string.Join("; ", generatedErrors.Take(3))}\n"
                + string.Join("\n", files.Where((_, i) => generatedErrors.Any(e => e.Location.SourceTree!.FilePath.Contains($".{ids[i]}.", StringComparison.Ordinal)))));
        }

        var runnable = new List<int>();
        Diagnostic[] userErrors = result.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        string[][] generatedNames = result.Run.Results.SelectMany(r => r.GeneratedSources)
            .Select(source => source.HintName[..^".g.cs".Length].Split('.')).ToArray();
        int generated = 0, explained = 0, notNetworks = 0;
        for (int i = 0; i < files.Length; i++)
        {
            string path = $"File{i}.cs";
            bool hasSource = generatedNames.Any(parts => parts.Contains(ids[i]));
            bool hasUserError = userErrors.Any(d => d.Location.SourceTree?.FilePath == path);
            bool hasSnError = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == path);
            bool isNetwork = files[i].Contains("[Network", StringComparison.Ordinal) || files[i].Contains("[Input(", StringComparison.Ordinal)
                || files[i].Contains("[Dense(", StringComparison.Ordinal);
            Assert.True(hasSource || hasSnError || hasUserError || !isNetwork, $"Neither generated nor explained ({context}):\n{files[i]}");
            generated += hasSource ? 1 : 0;
            explained += hasSnError || hasUserError ? 1 : 0;
            notNetworks += isNetwork ? 0 : 1;
            // Only files without any error run: a network deriving from a network (SN0039) also breaks on the base's
            // generated constructors, and a file with a clash (SN0037) keeps its other, generated, network.
            // Nor does a plain class deriving from a network: it has no parameterless base constructor once the network's
            // constructors are generated (CS1729), an error only the compilation after generation shows.
            bool derivesFromNetwork = files[i].Contains(" : Base", StringComparison.Ordinal) && files[i].Contains("[Network]\n[Input(2)]", StringComparison.Ordinal);
            if (hasSource && !hasUserError && !hasSnError && !derivesFromNetwork)
            {
                runnable.Add(i);
            }
        }

        // Emitting and loading an assembly is the slow part: every eighth batch (one of those compiled) runs its networks.
        int ran = batch % RunEvery == 0 ? RunAll(result, runnable, ids) : 0;
        return new BatchCounts(generated, explained, notNetworks, version == LanguageVersion.CSharp7_3 ? PerBatch : 0, compiles ? PerBatch : 0, ran);
    }

    /// <summary>
    /// Emits the batch's clean files (the <paramref name="runnable"/> ones and what was generated for them: the rest are
    /// removed from the batch's compilation, which is neither generated nor bound again), loads them and runs every
    /// network once.
    /// </summary>
    private static int RunAll(GeneratorResult result, List<int> runnable, string[] ids)
    {
        var files = runnable.Select(i => $"File{i}.cs").ToHashSet();
        var generatedFor = runnable.Select(i => ids[i]).ToHashSet();
        bool Kept(SyntaxTree tree) => result.Input.SyntaxTrees.Contains(tree)
            ? files.Contains(tree.FilePath)
            : generatedFor.Overlaps(Path.GetFileName(tree.FilePath).Split('.'));
        SyntaxTree[] kept = result.Output.SyntaxTrees.Where(Kept).ToArray();
        if (kept.Length == 0)
        {
            return 0;
        }

        CompiledNetworks compiled = CompiledNetworks.Load(result.Output.RemoveAllSyntaxTrees().AddSyntaxTrees(kept));
        int ran = 0;
        foreach (string hint in kept.Where(tree => !result.Input.SyntaxTrees.Contains(tree)).Select(tree => Path.GetFileName(tree.FilePath)))
        {
            Assert.True(compiled.TryGet(hint[..^".g.cs".Length], out TestSupport.NetworkFunctions? network), hint);
            if (network!.ParameterCount + network.InputSize > RunLimit)
            {
                continue; // legal, and compiled above; running a billion parameters is not this test's job
            }

            var parameters = new float[network.ParameterCount];
            var input = Enumerable.Range(0, network.InputSize).Select(i => (i % 5) * 0.1f).ToArray();
            var outputs = new float[network.OutputSize];
            network.Forward(parameters, input, outputs);
            network.Backward(parameters, input, outputs, new float[network.ParameterCount], new float[network.InputSize]);
            ran++;
        }

        return ran;
    }
}
