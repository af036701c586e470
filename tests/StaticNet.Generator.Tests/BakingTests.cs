using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Baking;
using StaticNet.Generator.Planning;
using StaticNet.Generator.Tests.Support;
using StaticNet.Storage;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// [Network(Weights = "file")]: the weight file's values become constant data in the assembly, every problem with
/// the file is a diagnostic on the Weights argument, and editing one weight file re-emits one network.
/// </summary>
public sealed class BakingTests : IDisposable
{
    private const string IrisArchitecture = "input(4) Dense(6,ReLU)(6) Dense(3,Softmax)(3)";
    private const int IrisParameters = 51;

    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-baking-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Baked_values_are_the_file_bit_for_bit_including_zero_signs_subnormals_and_non_finite_values()
    {
        float[] parameters = Values(IrisParameters, seed: 1);
        float[] special = [-0f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue, 1e-38f, 0.1f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3.4028233e38f, 16777217f];
        special.CopyTo(parameters, 0);
        string path = WriteFile("iris.snw", IrisArchitecture, parameters);
        string probe = "namespace Demo; public static class Probe { public static float[] Baked() => IrisNet.TrainedParameters.ToArray(); }";

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""), probe);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assembly assembly = CompiledNetworks.Load(result.Output).Assembly;
        var baked = (float[])assembly.GetType("Demo.Probe")!.GetMethod("Baked")!.Invoke(null, null)!;
        Assert.Equal(parameters.Select(BitConverter.SingleToInt32Bits), baked.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void PredictTrained_runs_Forward_on_the_baked_parameters()
    {
        float[] parameters = Values(IrisParameters, seed: 2);
        string path = WriteFile("iris.snw", IrisArchitecture, parameters);

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""));

        Assert.Empty(result.CompilationProblems);
        Type net = CompiledNetworks.Load(result.Output).Assembly.GetType("Demo.IrisNet")!;
        var forward = net.GetMethod("Forward")!.CreateDelegate<Forward>();
        var predict = net.GetMethod("PredictTrained")!.CreateDelegate<Predict>();
        var classify = net.GetMethod("PredictTrainedClass")!.CreateDelegate<Classify>();
        float[] input = [0.5f, -1.25f, 2f, 0.75f];
        var expected = new float[3];
        var actual = new float[3];
        forward(parameters, input, expected);
        predict(input, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(Array.IndexOf(expected, expected.Max()), classify(input));
    }

    [Fact]
    public void The_baked_source_names_the_file_and_each_tensor_and_is_data_section_constants_when_optimised()
    {
        string path = WriteFile("iris.snw", IrisArchitecture, Values(IrisParameters, seed: 3));
        CSharpCompilation debug = GeneratorHarness.Compile(Iris("Weights = \"iris.snw\""));
        CSharpCompilation release = debug.WithOptions(debug.Options.WithOptimizationLevel(OptimizationLevel.Release));

        string Generate(CSharpCompilation compilation) => GeneratorHarness.CreateDriver([new BinaryAdditionalFile(path)])
            .RunGenerators(compilation).GetRunResult().GeneratedTrees.Single().ToString();
        string optimised = Generate(release);
        string unoptimised = Generate(debug);

        Assert.Contains("baked in at compile time from <c>iris.snw</c>", optimised);
        Assert.Contains("public static global::System.ReadOnlySpan<float> TrainedParameters => new float[]", optimised);
        Assert.Contains("// 0.weight: layer 1 weights [6, 4]", optimised);
        Assert.Contains("// 2.bias: layer 2 biases [3]", optimised);
        Assert.Contains("public static global::System.ReadOnlySpan<float> TrainedParameters => bakedTrainedParameters;", unoptimised);
        Assert.Contains("private static readonly float[] bakedTrainedParameters = new float[]", unoptimised);
    }

    [Theory]
    [InlineData("iris.snw")]
    [InlineData("models/iris.snw")]
    [InlineData("./models/iris.snw")]
    [InlineData("models\\iris.snw")]
    public void Weights_names_an_item_by_its_path_or_the_end_of_it(string weights)
    {
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        string path = WriteFile("models/iris.snw", IrisArchitecture, Values(IrisParameters, seed: 4));
        WriteFile("other-iris.snw", IrisArchitecture, Values(IrisParameters, seed: 5));

        GeneratorResult result = GeneratorHarness.Run(
            [new BinaryAdditionalFile(path), new BinaryAdditionalFile(Path.Combine(directory, "other-iris.snw"))],
            Iris($"Weights = @\"{weights}\""));

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void SN0032_a_file_that_is_not_an_AdditionalFiles_item()
    {
        string other = WriteFile("other.snw", IrisArchitecture, Values(IrisParameters, seed: 6));

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(other)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0032", "'IrisNet' bakes the weight file 'iris.snw', which is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"iris.snw\" />");
    }

    [Fact]
    public void SN0033_a_listed_file_that_does_not_exist()
    {
        string missing = Path.Combine(directory, "iris.snw");

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(missing)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0033", $"The weight file '{missing}' cannot be baked into 'IrisNet': the file does not exist.");
    }

    [Theory]
    [InlineData("corrupted", "its checksum does not match")]
    [InlineData("truncated values", "the file is truncated: expected 204 bytes of values, found 100")]
    [InlineData("no checksum", "the file is truncated: its checksum is missing")]
    [InlineData("short header", "the file is truncated: it is shorter than the 28-byte header")]
    [InlineData("magic", "it is not a StaticNet weight file (expected magic \"SNWF\", found 0x46574E52)")]
    [InlineData("version", "it has format version 2; this library reads version 1")]
    [InlineData("element type", "it holds element type 2; only 1 (float32) is supported")]
    public void SN0033_a_malformed_file_with_the_reason_the_runtime_would_give(string damage, string reason)
    {
        string path = WriteFile("iris.snw", IrisArchitecture, Values(IrisParameters, seed: 7));
        byte[] bytes = File.ReadAllBytes(path);
        int values = 28 + IrisArchitecture.Length;
        bytes = damage switch
        {
            "corrupted" => Flip(bytes, values + 10),
            "truncated values" => bytes[..(values + 100)],
            "no checksum" => bytes[..^4],
            "short header" => bytes[..20],
            "magic" => Flip(bytes, 0),
            "version" => Flip(bytes, 4, 2),
            "element type" => Flip(bytes, 6, 2),
            _ => throw new ArgumentException(damage),
        };
        File.WriteAllBytes(path, bytes);

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0033", $"The weight file '{path}' cannot be baked into 'IrisNet': {reason}");
        var runtime = Assert.Throws<WeightFileException>(() => WeightFile.Read(path, IrisArchitecture, Fingerprint(IrisArchitecture), new float[IrisParameters], []));
        Assert.Contains(reason, runtime.Problem);
    }

    [Fact]
    public void SN0033_reserved_byte_and_trailing_bytes_are_refused_as_at_run_time()
    {
        string path = WriteFile("iris.snw", IrisArchitecture, Values(IrisParameters, seed: 7));
        byte[] good = File.ReadAllBytes(path);

        File.WriteAllBytes(path, [.. good, 0]);
        AssertReported(GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\"")), "SN0033", "goes on after its checksum");

        good[7] = 3;
        File.WriteAllBytes(path, good);
        AssertReported(GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\"")), "SN0033", "reserved byte 7 is 3, not 0");
    }

    [Fact]
    public void SN0033_a_file_over_the_limit_is_refused_by_its_size_without_being_read()
    {
        string path = Path.Combine(directory, "iris.snw");
        using (var file = new FileStream(path, FileMode.Create))
        {
            file.SetLength(WeightFileReader.MaxBytes + 1L); // sparse: no byte of it is ever written or read
        }

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0033", $"it is {WeightFileReader.MaxBytes + 1:N0} bytes, more than the {WeightFileReader.MaxBytes:N0} (512 KiB) a baked network may hold");
    }

    [Fact]
    public void SN0033_devices_and_pipes_are_refused_without_being_opened()
    {
        // /dev/zero once ran the compiler out of memory and a FIFO blocked the build: both report size 0.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string fifo = Path.Combine(directory, "pipe.snw");
        Assert.Equal(0, mkfifo(fifo, 0x180));
        foreach (string path in new[] { "/dev/zero", fifo })
        {
            // A thread of its own, not the (possibly busy) thread pool, so that only a blocked generator can time out.
            GeneratorResult? result = null;
            var run = new System.Threading.Thread(() => result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris($"Weights = \"{path}\""))) { IsBackground = true };
            run.Start();
            Assert.True(run.Join(TimeSpan.FromSeconds(60)), $"the generator blocked on {path}");
            AssertReported(result!, "SN0033", "it is empty, or not a regular file.");
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    [Fact]
    public void SN0034_a_file_saved_from_another_architecture_names_the_file_and_both_counts()
    {
        const string Wider = "input(4) Dense(8,ReLU)(8) Dense(3,Softmax)(3)";
        string path = WriteFile("iris.snw", Wider, Values(67, seed: 8));

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0034",
            $"The weight file '{path}' holds 67 parameters and 0 state values for \"{Wider}\", but 'IrisNet' has 51 parameters and 0 state values for \"{IrisArchitecture}\"");
    }

    [Fact]
    public void SN0034_the_same_count_from_another_architecture_is_still_refused()
    {
        const string Tanh = "input(4) Dense(6,Tanh)(6) Dense(3,Softmax)(3)";
        string path = WriteFile("iris.snw", Tanh, Values(IrisParameters, seed: 9));

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(path)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0034", "holds 51 parameters and 0 state values for \"input(4) Dense(6,Tanh)(6)");
    }

    [Fact]
    public void SN0035_a_name_that_matches_several_items()
    {
        Directory.CreateDirectory(Path.Combine(directory, "a"));
        Directory.CreateDirectory(Path.Combine(directory, "b"));
        string first = WriteFile("a/iris.snw", IrisArchitecture, Values(IrisParameters, seed: 10));
        string second = WriteFile("b/iris.snw", IrisArchitecture, Values(IrisParameters, seed: 11));

        GeneratorResult result = GeneratorHarness.Run([new BinaryAdditionalFile(first), new BinaryAdditionalFile(second)], Iris("Weights = \"iris.snw\""));

        AssertReported(result, "SN0035", "Weights = \"iris.snw\" names 2 AdditionalFiles items");
    }

    [Fact]
    public void SN0033_an_empty_name()
    {
        GeneratorResult result = GeneratorHarness.Run([], Iris("Weights = \"\""));

        AssertReported(result, "SN0033", "Weights is empty");
    }

    /// <summary>
    /// The build fails on the weight file's error; the baked members still exist (throwing, never run), so code that uses
    /// them shows that one error instead of adding CS0117 errors of its own.
    /// </summary>
    [Fact]
    public void A_weight_file_problem_leaves_the_baked_members_unbaked_and_the_user_code_without_errors_of_its_own()
    {
        const string Use = "static class Use { static int Run(float[] x, float[] y) { Demo.IrisNet.PredictTrained(x, y); "
            + "return Demo.IrisNet.PredictTrainedClass(x) + Demo.IrisNet.TrainedParameters.Length; } }\n";
        GeneratorResult result = GeneratorHarness.Run([], Iris("Weights = \"iris.snw\"") + Use);

        string source = result.Sources.Values.Single();
        Assert.Contains("public static void Forward(", source);
        Assert.Contains("could not be baked", source);
        Assert.DoesNotContain("-0.", source.Substring(source.IndexOf("TrainedParameters", StringComparison.Ordinal)));
        Assert.Equal(["SN0032"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(result.CompilationProblems);
        Assert.Empty(result.DiagnosticsInGeneratedCode);
    }

    [Fact]
    public void A_network_with_errors_reports_them_and_reads_no_weight_file()
    {
        string path = Path.Combine(directory, "iris.snw");

        GeneratorResult result = GeneratorHarness.Run(
            [new BinaryAdditionalFile(path)],
            "using StaticNet;\nnamespace Demo;\n[Network(Weights = \"iris.snw\")]\n[Input(4)]\n[Dense(0)]\npublic partial class IrisNet { }\n");

        Assert.Equal(["SN0006"], result.GeneratorDiagnostics.Select(d => d.Id));
        Assert.Empty(result.Run.Results.Single().TrackedSteps.GetValueOrDefault(TrackingNames.WeightFiles, []).SelectMany(s => s.Outputs));
    }

    [Fact]
    public void Editing_one_weight_file_re_emits_only_its_network_and_unrelated_edits_read_no_file()
    {
        string a = WriteFile("a.snw", IrisArchitecture, Values(IrisParameters, seed: 12));
        string b = WriteFile("b.snw", IrisArchitecture, Values(IrisParameters, seed: 13));
        var fileA = new BinaryAdditionalFile(a);
        string networks = $"{Iris("Weights = \"a.snw\"", "NetA")}\n{Iris("Weights = \"b.snw\"", "NetB")}\n{Iris("", "NetC")}".Replace("using StaticNet;\nnamespace Demo;\n", "");
        CSharpCompilation compilation = GeneratorHarness.Compile("using StaticNet;\nnamespace Demo;\n" + networks);
        GeneratorDriver driver = GeneratorHarness.CreateDriver([fileA, new BinaryAdditionalFile(b), new BinaryAdditionalFile(Path.Combine(directory, "unnamed.snw"))])
            .RunGenerators(compilation);
        Assert.Empty(driver.GetRunResult().Diagnostics);
        Assert.Equal(2, Outputs(driver, TrackingNames.WeightFiles).Length);

        // An edit elsewhere: no file is read again, no network re-emitted.
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs")));
        Assert.All(Outputs(driver, TrackingNames.WeightFiles), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(SourceOutputs(driver), reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));

        // a.snw retrained: the IDE hands the generator a new item for the same path.
        WriteFile("a.snw", IrisArchitecture, Values(IrisParameters, seed: 14));
        driver = driver.ReplaceAdditionalText(fileA, new BinaryAdditionalFile(a)).RunGenerators(compilation);

        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Cached], Outputs(driver, TrackingNames.WeightFiles));
        Assert.Equal([IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Unchanged], Outputs(driver, TrackingNames.Build));
        Assert.Equal(1, SourceOutputs(driver).Count(reason => reason == IncrementalStepRunReason.Modified));
    }

    [Fact]
    public void Weight_file_and_build_models_hold_no_Roslyn_objects()
    {
        string path = WriteFile("iris.snw", IrisArchitecture, Values(IrisParameters, seed: 15));
        GeneratorDriver driver = GeneratorHarness.CreateDriver([new BinaryAdditionalFile(path)]).RunGenerators(GeneratorHarness.Compile(Iris("Weights = \"iris.snw\"")));
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in new[] { TrackingNames.WeightFiles, TrackingNames.Build })
        {
            object[] values = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToArray();
            Assert.NotEmpty(values);
            Assert.All(values, value => Assert.DoesNotContain(value.GetType().Assembly.GetName().Name, new[] { "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp" }));
        }
    }

    private delegate void Forward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output);

    private delegate void Predict(ReadOnlySpan<float> input, Span<float> output);

    private delegate int Classify(ReadOnlySpan<float> input);

    private static string Iris(string networkArguments, string name = "IrisNet") =>
        $"using StaticNet;\nnamespace Demo;\n[Network(Loss = Loss.CrossEntropy{(networkArguments.Length > 0 ? ", " + networkArguments : "")})]\n"
        + $"[Input(4)]\n[Dense(6, Activation.ReLU)]\n[Dense(3, Activation.Softmax)]\npublic partial class {name} {{ }}\n";

    private string WriteFile(string name, string architecture, float[] parameters)
    {
        string path = Path.Combine(directory, name);
        using (FileStream file = File.Create(path))
        {
            WeightFile.Write(file, architecture, Fingerprint(architecture), parameters, []);
        }

        return path;
    }

    private static ulong Fingerprint(string architecture) => ArchitectureDescription.Fingerprint(architecture);

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }

    private static byte[] Flip(byte[] bytes, int index, byte value = 0)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] = value == 0 ? (byte)(copy[index] ^ 0x01) : value;
        return copy;
    }

    private static IncrementalStepRunReason[] Outputs(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();

    private static IEnumerable<IncrementalStepRunReason> SourceOutputs(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedOutputSteps["SourceOutput"].SelectMany(s => s.Outputs).Select(o => o.Reason);

    private static void AssertReported(GeneratorResult result, string id, string message)
    {
        Assert.StartsWith("Weights = ", DiagnosticAssert.Reported(result, id, DiagnosticSeverity.Error, message));
        Assert.Empty(result.DiagnosticsInGeneratedCode);
    }
}
