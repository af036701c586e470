using System.Collections.Generic;
using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics.X86;
using StaticNet.Runtime;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// <c>StepBatch</c>: many streams advanced by one step each, against each stream stepped alone with <c>Step</c>, bit for
/// bit, whether a stream fell in a block of lanes or in the remainder, on one thread or split over several; and the lane
/// kernels themselves against <c>StreamStep</c> over the shapes whose arithmetic they reproduce.
/// </summary>
[Collection(nameof(ThreadSettings))]
public class StepBatchTests
{
    private delegate void StepMethod(ReadOnlySpan<float> parameters, Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    private sealed record Streamed(string Name, int ParameterCount, int StateCount, int StepInput, int StepOutput, StepMethod Step, StepMethod StepBatch, Type Type);

    /// <summary>Every network of the test project with a generated <c>Step</c>: each has a <c>StepBatch</c>.</summary>
    private static readonly Streamed[] Networks = BatchNetworks.All.Select(BatchNetworks.TypeOf)
        .Where(type => type.GetMethod("Step", BindingFlags.Public | BindingFlags.Static) is not null)
        .Select(Bind)
        .ToArray();

    private static Streamed Bind(Type type)
    {
        Type read = typeof(ReadOnlySpan<float>);
        Type write = typeof(Span<float>);
        StepMethod Method(string name) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [read, write, read, write])!.CreateDelegate<StepMethod>();
        int Constant(string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
        return new Streamed(
            type.Name, Constant("ParameterCount"), Constant("StreamStateCount"), Constant("StepInputSize"), Constant("StepOutputSize"), Method("Step"), Method("StepBatch"), type);
    }

    public static TheoryData<string> Names => new(Networks.Select(network => network.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void StepBatch_gives_every_stream_the_bits_of_Step(string name)
    {
        Streamed network = Networks.Single(candidate => candidate.Name == name);

        // Fewer streams than a block, whole blocks of 8 and 16 lanes with and without a remainder.
        foreach (int streams in new[] { 1, 7, 16, 19, 37 })
        {
            CompareWithStep(network, streams, steps: 4, seed: streams);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void StepBatch_split_over_threads_gives_the_same_bits(string name)
    {
        Streamed network = Networks.Single(candidate => candidate.Name == name);
        using (new ThreadScope(threads: 2, minimumWork: 1))
        {
            CompareWithStep(network, streams: 101, steps: 3, seed: 5);
        }
    }

    /// <summary>
    /// The test networks whose first layer steps in lanes (their generated <c>StepStreams</c> calls <c>StreamLanes</c>:
    /// see the generator's snapshot; LanedChainNet's whole step, LanedGruNet's and LanedLstmNet's first layer) do so on any
    /// x64 machine with AVX, so the comparisons above run the lanes there.
    /// </summary>
    [Fact]
    public void Recurrent_first_layers_of_whole_vectors_step_in_lanes_where_AVX_is()
    {
        Assert.Equal(Avx.IsSupported, StreamLanes.MatchStep(features: 11, hidden: 16)); // LanedGruNet
        Assert.Equal(Avx.IsSupported, StreamLanes.MatchStep(features: 8, hidden: 8));   // LanedLstmNet
        Assert.Equal(Avx.IsSupported, StreamLanes.MatchStep(features: 1, hidden: 8));   // Gru8Net, S1
        Assert.False(StreamLanes.MatchStep(features: 2, hidden: 16)); // two to seven features take another kernel
        Assert.False(StreamLanes.MatchStep(features: 8, hidden: 5));
    }

    // The lanes are vector kernels.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Theory]
    [InlineData(1, 8)]
    [InlineData(8, 8)]
    [InlineData(11, 16)]
    [InlineData(16, 24)]
    [InlineData(1, 32)]
    public void Gru_lanes_advance_each_stream_as_StreamStep_does(int features, int hidden)
    {
        LanesMatchStreamStep(gates: 3, features, hidden, stateParts: 1, StreamLanes.Gru, (w, b, x, state, scratch) => GruKernels.StreamStep(w, b, x, state, scratch, hidden));
    }

    // The lanes are vector kernels.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Theory]
    [InlineData(1, 16)]
    [InlineData(9, 8)]
    [InlineData(24, 16)]
    public void Lstm_lanes_advance_each_stream_as_StreamStep_does(int features, int hidden)
    {
        LanesMatchStreamStep(gates: 4, features, hidden, stateParts: 2, StreamLanes.Lstm, (w, b, x, state, scratch) => LstmKernels.StreamStep(w, b, x, state, scratch, hidden));
    }

    [Fact]
    public void StepBatch_allocates_nothing()
    {
        var parameters = new float[Gru8Net.ParameterCount];
        Gru8Net.Initialize(parameters, 1);
        var states = new float[40 * Gru8Net.StreamStateCount];
        var inputs = new float[40];
        var outputs = new float[40];
        Gru8Net.StepBatch(parameters, states, inputs, outputs);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 100; step++)
        {
            Gru8Net.StepBatch(parameters, states, inputs, outputs);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void StepBatch_refuses_spans_of_the_wrong_length_naming_the_expected_one()
    {
        var parameters = new float[Gru8Net.ParameterCount];
        var states = new float[3 * Gru8Net.StreamStateCount];
        var inputs = new float[3 * Gru8Net.StepInputSize];
        var outputs = new float[3 * Gru8Net.StepOutputSize];
        Assert.Contains("24", Assert.Throws<ArgumentException>(() => Gru8Net.StepBatch(parameters, new float[23], inputs, outputs)).Message);
        Assert.Contains("3", Assert.Throws<ArgumentException>(() => Gru8Net.StepBatch(parameters, states, inputs, new float[2])).Message);
        Assert.Contains("positive multiple", Assert.Throws<ArgumentException>(() => Gru8Net.StepBatch(parameters, states, [], outputs)).Message);
        Assert.Contains(Gru8Net.ParameterCount.ToString(), Assert.Throws<ArgumentException>(() => Gru8Net.StepBatch(new float[5], states, inputs, outputs)).Message);
    }

    /// <summary>
    /// Advances <paramref name="streams"/> streams <paramref name="steps"/> steps with <c>StepBatch</c> and with a
    /// <c>Step</c> per stream, from the same random (not reset) states: every state and output the same bits.
    /// </summary>
    private static void CompareWithStep(Streamed network, int streams, int steps, int seed)
    {
        var random = new Random(seed);
        float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.6);
        var slots = (IReadOnlyList<StaticNet.Storage.TensorSlot>)network.Type.GetProperty("StreamStateSlots")!.GetValue(null)!;
        float[] together = StreamStates.Random(random, slots, network.StateCount, streams, 0.9);
        float[] alone = (float[])together.Clone();
        var batchOutputs = new float[streams * network.StepOutput];
        var output = new float[network.StepOutput];
        for (int t = 0; t < steps; t++)
        {
            float[] inputs = RandomData.Uniform(random, streams * network.StepInput, 2.0);
            network.StepBatch(parameters, together, inputs, batchOutputs);
            for (int stream = 0; stream < streams; stream++)
            {
                network.Step(
                    parameters, alone.AsSpan(stream * network.StateCount, network.StateCount), inputs.AsSpan(stream * network.StepInput, network.StepInput), output);
                Assert.Equal(FloatBits.Of(output), FloatBits.Of(batchOutputs.AsSpan(stream * network.StepOutput, network.StepOutput)));
            }

            Assert.Equal(FloatBits.Of(alone), FloatBits.Of(together));
        }
    }

    private delegate void LaneKernel(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes);

    private delegate void StreamStepKernel(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch);

    /// <summary>
    /// The kernel over every whole block of 45 streams whose layer's state sits at offset 3 of 5 more values each (left
    /// alone): each block's streams advanced as <c>StreamStep</c> advances each, their new states also left in lanes, the
    /// rest of the streams and the other values untouched. Where the lanes do not match this machine's step, it refuses.
    /// </summary>
    private static void LanesMatchStreamStep(int gates, int features, int hidden, int stateParts, LaneKernel lanes, StreamStepKernel step)
    {
        const int streams = 45;
        int carried = stateParts * hidden;
        int stateSize = carried + 5;
        var random = new Random((features * 100) + hidden);
        float[] weights = RandomData.Uniform(random, gates * hidden * (features + hidden), 0.5);
        float[] biases = RandomData.Uniform(random, 2 * gates * hidden, 0.5);
        float[] inputs = RandomData.Uniform(random, streams * features, 2.0);
        float[] states = RandomData.Uniform(random, streams * stateSize, 1.0);
        float[] expected = (float[])states.Clone();
        var stateLanes = new float[carried * StreamLanes.MaxCount];
        if (!StreamLanes.MatchStep(features, hidden))
        {
            Assert.Throws<InvalidOperationException>(() => lanes(weights, biases, inputs, states, stateSize, 3, features, hidden, 0, stateLanes));
            return;
        }

        int count = StreamLanes.Count;
        var scratch = new float[2 * gates * hidden];
        for (int first = 0; first + count <= streams; first += count)
        {
            lanes(weights, biases, inputs, states, stateSize, stateOffset: 3, features, hidden, first, stateLanes);
            for (int lane = 0; lane < count; lane++)
            {
                int stream = first + lane;
                Span<float> state = expected.AsSpan((stream * stateSize) + 3, carried);
                step(weights, biases, inputs.AsSpan(stream * features, features), state, scratch);
                for (int k = 0; k < carried; k++)
                {
                    Assert.Equal(BitConverter.SingleToInt32Bits(state[k]), BitConverter.SingleToInt32Bits(stateLanes[(k * count) + lane]));
                }
            }
        }

        Assert.Equal(FloatBits.Of(expected), FloatBits.Of(states));
    }
}
