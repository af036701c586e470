using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using AmpModel;
using StaticNet.Audio;
using StaticNet.Storage;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.Audio;

/// <summary>
/// Neural Amp Modeler models through the AmpModel sample's declared networks, against NeuralAmpModelerCore's own outputs
/// for its example input (its default call sequence: load, reset with prewarm, blocks of 64), and against an
/// independent reading of the core's semantics where the core's outputs stop.
/// </summary>
public class NamModelTests
{
    /// <summary>The core's outputs are float32; it computes with the exact tanhf/expf, StaticNet with its own within a few ulp.</summary>
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData("lstm", 4e-7)]
    [InlineData("wavenet", 4e-7)]
    [InlineData("wavenet_a1_standard", 1e-6)]
    public void Rendering_matches_the_core_sample_for_sample(string model, double reached)
    {
        float[] input = NamFiles.Audio("input_wav");
        float[] expected = NamFiles.Audio(model + "_wav_b64");
        float[] output = Render(new AmpStream(NamModel.Load(NamFiles.Model(model + ".nam"))), input);

        float worst = MaxDifference(output, expected, out int at);
        Assert.True(worst <= Tolerance, $"{model}: sample {at} is {output[at]}, the core's {expected[at]} (difference {worst:E2})");
        // What this build reaches (noted in the sample's README): well inside the tolerance, a guard against drifting.
        Assert.True(worst <= reached, $"{model}: largest difference {worst:E2}, more than the {reached:E0} reached so far");
    }

    [Fact]
    public void The_prewarm_brings_a_zero_state_lstm_to_the_stored_state_and_without_it_the_start_differs()
    {
        float[] input = NamFiles.Audio("input_wav");
        float[] expected = NamFiles.Audio("lstm_wav_b64");
        NamModel zeroStart = NamModel.Load(NamFiles.Model("lstm_zeroinit.nam"));

        // Half a second of silence takes the zero state to the same fixed point the stored state of lstm.nam is.
        float[] prewarmed = Render(new AmpStream(zeroStart), input);
        Assert.True(MaxDifference(prewarmed, expected, out _) <= Tolerance);

        // Without it the first thousands of samples carry the zero state's transient (up to 0.3 in the core), then agree.
        float[] cold = Render(new AmpStream(zeroStart, prewarm: false), input);
        Assert.True(MaxDifference(cold.AsSpan(0, 3000), expected.AsSpan(0, 3000), out _) > 0.1f);
        Assert.True(MaxDifference(cold.AsSpan(6000), expected.AsSpan(6000), out _) <= Tolerance);

        // lstm.nam starts from its stored state: with or without the prewarm, the core's output.
        float[] stored = Render(new AmpStream(NamModel.Load(NamFiles.Model("lstm.nam")), prewarm: false), input);
        Assert.True(MaxDifference(stored, expected, out _) <= Tolerance);
    }

    [Fact]
    public void A_wavenet_without_prewarm_starts_from_zero_histories_as_the_reference_does()
    {
        var random = new Random(5);
        float[] signal = Enumerable.Range(0, 300).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        NamModel model = NamModel.Load(NamFiles.Model("wavenet.nam"));
        JsonObject json = NamFiles.Json("wavenet.nam");
        float[] weights = json["weights"]!.AsArray().Select(w => (float)w!.GetValue<double>()).ToArray();
        NamReference.LayerArray[] arrays =
        [
            new(1, 2, 3, 3, [1, 2], MathF.Tanh, false, false),
            new(3, 1, 2, 3, [8], MathF.Tanh, false, true),
        ];

        float[] cold = Render(new AmpStream(model, prewarm: false), signal);
        Assert.True(MaxDifference(cold, NamReference.WaveNet(arrays, weights, signal), out _) <= Tolerance);

        // The prewarm is P = 23 samples of silence first (rounded up to the block): the same as the reference given them.
        float[] warm = Render(new AmpStream(model), signal);
        float[] reference = NamReference.WaveNet(arrays, weights, [.. new float[64], .. signal]);
        Assert.True(MaxDifference(warm, reference.AsSpan(64), out _) <= Tolerance);
        Assert.True(MaxDifference(warm.AsSpan(0, 20), cold.AsSpan(0, 20), out _) > 0.01f);
    }

    [Fact]
    public void A_gated_wavenet_with_another_activation_streams_as_the_reference_computes()
    {
        JsonObject json = NamFiles.GatedWaveNet(seed: 3, out float[] weights);
        NamModel model = NamFiles.Parse(json, "gated.nam");
        Assert.Equal(1 + ((1 + 3) * (2 - 1)) + (2 * (3 - 1)), model.PrewarmSamples);

        var network = new GatedAmp(seed: 0);
        model.LoadInto(network);
        var state = new float[GatedAmp.StreamStateCount];
        model.ResetState(network, state, prewarm: false);
        var random = new Random(8);
        float[] signal = Enumerable.Range(0, 200).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        float[] output = new float[signal.Length];
        for (int t = 0; t < signal.Length; t++)
        {
            network.Step(state, signal.AsSpan(t, 1), output.AsSpan(t, 1));
        }

        Assert.True(MaxDifference(output, NamReference.WaveNet(NamFiles.GatedArrays, weights, signal), out int at) <= Tolerance, $"sample {at}");
    }

    [Fact]
    public void A_stacked_lstm_from_its_stored_state_streams_as_the_reference_computes()
    {
        // Two layers of two units (the core's layer order: matrix, bias, h, c per layer, then the head), as the reader
        // maps them onto weight_ih/weight_hh/bias_ih and the stream state's h and c.
        JsonObject json = NamFiles.Json("lstm.nam");
        json["config"] = new JsonObject { ["input_size"] = 1, ["hidden_size"] = 2, ["num_layers"] = 2 };
        var random = new Random(12);
        float[] weights = Enumerable.Range(0, (8 * 3) + 8 + 4 + (8 * 4) + 8 + 4 + 2 + 1).Select(_ => (float)((random.NextDouble() * 1.6) - 0.8)).ToArray();
        json["weights"] = new JsonArray([.. weights.Select(w => (JsonNode)w)]);
        NamModel model = NamFiles.Parse(json, "stacked.nam");
        Assert.Equal(NamFiles.StackedLstmDeclaration, model.Declaration("StackedLstmAmp", steps: 8));

        var network = new StackedLstmAmp(seed: 0);
        model.LoadInto(network);
        var state = new float[StackedLstmAmp.StreamStateCount];
        model.ResetState(network, state, prewarm: false);
        float[] signal = Enumerable.Range(0, 100).Select(t => MathF.Sin(t * 0.3f)).ToArray();
        float[] output = new float[signal.Length];
        network.StepBlock(state, signal, output);

        Assert.True(MaxDifference(output, NamReference.Lstm(layers: 2, hidden: 2, weights, signal), out int at) <= Tolerance, $"sample {at}");
    }

    [Theory]
    [InlineData("lstm.nam", "LstmAmp.cs", "LstmAmp")]
    [InlineData("wavenet.nam", "WaveNetAmp.cs", "WaveNetAmp")]
    [InlineData("wavenet_a1_standard.nam", "A1StandardAmp.cs", "A1StandardAmp")]
    public void The_sample_declares_what_declare_prints(string file, string source, string className)
    {
        string declared = File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "AmpModel", source)).Replace("\r\n", "\n");
        string printed = NamModel.Load(NamFiles.Model(file)).Declaration(className);
        Assert.Equal(printed, declared.Replace("namespace AmpModel;\n\n", ""));
    }

    [Fact]
    public void The_gated_test_network_is_what_declare_prints()
    {
        string declared = File.ReadAllText(Path.Combine(RepositoryRoot(), "tests", "StaticNet.Tests", "Audio", "GatedAmp.cs")).Replace("\r\n", "\n");
        string printed = NamFiles.Parse(NamFiles.GatedWaveNet(seed: 3, out _), "gated.nam").Declaration("GatedAmp", steps: 16);
        static string Body(string text) => string.Join("\n", text.Split('\n').Where(line => !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("namespace", StringComparison.Ordinal) && line.Length > 0));
        Assert.Equal(Body(printed), Body(declared));
    }

    [Fact]
    public void A_file_for_another_architecture_is_refused_naming_both_and_nothing_is_written()
    {
        var network = new WaveNetAmp(seed: 4);
        float[] before = (float[])network.Parameters.Clone();

        var lstm = Assert.Throws<WeightFileException>(() => NamModel.Load(NamFiles.Model("lstm.nam")).LoadInto(network));
        Assert.Contains("lstm.nam", lstm.Message);
        Assert.Contains("lstm0.weight_ih_l0", lstm.Message);
        Assert.Contains("WaveNetAmp", lstm.Message);

        var bigger = Assert.Throws<WeightFileException>(() => NamModel.Load(NamFiles.Model("wavenet_a1_standard.nam")).LoadInto(network));
        Assert.Contains("`array0.rechannel.weight`, are [16, 1, 1], WaveNetAmp's are [3, 1, 1]", bigger.Message);

        // Same sizes, another dilation: only the architecture says so.
        JsonObject json = NamFiles.Json("wavenet.nam");
        json["config"]!["layers"]![0]!["dilations"] = new JsonArray(1, 4);
        var dilated = Assert.Throws<WeightFileException>(() => NamFiles.Parse(json).LoadInto(network));
        Assert.Contains("layer 7 (`array0.layer1.conv`) differs: the file's model has `Conv1D(3,3,dilation4,causal)(64,3)`, WaveNetAmp declares `Conv1D(3,3,dilation2,causal)(64,3)`", dilated.Message);

        // Same sizes, another activation.
        json = NamFiles.Json("wavenet.nam");
        json["config"]!["layers"]![1]!["activation"] = "ReLU";
        var activation = Assert.Throws<WeightFileException>(() => NamFiles.Parse(json).LoadInto(network));
        Assert.Contains("array1.layer0.act", activation.Message);

        Assert.Equal(before, network.Parameters);
    }

    [Fact]
    public void Malformed_files_are_refused_naming_the_file_and_the_fault()
    {
        JsonObject json = NamFiles.Json("wavenet.nam");
        json["weights"]!.AsArray().RemoveAt(0);
        Assert.Contains("it holds 130 weights, but a WaveNet of 2 layer arrays", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json, "short.nam")).Message);

        json = NamFiles.Json("lstm.nam");
        json["version"] = "0.8.0";
        Assert.Contains("version 0.8.0", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json)).Message);

        json = NamFiles.Json("lstm.nam");
        json["weights"]![5] = "a";
        Assert.Contains("weights[5] is \"a\", not a number", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json)).Message);

        json = NamFiles.Json("lstm.nam");
        json["weights"]![5] = 1e300;
        Assert.Contains("weights[5]", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json)).Message);

        json = NamFiles.Json("wavenet.nam");
        json["config"]!["layers"]![1]!["channels"] = 3;
        Assert.Contains("layer array 1 has 3 channels but layer array 0's head has 2", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json)).Message);

        json = NamFiles.Json("lstm.nam");
        json.Remove("config");
        Assert.Contains("the file has no \"config\"", Assert.Throws<WeightFileException>(() => NamFiles.Parse(json)).Message);

        var broken = Assert.Throws<WeightFileException>(() => NamModel.Parse(Encoding.UTF8.GetBytes("{\"version\": \"0.5.4\", "), "broken.nam"));
        Assert.StartsWith("Cannot load weights from 'broken.nam': it is not valid JSON", broken.Message);

        string missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".nam");
        Assert.Contains(missing, Assert.Throws<WeightFileException>(() => NamModel.Load(missing)).Message);
    }

    [Fact]
    public void What_StaticNet_cannot_declare_is_named_by_declare_and_refused_by_load()
    {
        JsonObject json = NamFiles.Json("wavenet.nam");
        json["config"]!["layers"]![0]!["gating_mode"] = "blended";
        NamModel blended = NamFiles.Parse(json, "blended.nam");
        Assert.Contains("\"gating_mode\" \"blended\"", blended.CannotExpress);
        Assert.Contains("blended.nam", Assert.Throws<NotSupportedException>(() => blended.Declaration("Amp")).Message);
        Assert.Throws<NotSupportedException>(() => blended.LoadInto(new WaveNetAmp(seed: 0)));

        json = NamFiles.Json("wavenet.nam");
        json["architecture"] = "ConvNet";
        Assert.Contains("\"ConvNet\"", NamFiles.Parse(json).CannotExpress);

        json = NamFiles.Json("wavenet.nam");
        json["config"]!["layers"]![0]!["film"] = new JsonObject();
        Assert.Contains("layer array 0's \"film\"", NamFiles.Parse(json).CannotExpress);

        Assert.Null(NamModel.Load(NamFiles.Model("wavenet_a1_standard.nam")).CannotExpress);
    }

    [Fact]
    public void The_file_fields_the_core_reads_are_exposed_and_the_prewarm_lengths_are_the_cores()
    {
        NamModel lstm = NamModel.Load(NamFiles.Model("lstm.nam"));
        Assert.Equal("LSTM", lstm.Architecture);
        Assert.Equal("0.5.4", lstm.Version);
        Assert.Equal(48000, lstm.SampleRate);
        Assert.Equal(-37.8406867980957, lstm.Loudness);
        Assert.Equal(18.3, lstm.InputLevelDbu);
        Assert.Equal(12.3, lstm.OutputLevelDbu);
        Assert.Equal("Test LSTM", lstm.Name);
        Assert.Equal(70, lstm.WeightCount);
        Assert.Equal(24000, lstm.PrewarmSamples);

        NamModel a1 = NamModel.Load(NamFiles.Model("wavenet_a1_standard.nam"));
        Assert.Null(a1.SampleRate);
        Assert.Equal(4093, a1.PrewarmSamples);
        Assert.Equal(23, NamModel.Load(NamFiles.Model("wavenet.nam")).PrewarmSamples);
    }

    [Fact]
    public void The_a1_standard_streams_without_allocating()
    {
        var stream = new AmpStream(NamModel.Load(NamFiles.Model("wavenet_a1_standard.nam")), prewarm: false);
        float[] block = Enumerable.Range(0, 64).Select(t => MathF.Sin(t * 0.1f)).ToArray();
        float[] output = new float[64];
        Assert.Equal(0, Allocations.Measure(() => stream.Process(block, output), iterations: 40));
    }

    private static float[] Render(AmpStream stream, ReadOnlySpan<float> input)
    {
        float[] output = new float[input.Length];
        for (int start = 0; start < input.Length; start += 64)
        {
            int length = Math.Min(64, input.Length - start);
            stream.Process(input.Slice(start, length), output.AsSpan(start, length));
        }

        return output;
    }

    private static float MaxDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected, out int at)
    {
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        at = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            float difference = MathF.Abs(actual[i] - expected[i]);
            if (!(difference <= worst))
            {
                worst = difference;
                at = i;
            }
        }

        return worst;
    }

    /// <summary>The repository's root, from this file's own path at compile time.</summary>
    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}
