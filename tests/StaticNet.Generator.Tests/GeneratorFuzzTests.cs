using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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

    private static readonly string[] Activations = ["Activation.Identity", "Activation.ReLU", "Activation.LeakyReLU", "Activation.Sigmoid", "Activation.Tanh", "Activation.Softmax", "(Activation)9", "(Activation)(-1)"];
    private static readonly string[] Losses = ["Loss.MeanSquaredError", "Loss.CrossEntropy", "Loss.BinaryCrossEntropy", "(Loss)5"];
    private static readonly string[] TypeShapes =
        ["public partial class {0} {{ }}", "internal partial class {0} {{ }}", "public partial struct {0} {{ }}", "public partial record {0} {{ }}",
         "public static partial class {0} {{ }}", "public abstract partial class {0} {{ }}", "public class {0} {{ }}", "public partial class {0}<T> {{ }}",
         "public partial class Outer{0} {{ public partial class {0} {{ }} }}", "public class Outer{0} {{ public partial class {0} {{ }} }}",
         "public partial class {0} {{ public float[] Parameters = new float[1]; }}", "public partial class {0}(int size) {{ }}",
         "public partial class {0} {{ void Broken( {{ }}"];

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
                + (i % 2 == 0 ? Declaration(random, name) : WellFormed(random, name)) + "\n").ToArray();
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

    /// <summary>A network that should generate: consistent loss and output activation, sizes that fit.</summary>
    private static string WellFormed(Random random, string name)
    {
        var text = new StringBuilder();
        string loss = Pick(random, Losses[..3]);
        text.Append($"[Network(Loss = {loss})]\n");
        if (random.Next(3) == 0)
        {
            int side = random.Next(4, 10);
            text.Append($"[Input({random.Next(1, 4)}, {side}, {side + random.Next(3)})]\n");
            text.Append($"[Conv2D({random.Next(1, 5)}, {random.Next(1, 4)}, {Pick(random, Activations[..5])}, Padding = {random.Next(0, 1)})]\n");
            if (random.Next(3) == 0)
            {
                text.Append($"[BatchNorm({Pick(random, Activations[..5])})]\n");
            }

            text.Append(random.Next(2) == 0 ? "[MaxPool2D(2)]\n[Flatten]\n" : "[GlobalAveragePool2D]\n");
        }
        else
        {
            text.Append($"[Input({random.Next(1, 40)})]\n");
        }

        for (int i = random.Next(0, 4); i > 0; i--)
        {
            text.Append($"[Dense({random.Next(1, 40)}, {Pick(random, Activations[..5])})]\n");
            if (random.Next(5) == 0)
            {
                text.Append("[Dropout(0.2f)]\n");
            }
            else if (random.Next(4) == 0)
            {
                text.Append($"[BatchNorm({Pick(random, Activations[..5])}, Momentum = 0.3f)]\n");
            }
        }

        string last = loss switch
        {
            "Loss.CrossEntropy" => "Activation.Softmax",
            "Loss.BinaryCrossEntropy" => "Activation.Sigmoid",
            _ => Pick(random, Activations[..6]),
        };
        text.Append($"[Dense({random.Next(2, 12)}, {last})]\n");
        text.AppendFormat(Pick(random, [TypeShapes[0], TypeShapes[1], TypeShapes[2], TypeShapes[4], TypeShapes[8]]), name);
        return text.ToString();
    }

    private static string Declaration(Random random, string name)
    {
        var text = new StringBuilder();
        if (random.Next(10) > 0)
        {
            text.Append(random.Next(4) switch
            {
                0 => $"[Network(Loss = {Pick(random, Losses)})]\n",
                1 when random.Next(3) == 0 => $"[Network(Unroll = {Pick(random, ["-1", "0", "16", "1000"])})]\n",
                _ => "[Network]\n",
            });
        }

        bool image = random.Next(3) == 0;
        if (random.Next(12) > 0)
        {
            text.Append(image ? $"[Input({Size(random)}, {Size(random)}, {Size(random)})]\n" : $"[Input({Size(random)})]\n");
        }

        int layers = random.Next(0, 6);
        for (int i = 0; i < layers; i++)
        {
            text.Append(Layer(random, image && i < 2)).Append('\n');
        }

        if (random.Next(40) == 0)
        {
            text.Append("[Input(3)]\n");
        }

        text.AppendFormat(random.Next(3) == 0 ? Pick(random, TypeShapes) : TypeShapes[0], name);
        return text.ToString();
    }

    private static string Layer(Random random, bool image) => (image ? random.Next(6) : random.Next(2, 12)) switch
    {
        0 => $"[Conv2D({Size(random)}, {Size(random)}, {Pick(random, Activations)}{Geometry(random)})]",
        1 => random.Next(2) == 0 ? $"[MaxPool2D({Size(random)})]" : $"[AvgPool2D({Size(random)})]",
        2 => "[Flatten]",
        3 => $"[Dropout({Pick(random, ["0.5f", "0f", "1f", "-0.1f", "0.25f"])})]",
        4 when random.Next(2) == 0 => $"[BatchNorm({Pick(random, Activations)}{BatchNormOptions(random)})]",
        4 => "[GlobalAveragePool2D]",
        5 when random.Next(4) == 0 => Pick(random, ["[Dense(\"six\")]", "[Dense()]", "[Dense(1, 2, 3)]", "[Conv2D(2)]", "[Dense(nameof(Loss))]", "[Dense(int.MaxValue)]"]),
        _ => $"[Dense({Size(random)}, {Pick(random, random.Next(4) == 0 ? Activations : Activations[..5])}{DenseOptions(random)})]",
    };

    private static string Geometry(Random random) => random.Next(3) switch
    {
        0 => "",
        1 => $", Stride = {Pick(random, ["1", "2", "0", "-1"])}",
        _ => $", Padding = {Pick(random, ["1", "0", "2", "-1", "5"])}",
    };

    private static string BatchNormOptions(Random random) => random.Next(4) switch
    {
        0 => $", Momentum = {Pick(random, ["0.5f", "0f", "2f", "float.NaN"])}",
        1 => $", Epsilon = {Pick(random, ["1e-3f", "0f", "-1f", "float.PositiveInfinity"])}",
        2 => $", Slope = {Pick(random, ["0.2f", "float.NaN"])}",
        _ => "",
    };

    private static string DenseOptions(Random random) => random.Next(5) switch
    {
        0 => $", Slope = {Pick(random, ["0.1f", "float.NaN", "0f", "2f"])}",
        1 => $", InputSize = {Size(random)}",
        _ => "",
    };

    /// <summary>Mostly small sizes, sometimes 0, negative, a constant expression or huge.</summary>
    private static string Size(Random random) => random.Next(40) switch
    {
        0 => "0",
        1 => "-3",
        2 => "1000000000",
        3 => "2 + 3",
        4 => "sizeof(int)",
        _ => random.Next(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
