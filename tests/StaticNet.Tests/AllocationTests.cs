using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Forward and Backward never allocate on the managed heap once warm.</summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
public class AllocationTests
{
    /// <summary>Every network object of the test project without state or dropout, through its generated static methods.</summary>
    public static TheoryData<string> Networks => new(BatchNetworks.Deterministic);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Forward_and_Backward_allocate_nothing_over_1000_calls(string name)
    {
        NetworkFunctions network = BatchNetworks.StaticFunctions(name);
        var random = new Random(7);
        float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.5);
        float[] input = RandomData.Uniform(random, network.InputSize, 1.0);
        float[] target = RandomData.OneHot(random, network.OutputSize);
        var output = new float[network.OutputSize];
        var parameterGradients = new float[network.ParameterCount];
        var inputGradients = new float[network.InputSize];

        long allocated = Allocations.Measure(() =>
        {
            network.Forward(parameters, input, output);
            network.Backward(parameters, input, target, parameterGradients, inputGradients);
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>Graph batches: heads gathered and scattered per sample, joins, shared weights, all in the per-thread scratch.</summary>
    [Theory]
    [InlineData(nameof(DigitAndParity))]
    [InlineData(nameof(BranchyNet))]
    [InlineData(nameof(ResidualCnnNet))]
    [InlineData(nameof(LoopedTiedAutoencoder))]
    public void Graph_batches_allocate_nothing(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 1);
        var random = new Random(10);
        const int Batch = 6;
        float[] inputs = RandomData.Uniform(random, Batch * network.InputSize, 1.0);
        float[] targets = BatchNetworks.Targets(random, network, Batch);
        var outputs = new float[Batch * network.OutputSize];
        var gradients = new float[network.Parameters.Length];
        var dropout = new StaticNet.Training.SeededRandom(11);

        long allocated = Allocations.Measure(() =>
        {
            network.ForwardBatch(inputs, outputs);
            network.BackwardBatch(inputs, targets, gradients, outputs, ref dropout);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Forward_and_Backward_with_batch_normalisation_allocate_nothing()
    {
        var network = new NormEverywhereNet(seed: 1);
        var random = new Random(8);
        float[] input = RandomData.Uniform(random, NormEverywhereNet.InputSize, 1.0);
        float[] target = RandomData.OneHot(random, NormEverywhereNet.OutputSize);
        var output = new float[NormEverywhereNet.OutputSize];
        var parameterGradients = new float[NormEverywhereNet.ParameterCount];
        var inputGradients = new float[NormEverywhereNet.InputSize];
        var dropout = new StaticNet.Training.SeededRandom(9);

        long allocated = Allocations.Measure(() =>
        {
            NormEverywhereNet.Forward(network.Parameters, network.State, input, output);
            NormEverywhereNet.Backward(network.Parameters, network.State, input, target, parameterGradients, inputGradients);
            NormEverywhereNet.Backward(network.Parameters, network.State, input, target, parameterGradients, inputGradients, ref dropout);
        });

        Assert.Equal(0, allocated);
    }
}
