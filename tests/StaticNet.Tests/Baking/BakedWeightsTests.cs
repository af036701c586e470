using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Baking;

/// <summary>
/// Weights baked in at compile time are the weight file's, bit for bit, and predict what the same file loaded at
/// run time predicts, without allocating.
/// </summary>
public class BakedWeightsTests
{
    [Fact]
    public void The_baked_files_are_the_fixture_parameters_saved_by_SaveWeights()
    {
        // Provenance of the committed files: rewritten here from their sources when STATICNET_ACCEPT_SNAPSHOTS=1.
        Fixture fixture = Fixture.Load("seed-4-6-2");
        using var seed = new MemoryStream();
        Seed462Net.SaveWeights(seed, fixture.Parameters);
        using var channelNorm = new MemoryStream();
        ChannelNormNet.SaveWeights(channelNorm, ChannelNormParameters(), ChannelNormState());

        using var multitask = new MemoryStream();
        GraphMultitask.SaveWeights(multitask, Fixture.Load("r-graph-multitask").Parameters);

        // Networks with a packed form: seeded weights, saved by the baked classes themselves.
        var panels = new float[BakedPanelNet.ParameterCount];
        BakedPanelNet.Initialize(panels, 7);
        using var panelFile = new MemoryStream();
        BakedPanelNet.SaveWeights(panelFile, panels);
        var convGru = new float[BakedConvGruNet.ParameterCount];
        BakedConvGruNet.Initialize(convGru, 8);
        using var convGruFile = new MemoryStream();
        BakedConvGruNet.SaveWeights(convGruFile, convGru);

        AssertFile("panels.snw", panelFile.ToArray());
        AssertFile("conv-gru.snw", convGruFile.ToArray());
        AssertFile("seed-4-6-2.snw", seed.ToArray());
        AssertFile("channel-norm.snw", channelNorm.ToArray());
        AssertFile("graph-multitask.snw", multitask.ToArray());
    }

    [Fact]
    public void Baked_parameters_are_the_loaded_file_bit_for_bit()
    {
        var loaded = new float[Seed462Net.ParameterCount];
        Seed462Net.LoadWeights(SourcePath("seed-4-6-2.snw"), loaded);
        var loadedParameters = new float[ChannelNormNet.ParameterCount];
        var loadedState = new float[ChannelNormNet.StateCount];
        ChannelNormNet.LoadWeights(SourcePath("channel-norm.snw"), loadedParameters, loadedState);

        Assert.Equal(FloatBits.Of(loaded), FloatBits.Of(BakedSeed462Net.TrainedParameters.ToArray()));
        Assert.Equal(FloatBits.Of(Fixture.Load("seed-4-6-2").Parameters), FloatBits.Of(BakedSeed462Net.TrainedParameters.ToArray()));
        Assert.Equal(FloatBits.Of(loadedParameters), FloatBits.Of(BakedChannelNormNet.TrainedParameters.ToArray()));
        Assert.Equal(FloatBits.Of(loadedState), FloatBits.Of(BakedChannelNormNet.TrainedState.ToArray()));
    }

    [Fact]
    public void PredictTrained_gives_the_outputs_of_the_loaded_weights_and_of_PyTorch()
    {
        Fixture fixture = Fixture.Load("seed-4-6-2");
        var loaded = new float[Seed462Net.ParameterCount];
        Seed462Net.LoadWeights(SourcePath("seed-4-6-2.snw"), loaded);
        foreach (FixtureCase fixtureCase in fixture.Cases)
        {
            var baked = new float[2];
            var fromFile = new float[2];
            BakedSeed462Net.PredictTrained(fixtureCase.Input, baked);
            Seed462Net.Forward(loaded, fixtureCase.Input, fromFile);

            Assert.Equal(FloatBits.Of(fromFile), FloatBits.Of(baked));
            Tolerance.Close(fixtureCase.Output, baked, Tolerance.Values, "PredictTrained vs PyTorch");
            Assert.Equal(Metrics.ArgMax(fromFile), BakedSeed462Net.PredictTrainedClass(fixtureCase.Input));
        }
    }

