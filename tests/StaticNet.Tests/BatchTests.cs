using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The generated batch methods: ForwardBatch is Forward on every sample; BackwardBatch is the mean of the
/// per-sample gradients where samples are independent, and draws the same dropout masks for one sample.
/// </summary>
public class BatchTests
{
    public static TheoryData<string> Deterministic => new(BatchNetworks.Deterministic);

    public static TheoryData<string> Every => new(BatchNetworks.Deterministic.Concat(BatchNetworks.WithDropout).Concat(BatchNetworks.WithBatchNorm));

    [Theory]
    [MemberData(nameof(Every))]
    public void ForwardBatch_is_Forward_on_every_sample(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 3);
        var random = new Random(4);
        const int batch = 5;
        float[] inputs = RandomData.Uniform(random, batch * network.InputSize, 1.0);
        BatchNetworks.MoveRunningStatistics(network, random);

        var outputs = new float[batch * network.OutputSize];
        network.ForwardBatch(inputs, outputs);

        var single = new float[network.OutputSize];
        for (int sample = 0; sample < batch; sample++)
        {
            network.Forward(inputs.AsSpan(sample * network.InputSize, network.InputSize), single);
            Tolerance.Close(single, outputs.AsSpan(sample * network.OutputSize, network.OutputSize), 1e-5, $"{name} sample {sample}");
        }
    }

    [Theory]
    [MemberData(nameof(Deterministic))]
    public void BackwardBatch_is_the_mean_of_per_sample_Backward(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 5);
        var random = new Random(6);
        const int batch = 7;
        float[] inputs = RandomData.Uniform(random, batch * network.InputSize, 1.0);
        float[] targets = Targets(random, network, batch);

        var batchGradients = new float[network.Parameters.Length];
        var outputs = new float[batch * network.OutputSize];
        var unused = default(SeededRandom);
        float batchLoss = network.BackwardBatch(inputs, targets, batchGradients, outputs, ref unused);

        var summed = new float[network.Parameters.Length];
        double lossSum = 0;
        var single = new float[network.OutputSize];
        for (int sample = 0; sample < batch; sample++)
        {
            ReadOnlySpan<float> input = inputs.AsSpan(sample * network.InputSize, network.InputSize);
            lossSum += network.Backward(input, targets.AsSpan(sample * network.OutputSize, network.OutputSize), summed, Span<float>.Empty);
            network.Forward(input, single);
            Tolerance.Close(single, outputs.AsSpan(sample * network.OutputSize, network.OutputSize), 1e-5, $"{name} outputs of sample {sample}");
        }

        Tolerance.Close(lossSum / batch, batchLoss, 1e-5, $"{name} loss");
        Tolerance.Close(summed.Select(g => g / batch).ToArray(), batchGradients, 1e-4, $"{name} gradients");
    }

    [Theory]
    [InlineData(nameof(DropoutNet))]
    [InlineData(nameof(InputDropoutNet))]
    [InlineData(nameof(DropoutBranchNet))]
    public void BackwardBatch_of_one_sample_draws_the_masks_Backward_draws(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 7);
        var data = new Random(8);
        float[] input = RandomData.Uniform(data, network.InputSize, 1.0);
        float[] target = Targets(data, network, 1);

        var perSampleGradients = new float[network.Parameters.Length];
        var batchGradients = new float[network.Parameters.Length];
        var first = new SeededRandom(9);
        var second = new SeededRandom(9);
        float perSampleLoss = network.Backward(input, target, perSampleGradients, Span<float>.Empty, ref first);
        float batchLoss = network.BackwardBatch(input, target, batchGradients, Span<float>.Empty, ref second);

        Tolerance.Close(perSampleLoss, batchLoss, 1e-6, $"{name} loss");
        Tolerance.Close(perSampleGradients, batchGradients, 1e-5, $"{name} gradients");
        Assert.Equal(first.NextDouble(), second.NextDouble());
    }

    [Theory]
    [InlineData(nameof(FeatureNormNet))]
    [InlineData(nameof(ChannelNormNet))]
    [InlineData(nameof(NormEverywhereNet))]
    [InlineData(nameof(NormOutputNet))]
    [InlineData(nameof(DropoutNet))]
    [InlineData(nameof(ConvStackNet))]
    [InlineData(nameof(DropoutBranchNet))]
    [InlineData(nameof(ResidualCnnNet))]
    [InlineData(nameof(BranchyNet))]
    public void BackwardBatch_matches_finite_differences_of_the_batch_loss(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 10);
        var data = new Random(11);
        const int batch = 6;
        float[] inputs = RandomData.Uniform(data, batch * network.InputSize, 1.0);
        float[] targets = Targets(data, network, batch);
        float[] parameters = network.Parameters.ToArray();
        float[] state = network.State.ToArray();

        // The same dropout masks on every evaluation; the running statistics do not enter a training-mode loss.
        float Loss(float[] values, float[] gradients)
        {
            values.CopyTo(network.Parameters, 0);
            state.CopyTo(network.State, 0);
            var random = new SeededRandom(12);
            return network.BackwardBatch(inputs, targets, gradients, Span<float>.Empty, ref random);
        }

        var analytic = new float[parameters.Length];
        Loss(parameters, analytic);
        GradientCheck.Verify($"{name} batch", parameters, analytic, p => Loss(p, new float[p.Length]), maxChecks: 300, seed: 13);
    }

    [Theory]
    [InlineData(nameof(FeatureNormNet))]
    [InlineData(nameof(ChannelNormNet))]
    [InlineData(nameof(NormEverywhereNet))]
    [InlineData(nameof(NormOutputNet))]
    public void Backward_with_running_statistics_matches_finite_differences(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 14);
        var data = new Random(15);
        BatchNetworks.MoveRunningStatistics(network, data);
        float[] input = RandomData.Uniform(data, network.InputSize, 1.0);
        float[] target = Targets(data, network, 1);
        float[] parameters = network.Parameters.ToArray();

        float Loss(float[] values, float[] x, float[] gradients, float[] inputGradients)
        {
            values.CopyTo(network.Parameters, 0);
            return network.Backward(x, target, gradients, inputGradients);
        }

        var analytic = new float[parameters.Length];
        var inputGradients = new float[input.Length];
        Loss(parameters, input, analytic, inputGradients);
        GradientCheck.Verify($"{name} parameters", parameters, analytic, p => Loss(p, input, new float[p.Length], []), maxChecks: 300, seed: 16);
        GradientCheck.Verify($"{name} input", input, inputGradients, x => Loss(parameters, x, new float[parameters.Length], []), maxChecks: 100, seed: 17);
    }

    [Fact]
    public void Momentum_and_epsilon_are_those_declared()
    {
        // Identity weights: the batch normalisation sees the inputs themselves.
        var network = new SettingsNormNet([1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 2, 2, 0.5f, 0.5f, 0.5f]);
        float[] inputs = [1, 2, 3, 2, 4, 9, 3, 0, 0, 6, 2, -4];
        var unused = default(SeededRandom);
        ((INetwork)network).BackwardBatch(inputs, new float[12], new float[SettingsNormNet.ParameterCount], [], ref unused);

        // Momentum 1: the running statistics become this batch's mean and unbiased variance.
        for (int feature = 0; feature < 3; feature++)
        {
            double[] column = [inputs[feature], inputs[3 + feature], inputs[6 + feature], inputs[9 + feature]];
            double mean = column.Average();
            double unbiased = column.Sum(v => (v - mean) * (v - mean)) / 3;
            Tolerance.Close(mean, network.State[feature], 1e-6, $"running mean {feature}");
            Tolerance.Close(unbiased, network.State[3 + feature], 1e-6, $"running variance {feature}");

            // Epsilon 0.5, gamma 2, beta 0.5 at inference.
            float[] output = network.Predict(inputs.AsSpan(0, 3));
            Tolerance.Close((2 * (inputs[feature] - mean) / Math.Sqrt(unbiased + 0.5)) + 0.5, output[feature], 1e-5, $"output {feature}");
        }
    }

    [Fact]
    public void Training_on_one_flat_sample_is_refused_as_PyTorch_refuses_it()
    {
        var network = new FeatureNormNet(seed: 1);
        var unused = default(SeededRandom);
        float[] before = network.State.ToArray();

        ArgumentException error = Assert.Throws<ArgumentException>(
            () => ((INetwork)network).BackwardBatch(new float[3], new float[2], new float[FeatureNormNet.ParameterCount], [], ref unused));

        Assert.Contains("more than one value per channel", error.Message);
        Assert.Equal(before, network.State);
    }

    [Fact]
    public void Batch_spans_of_the_wrong_length_are_refused_with_the_lengths()
    {
        var parameters = new float[Seed462Net.ParameterCount];
        var gradients = new float[Seed462Net.ParameterCount];

        ArgumentException partial = Assert.Throws<ArgumentException>(() => Seed462Net.ForwardBatch(parameters, new float[6], new float[2]));
        Assert.Equal("inputs", partial.ParamName);
        Assert.Contains("multiple of 4", partial.Message);
        Assert.Contains("6", partial.Message);

        ArgumentException empty = Assert.Throws<ArgumentException>(() => Seed462Net.ForwardBatch(parameters, [], []));
        Assert.Equal("inputs", empty.ParamName);

        ArgumentException outputs = Assert.Throws<ArgumentException>(() => Seed462Net.ForwardBatch(parameters, new float[8], new float[2]));
        Assert.Equal("outputs", outputs.ParamName);
        Assert.Contains("length 4", outputs.Message);

        ArgumentException targets = Assert.Throws<ArgumentException>(
            () => Seed462Net.BackwardBatch(parameters, new float[8], new float[2], gradients, []));
        Assert.Equal("targets", targets.ParamName);

        ArgumentException state = Assert.Throws<ArgumentException>(
            () => FeatureNormNet.ForwardBatch(new float[FeatureNormNet.ParameterCount], new float[3], new float[3], new float[2]));
        Assert.Equal("state", state.ParamName);
        Assert.Contains($"length {FeatureNormNet.StateCount}", state.Message);
    }

    [Theory]
    [InlineData(nameof(MixedNet))]
    [InlineData(nameof(CnnSmallNet))]
    [InlineData(nameof(NormEverywhereNet))]
    public void Batch_methods_allocate_nothing_once_warm(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 1);
        var data = new Random(2);
        const int batch = 16;
        float[] inputs = RandomData.Uniform(data, batch * network.InputSize, 1.0);
        float[] targets = Targets(data, network, batch);
        var outputs = new float[batch * network.OutputSize];
        var gradients = new float[network.Parameters.Length];
        var random = new SeededRandom(3);

        Assert.Equal(0, Allocations.Measure(() => network.ForwardBatch(inputs, outputs), iterations: 200));
        Assert.Equal(0, Allocations.Measure(() => network.BackwardBatch(inputs, targets, gradients, outputs, ref random), iterations: 200));
    }

    private static float[] Targets(Random random, INetwork network, int batch) => BatchNetworks.Targets(random, network, batch);
}
