using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Seeded random declarations, valid and not, as users type them (mid-edit included). For every one
/// the generator must not fail (no CS8785/SN9999), and the declaration must either compile cleanly
/// and run, or be explained by at least one SN diagnostic: never a C# error inside generated code.
/// </summary>
public class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int Batches = 100;
    private const int PerBatch = 50;

    private const int RunEvery = 5;

    /// <summary>Networks with more values than this are compiled but not run.</summary>
    private const int RunLimit = 1_000_000;

    [Fact]
    public void Five_thousand_random_declarations_never_break_the_build()
    {
        var random = new Random(20261123);
        int generated = 0, explained = 0, notNetworks = 0, ran = 0;
        for (int batch = 0; batch < Batches; batch++)
        {
            // One file per declaration, so every diagnostic belongs to exactly one of them.
            string[] names = Enumerable.Range(0, PerBatch).Select(i => $"Net{batch}_{i}").ToArray();
            string[] files = names.Select((name, i) => "using StaticNet;\nnamespace Fuzz;\n"
                + (i % 2 == 0 ? RandomDeclarations.Any(random, name) : RandomDeclarations.WellFormed(random, name)) + "\n").ToArray();
            GeneratorResult result = GeneratorHarness.Run(files);

            Assert.DoesNotContain(result.DriverDiagnostics, d => d.Id == "CS8785");
            Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SN9999");
            Diagnostic[] generatedErrors = result.DiagnosticsInGeneratedCode.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            Assert.True(generatedErrors.Length == 0, $"C# errors in generated code: {string.Join("; ", generatedErrors.Take(3))}\n"
                + string.Join("\n", files.Where((_, i) => generatedErrors.Any(e => e.Location.SourceTree!.FilePath.Contains($".{names[i]}.g.cs", StringComparison.Ordinal)))));

            var runnable = new List<string>();
            Diagnostic[] userErrors = result.Input.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            string[][] generatedNames = result.Run.Results.SelectMany(r => r.GeneratedSources)
                .Select(source => source.HintName[..^".g.cs".Length].Split('.')).ToArray();
            for (int i = 0; i < files.Length; i++)
            {
                string path = $"File{i}.cs";
                // The attributes may sit on the declaration's outer class ("Outer" + name).
                string name = names[i];
                bool hasSource = generatedNames.Any(parts => parts.Contains(name) || parts.Contains("Outer" + name));
                bool hasSnError = result.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree?.FilePath == path);
                bool isNetwork = files[i].Contains("[Network", StringComparison.Ordinal) || files[i].Contains("[Input(", StringComparison.Ordinal)
                    || files[i].Contains("[Dense(", StringComparison.Ordinal);
                Assert.True(hasSource || hasSnError || !isNetwork, $"Neither generated nor explained:\n{files[i]}");
                generated += hasSource ? 1 : 0;
                explained += hasSnError ? 1 : 0;
                notNetworks += isNetwork ? 0 : 1;
                if (hasSource && !userErrors.Any(d => d.Location.SourceTree?.FilePath == path))
                {
                    runnable.Add(files[i]);
                }
            }

            // Emitting and loading an assembly is the slow part: every fifth batch runs its networks.
            ran += batch % RunEvery == 0 ? RunAll(runnable) : 0;
        }

        output.WriteLine($"{Batches * PerBatch} declarations: {generated} generated, {explained} explained by an SN error, "
            + $"{notNetworks} not networks; {ran} generated networks ran Forward and Backward.");
        Assert.True(generated > 2000 && explained > 1500 && ran > 400, "The fuzzer should exercise both valid and invalid declarations.");
    }

    /// <summary>Compiles the given clean declarations on their own, loads them and runs every network once.</summary>
    private static int RunAll(List<string> files)
    {
        if (files.Count == 0)
        {
            return 0;
        }

        GeneratorResult result = GeneratorHarness.Run(files.ToArray());
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);
        CompiledNetworks compiled = CompiledNetworks.Load(result.Output);
        int ran = 0;
        foreach (string hint in result.Sources.Keys)
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
