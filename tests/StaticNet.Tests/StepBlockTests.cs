using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// <c>StepBlock</c> and <c>StepBlockPacked</c>: any number of steps at once gives, bit for bit, a <c>Step</c> (or
/// <c>StepPacked</c>) per step, from any state a stream can reach, whether the block runs layer by layer (whole blocks of
/// the declared steps) or step by step (the rest, and networks whose output is not every step).
/// </summary>
public class StepBlockTests
{
    private delegate void StepMethod(ReadOnlySpan<float> parameters, Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    private delegate void PackMethod(ReadOnlySpan<float> parameters, Span<float> packed);

    private sealed record Streamed(
        string Name, int ParameterCount, int StateCount, int Steps, int StepInput, int StepOutput, IReadOnlyList<TensorSlot> Slots,
        StepMethod Step, StepMethod StepBlock, StepMethod? StepPacked, StepMethod? StepBlockPacked, PackMethod? Pack);

    private static readonly Streamed[] Networks = BatchNetworks.All.Select(BatchNetworks.TypeOf)
        .Where(type => type.GetMethod("Step", BindingFlags.Public | BindingFlags.Static) is not null)
        .Select(Bind)
        .ToArray();

    public static TheoryData<string> Names => new(Networks.Select(network => network.Name));

    private static Streamed Bind(Type type)
    {
        Type read = typeof(ReadOnlySpan<float>);
        Type write = typeof(Span<float>);
        StepMethod? Method(string name) => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, [read, write, read, write])?.CreateDelegate<StepMethod>();
        int Constant(string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
        var shape = (SampleShape)type.GetProperty("InputShape", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return new Streamed(
            type.Name, Constant("ParameterCount"), Constant("StreamStateCount"), shape.Steps, Constant("StepInputSize"), Constant("StepOutputSize"),
            (IReadOnlyList<TensorSlot>)type.GetProperty("StreamStateSlots")!.GetValue(null)!,
            Method("Step")!, Method("StepBlock")!, Method("StepPacked"), Method("StepBlockPacked"),
            type.GetMethod("PackParameters", BindingFlags.Public | BindingFlags.Static, [read, write])?.CreateDelegate<PackMethod>());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void StepBlock_gives_the_bits_of_a_Step_per_step(string name)
    {
        Streamed network = Networks.Single(candidate => candidate.Name == name);
        var random = new Random(name.Length);
        float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.6);
        Compare(network, parameters, network.Step, network.StepBlock, random);
        if (network.Pack is not null)
        {
            var packed = new float[network.ParameterCount];
            network.Pack(parameters, packed);
            Compare(network, packed, network.StepPacked!, network.StepBlockPacked!, random);
        }
    }

    [Fact]
    public void The_network_objects_StepBlock_runs_its_packed_copy_and_spans_are_checked()
    {
        var network = new WaveNetTanhNet(seed: 3);
        var state = new float[WaveNetTanhNet.StreamStateCount];
        var inputs = RandomData.Uniform(new Random(4), 30, 1.0);
        var outputs = new float[30];
        network.StepBlock(state, inputs, outputs);

        var packed = new float[WaveNetTanhNet.ParameterCount];
        WaveNetTanhNet.PackParameters(network.Parameters, packed);
        var expectedState = new float[WaveNetTanhNet.StreamStateCount];
        var expected = new float[30];
        WaveNetTanhNet.StepBlockPacked(packed, expectedState, inputs, expected);
        Assert.Equal(FloatBits.Of(expected), FloatBits.Of(outputs));
        Assert.Equal(FloatBits.Of(expectedState), FloatBits.Of(state));

        Assert.Contains("positive multiple", Assert.Throws<ArgumentException>(() => network.StepBlock(state, [], outputs)).Message);
        Assert.Contains("30", Assert.Throws<ArgumentException>(() => network.StepBlock(state, inputs, new float[29])).Message);
        Assert.Contains(WaveNetTanhNet.StreamStateCount.ToString(), Assert.Throws<ArgumentException>(() => network.StepBlock(new float[3], inputs, outputs)).Message);
    }

    /// <summary>Blocks of one step, of the declared steps, shorter and longer (whole blocks and a rest) against steps one by one.</summary>
    private static void Compare(Streamed network, float[] parameters, StepMethod step, StepMethod block, Random random)
    {
        foreach (int steps in new[] { 1, network.Steps, Math.Max(1, network.Steps - 1), (2 * network.Steps) + 3 })
        {
            float[] blockState = StreamStates.Random(random, network.Slots, network.StateCount, 1, 0.9);
            float[] stepState = (float[])blockState.Clone();
            float[] inputs = RandomData.Uniform(random, steps * network.StepInput, 2.0);
            var blockOutputs = new float[steps * network.StepOutput];
            var stepOutputs = new float[steps * network.StepOutput];
            block(parameters, blockState, inputs, blockOutputs);
            for (int t = 0; t < steps; t++)
            {
                step(parameters, stepState, inputs.AsSpan(t * network.StepInput, network.StepInput), stepOutputs.AsSpan(t * network.StepOutput, network.StepOutput));
            }

            Assert.Equal(FloatBits.Of(stepOutputs), FloatBits.Of(blockOutputs));
            Assert.Equal(FloatBits.Of(stepState), FloatBits.Of(blockState));
        }
    }
}
