using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Generated Forward and Backward against PyTorch's float64 reference values.</summary>
public class FixtureTests
{
    public static readonly string[] FixtureNames = ["seed-4-6-2", "tiny-tanh", "sigmoid-bce", "leaky-mse", "cnn-small", "r-nobias-cnn", "r-hidden-softmax", "r-clip-mlp",
        "r-graph-multitask", "r-graph-tied-autoencoder", "r-graph-siamese", "r-seq-lstm-last", "r-seq-gru-lstm", "r-seq-gru-dense", "r-seq-conv1d", "r-seq-causal-conv-gru", "r-seq-conv1d-nobias", "r-seq-gated-wavenet", "r-seq-tcn-concat",
        "r-activations-looped", "r-activations-hard", "r-activations-sequence"];

    /// <summary>With the fixtures that have no optimizer traces: PReLU and ELU, a residual graph, a GRU, the newer activations.</summary>
    public static TheoryData<string> Fixtures => new([.. FixtureNames, "p-prelu-elu-mlp", "g-res-mlp", "s-gru-last-softmax", "a-activations-mlp", "m-gated-mlp", "w-wavenet-tanh"]);

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Constants_match_the_fixture(string name)
    {
        Fixture fixture = Fixture.Load(name);
        NetworkFunctions network = FixtureNetworks.ForFixture(name);

        Assert.Equal(fixture.ParameterCount, network.ParameterCount);
        Assert.Equal(fixture.Cases[0].Input.Length, network.InputSize);
        Assert.Equal(fixture.Cases[0].Output.Length, network.OutputSize);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Forward_matches_PyTorch_outputs(string name)
    {
        Fixture fixture = Fixture.Load(name);
        NetworkFunctions network = FixtureNetworks.ForFixture(name);
        var output = new float[network.OutputSize];

        foreach ((FixtureCase sample, int index) in fixture.Cases.Select((c, i) => (c, i)))
        {
            network.Forward(fixture.Parameters, sample.Input, output);
            Tolerance.Close(sample.Output, output, Tolerance.Values, $"{name} case {index} output");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Backward_matches_PyTorch_loss_and_gradients(string name)
    {
        Fixture fixture = Fixture.Load(name);
        NetworkFunctions network = FixtureNetworks.ForFixture(name);

        foreach ((FixtureCase sample, int index) in fixture.Cases.Select((c, i) => (c, i)))
        {
            var parameterGradients = new float[network.ParameterCount];
            var inputGradients = new float[network.InputSize];
            float loss = network.Backward(fixture.Parameters, sample.Input, sample.Target, parameterGradients, inputGradients);

            Tolerance.Close(sample.Loss, loss, Tolerance.Values, $"{name} case {index} loss");
            Tolerance.Close(sample.GradParameters, parameterGradients, Tolerance.Gradients, $"{name} case {index} dLoss/dParameters");
            Tolerance.Close(sample.GradInput, inputGradients, Tolerance.Gradients, $"{name} case {index} dLoss/dInput");
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Backward_adds_into_parameter_gradients_and_overwrites_input_gradients(string name)
    {
        Fixture fixture = Fixture.Load(name);
        NetworkFunctions network = FixtureNetworks.ForFixture(name);
        FixtureCase first = fixture.Cases[0];
        FixtureCase second = fixture.Cases[1];

        // Start from non-zero sums: Backward must add to them, not replace them.
        var parameterGradients = Enumerable.Range(0, network.ParameterCount).Select(i => 0.5f + i % 7).ToArray();
        float[] start = parameterGradients.ToArray();
        var inputGradients = Enumerable.Repeat(123f, network.InputSize).ToArray();

        network.Backward(fixture.Parameters, first.Input, first.Target, parameterGradients, inputGradients);
        network.Backward(fixture.Parameters, second.Input, second.Target, parameterGradients, inputGradients);

        float[] expected = start.Select((s, i) => s + first.GradParameters[i] + second.GradParameters[i]).ToArray();
        Tolerance.Close(expected, parameterGradients, Tolerance.Gradients, $"{name} accumulated gradients");
        Tolerance.Close(second.GradInput, inputGradients, Tolerance.Gradients, $"{name} input gradients of the last call");
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Backward_without_input_gradients_gives_the_same_parameter_gradients(string name)
    {
        Fixture fixture = Fixture.Load(name);
        NetworkFunctions network = FixtureNetworks.ForFixture(name);
        FixtureCase sample = fixture.Cases[2];
        var with = new float[network.ParameterCount];
        var without = new float[network.ParameterCount];

        float lossWith = network.Backward(fixture.Parameters, sample.Input, sample.Target, with, new float[network.InputSize]);
        float lossWithout = network.Backward(fixture.Parameters, sample.Input, sample.Target, without, Span<float>.Empty);

        Assert.Equal(lossWith, lossWithout);
        Assert.Equal(with, without);
    }
}