    [Fact]
    public void Baked_running_statistics_are_used_in_inference_and_batches_match_single_samples()
    {
        var parameters = new float[ChannelNormNet.ParameterCount];
        var state = new float[ChannelNormNet.StateCount];
        ChannelNormNet.LoadWeights(SourcePath("channel-norm.snw"), parameters, state);
        const int Samples = 5;
        float[] inputs = RandomData.Uniform(new Random(4), Samples * ChannelNormNet.InputSize, 2.0);
        var batch = new float[Samples * ChannelNormNet.OutputSize];
        BakedChannelNormNet.PredictTrainedBatch(inputs, batch);

        for (int i = 0; i < Samples; i++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(i * ChannelNormNet.InputSize, ChannelNormNet.InputSize);
            var fromFile = new float[ChannelNormNet.OutputSize];
            var baked = new float[ChannelNormNet.OutputSize];
            ChannelNormNet.Forward(parameters, state, input, fromFile);
            BakedChannelNormNet.PredictTrained(input, baked);

            Assert.Equal(FloatBits.Of(fromFile), FloatBits.Of(baked));
            Tolerance.Close(fromFile, batch.AsSpan(i * ChannelNormNet.OutputSize, ChannelNormNet.OutputSize), Tolerance.Values, "batch vs single");
            Assert.Equal(Metrics.ArgMax(fromFile), BakedChannelNormNet.PredictTrainedClass(input));
        }
    }

    [Fact]
    public void A_baked_graph_predicts_what_PyTorch_and_the_loaded_file_predict()
    {
        Fixture fixture = Fixture.Load("r-graph-multitask");
        var loaded = new float[GraphMultitask.ParameterCount];
        GraphMultitask.LoadWeights(SourcePath("graph-multitask.snw"), loaded);
        Assert.Equal(FloatBits.Of(fixture.Parameters), FloatBits.Of(BakedGraphMultitask.TrainedParameters.ToArray()));
        foreach (FixtureCase fixtureCase in fixture.Cases)
        {
            var baked = new float[GraphMultitask.OutputSize];
            var fromFile = new float[GraphMultitask.OutputSize];
            BakedGraphMultitask.PredictTrained(fixtureCase.Input, baked);
            GraphMultitask.Forward(loaded, fixtureCase.Input, fromFile);

            Assert.Equal(FloatBits.Of(fromFile), FloatBits.Of(baked));
            Tolerance.Close(fixtureCase.Output, baked, Tolerance.Values, "baked graph vs PyTorch");
        }

        // One class index would mix three heads' values: a network with heads has no PredictTrainedClass.
        Assert.Null(typeof(BakedGraphMultitask).GetMethod("PredictTrainedClass"));
        Assert.NotNull(typeof(BakedSeed462Net).GetMethod("PredictTrainedClass"));
    }

