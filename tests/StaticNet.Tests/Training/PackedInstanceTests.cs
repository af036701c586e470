using System;
using System.Linq;
using System.Threading.Tasks;
using StaticNet.Benchmarks;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>
/// Network objects of networks with a packed form predict and step through a packed copy they keep: ForwardPacked's
/// and StepPacked's bits, packed again after their parameters are handed out, whoever changes them.
/// </summary>
public class PackedInstanceTests
{
    private static readonly float[] Input = Enumerable.Range(0, N3.InputSize).Select(i => MathF.Sin(i * 0.7f)).ToArray();

    private static float[] ForwardPacked(float[] parameters)
    {
        var packed = new float[N3.ParameterCount];
        N3.PackParameters(parameters, packed);
        var output = new float[N3.OutputSize];
        N3.ForwardPacked(packed, Input, output);
        return output;
    }

    [Fact]
    public void Predict_and_the_trainers_Forward_read_the_packed_copy()
    {
        var network = new N3(seed: 5);
        float[] expected = ForwardPacked(network.Parameters);
        var output = new float[N3.OutputSize];
        network.Predict(Input, output);
        var viaInterface = new float[N3.OutputSize];
        ((INetwork)network).Forward(Input, viaInterface);

        Assert.Equal(expected, output);
        Assert.Equal(expected, network.Predict(Input));
        Assert.Equal(expected, viaInterface);
    }

    [Fact]
    public void Parameters_written_through_the_getter_are_packed_before_the_next_Predict()
    {
        var network = new N3(seed: 5);
        float[] before = network.Predict(Input);

        N3.Initialize(network.Parameters, seed: 6);
        float[] after = network.Predict(Input);
        network.Parameters[N3.Layer3.BiasOffset] += 1f;
        float[] shifted = network.Predict(Input);

        Assert.Equal(new N3(seed: 6).Predict(Input), after);
        Assert.NotEqual(before, after);
        Assert.Equal(after[0] + 1f, shifted[0], 5);
    }

    [Fact]
    public void PredictBatch_reads_the_current_packed_copy_with_ForwardBatchPackeds_bits()
    {
        // N2's first layer is in panels in the packed copy; a batch of 13 ends in a block of one.
        const int Batch = 13;
        var network = new N2(seed: 3);
        float[] inputs = Enumerable.Range(0, Batch * N2.InputSize).Select(i => MathF.Sin(i * 0.01f)).ToArray();
        float[] Expected()
        {
            var packed = new float[N2.ParameterCount];
            N2.PackParameters(network.Parameters, packed);
            var outputs = new float[Batch * N2.OutputSize];
            N2.ForwardBatchPacked(packed, inputs, outputs);
            return outputs;
        }

        var actual = new float[Batch * N2.OutputSize];
        network.PredictBatch(inputs, actual);
        Assert.Equal(Expected(), actual);

        network.Parameters[N2.Layer1.WeightOffset + 5] += 3f;
        network.PredictBatch(inputs, actual);
        Assert.Equal(Expected(), actual);
        var viaInterface = new float[Batch * N2.OutputSize];
        ((INetwork)network).ForwardBatch(inputs, viaInterface);
        Assert.Equal(actual, viaInterface);
    }

    [Fact]
    public void Predict_PredictBatch_and_the_instance_Step_allocate_nothing_once_warm()
    {
        var network = new N2(seed: 1);
        float[] inputs = new float[7 * N2.InputSize];
        var output = new float[N2.OutputSize];
        var outputs = new float[7 * N2.OutputSize];
        Assert.Equal(0, Allocations.Measure(() => network.Predict(inputs.AsSpan(0, N2.InputSize), output)));
        Assert.Equal(0, Allocations.Measure(() => network.PredictBatch(inputs, outputs)));

        var stream = new Benchmarks.S1(seed: 1);
        var state = new float[Benchmarks.S1.StreamStateCount];
        var step = new float[Benchmarks.S1.StepOutputSize];
        Assert.Equal(0, Allocations.Measure(() => stream.Step(state, [0.5f], step)));
    }

    [Fact]
    public void Predict_after_training_reads_the_trained_parameters()
    {
        var network = new N3(seed: 2);
        float[][] inputs = Enumerable.Range(0, 32).Select(row => Enumerable.Range(0, N3.InputSize).Select(i => MathF.Cos(row + i)).ToArray()).ToArray();
        float[][] targets = inputs.Select(row => new[] { 0.5f * row[0] - row[3] }).ToArray();
        float[] untrained = network.Predict(Input);

        new Trainer(new Adam(N3.ParameterCount, learningRate: 0.01f)) { Epochs = 3, BatchSize = 8, Seed = 1 }
            .Fit(network, Dataset.FromRows(inputs, targets));

        Assert.NotEqual(untrained, network.Predict(Input));
        Assert.Equal(ForwardPacked(network.Parameters), network.Predict(Input));
    }

    [Fact]
    public void The_instance_Step_streams_with_StepPackeds_bits()
    {
        var network = new S1(seed: 3);
        var packed = new float[S1.ParameterCount];
        S1.PackParameters(network.Parameters, packed);
        var state = new float[S1.StreamStateCount];
        var expectedState = new float[S1.StreamStateCount];
        var output = new float[S1.StepOutputSize];
        var expected = new float[S1.StepOutputSize];

        for (int t = 0; t < 100; t++)
        {
            float[] sample = [MathF.Sin(t * 0.3f)];
            network.Step(state, sample, output);
            S1.StepPacked(packed, expectedState, sample, expected);
            Assert.Equal(expected, output);
        }

        Assert.Equal(expectedState, state);
        Assert.Throws<ArgumentException>(() => network.Step(new float[3], [0f], output));
    }

    [Fact]
    public async Task Threads_that_predict_at_once_after_a_change_all_see_the_new_parameters()
    {
        var network = new N3(seed: 5);
        N3.Initialize(network.Parameters, seed: 9);
        float[] expected = new N3(seed: 9).Predict(Input);

        float[][] seen = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => network.Predict(Input))));

        Assert.All(seen, output => Assert.Equal(expected, output));
    }

    [Fact]
    public void A_hand_out_while_another_thread_packs_makes_the_copy_out_of_date_again()
    {
        var copy = new PackedCopy(4);
        Assert.False(copy.IsCurrent(out int first));
        copy.Packed(first);
        Assert.True(copy.IsCurrent(out _));

        copy.HandOut();
        Assert.False(copy.IsCurrent(out int packing));
        copy.HandOut();                 // the parameters handed out again while that packing runs
        copy.Packed(packing);

        Assert.False(copy.IsCurrent(out int again));
        copy.Packed(again);
        Assert.True(copy.IsCurrent(out _));
    }
}