    [Fact]
    public void Networks_with_a_packed_form_bake_the_packed_copy_PackParameters_makes_and_predict_with_it()
    {
        // Compile-time packing (panels, a causal convolution's taps, a GRU's two matrices) against the runtime's.
        var packed = new float[BakedPanelNet.ParameterCount];
        BakedPanelNet.PackParameters(BakedPanelNet.TrainedParameters, packed);
        Assert.Equal(FloatBits.Of(packed), FloatBits.Of(BakedPanelNet.TrainedPacked.ToArray()));
        var convGruPacked = new float[BakedConvGruNet.ParameterCount];
        BakedConvGruNet.PackParameters(BakedConvGruNet.TrainedParameters, convGruPacked);
        Assert.Equal(FloatBits.Of(convGruPacked), FloatBits.Of(BakedConvGruNet.TrainedPacked.ToArray()));

        // PredictTrained is ForwardPacked on them, bit for bit, and Forward's outputs to rounding.
        const int Samples = 6;
        float[] images = RandomData.Uniform(new Random(12), Samples * BakedPanelNet.InputSize, 1.0);
        float[] sequences = RandomData.Uniform(new Random(13), Samples * BakedConvGruNet.InputSize, 1.0);
        var panelBatch = new float[Samples * BakedPanelNet.OutputSize];
        var convGruBatch = new float[Samples * BakedConvGruNet.OutputSize];
        BakedPanelNet.PredictTrainedBatch(images, panelBatch);
        BakedConvGruNet.PredictTrainedBatch(sequences, convGruBatch);
        for (int i = 0; i < Samples; i++)
        {
            Check(images.AsSpan(i * BakedPanelNet.InputSize, BakedPanelNet.InputSize), panelBatch.AsSpan(i * BakedPanelNet.OutputSize, BakedPanelNet.OutputSize),
                BakedPanelNet.PredictTrained, BakedPanelNet.ForwardPacked, BakedPanelNet.Forward, packed, BakedPanelNet.TrainedParameters.ToArray());
            Check(sequences.AsSpan(i * BakedConvGruNet.InputSize, BakedConvGruNet.InputSize), convGruBatch.AsSpan(i * BakedConvGruNet.OutputSize, BakedConvGruNet.OutputSize),
                BakedConvGruNet.PredictTrained, BakedConvGruNet.ForwardPacked, BakedConvGruNet.Forward, convGruPacked, BakedConvGruNet.TrainedParameters.ToArray());
            Assert.Equal(Metrics.ArgMax(panelBatch.AsSpan(i * 3, 3)), BakedPanelNet.PredictTrainedClass(images.AsSpan(i * BakedPanelNet.InputSize, BakedPanelNet.InputSize)));
        }

        static void Check(ReadOnlySpan<float> input, ReadOnlySpan<float> fromBatch, Predict predict, Run forwardPacked, Run forward, float[] packed, float[] parameters)
        {
            var baked = new float[fromBatch.Length];
            var expected = new float[fromBatch.Length];
            var unpacked = new float[fromBatch.Length];
            predict(input, baked);
            forwardPacked(packed, input, expected);
            forward(parameters, input, unpacked);
            Assert.Equal(FloatBits.Of(expected), FloatBits.Of(baked));
            Tolerance.Close(baked, fromBatch, 1e-6, "PredictTrainedBatch against PredictTrained");
            Tolerance.Close(unpacked, baked, 1e-5, "PredictTrained against Forward");
        }
    }

    private delegate void Predict(ReadOnlySpan<float> input, Span<float> output);

    private delegate void Run(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output);

    [Fact]
    public void Predicting_with_baked_weights_allocates_nothing()
    {
        float[] input = Fixture.Load("seed-4-6-2").Cases[0].Input;
        var output = new float[2];
        float[] image = RandomData.Uniform(new Random(5), ChannelNormNet.InputSize, 1.0);
        float[] panelInput = RandomData.Uniform(new Random(6), BakedPanelNet.InputSize, 1.0);
        var panelOutput = new float[BakedPanelNet.OutputSize];

        long bytes = Allocations.Measure(() =>
        {
            BakedPanelNet.PredictTrained(panelInput, panelOutput);
            BakedSeed462Net.PredictTrained(input, output);
            _ = BakedSeed462Net.PredictTrainedClass(input);
            _ = BakedSeed462Net.TrainedParameters[7];
            BakedChannelNormNet.PredictTrained(image, output);
        });

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void PredictTrained_checks_span_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => BakedSeed462Net.PredictTrained(new float[3], new float[2]));
        Assert.Contains("4", error.Message);
    }

    internal static float[] ChannelNormParameters() =>
        Enumerable.Range(0, ChannelNormNet.ParameterCount).Select(i => ((((i * 37) % 101) - 50) / 64f)).ToArray();

    internal static float[] ChannelNormState() =>
        [.. Enumerable.Range(0, 3).Select(i => ((((i * 13) % 7) - 3) / 8f)), .. Enumerable.Range(0, 3).Select(i => 1 + (((i * 5) % 4) / 4f))];


    private static void AssertFile(string name, byte[] expected)
    {
        string path = SourcePath(name);
        if (Environment.GetEnvironmentVariable("STATICNET_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllBytes(path, expected);
        }

        Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(path)), $"{path} is not what SaveWeights writes from its source; rerun with STATICNET_ACCEPT_SNAPSHOTS=1 to rewrite it.");
    }

    private static string SourcePath(string name, [CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, name);
}
