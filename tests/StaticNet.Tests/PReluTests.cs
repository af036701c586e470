using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// PReLU's layout, initial slopes, state_dict names and one optimizer step. Its outputs, loss and gradients (the slopes'
/// included) are checked against PyTorch by FixtureTests (p-prelu-elu-mlp), and by finite differences, ONNX Runtime and
/// the batch tests.
/// </summary>
public class PReluTests
{
    [Fact]
    public void Slopes_sit_after_the_bias_one_per_feature_or_channel_and_start_at_a_quarter()
    {
        Assert.Equal((6 * 8) + 8 + 8 + (8 * 5) + 5 + (5 * 3) + 3, PReluEluNet.ParameterCount);
        Assert.Equal(PReluEluNet.Layer1.BiasOffset + 8, PReluEluNet.Layer1.SlopeOffset);
        Assert.Equal(8, PReluEluNet.Layer1.SlopeCount);
        Assert.Equal(PReluEluNet.Layer1.SlopeOffset + 8, PReluEluNet.Layer2.WeightOffset);
        Assert.Equal(3, LoopedPReluNet.Layer1.SlopeCount); // one per channel of the convolution
        Assert.Equal(["0.weight", "0.bias", "1.weight", "2.weight", "2.bias", "4.weight", "4.bias"], PReluEluNet.TensorSlots.Select(slot => slot.Name));

        var parameters = new float[PReluEluNet.ParameterCount];
        PReluEluNet.Initialize(parameters, seed: 1);
        Assert.All(parameters.AsSpan(PReluEluNet.Layer1.SlopeOffset, 8).ToArray(), slope => Assert.Equal(0.25f, slope));
    }

    [Fact]
    public void One_SGD_step_moves_the_slopes_by_their_PyTorch_gradient()
    {
        Fixture fixture = Fixture.Load("p-prelu-elu-mlp");
        var network = new PReluEluNet(fixture.Parameters);
        var data = Dataset.FromRows(fixture.Cases.Select(c => c.Input).ToArray(), fixture.Cases.Select(c => c.Target).ToArray());
        const float Rate = 0.1f;

        new Trainer(new Sgd(PReluEluNet.ParameterCount, Rate)).TrainBatch(network, data, [0, 1, 2]);

        // The step of PyTorch's optimizer: the mean of the fixture's per-sample gradients, times the rate.
        float[] expected = fixture.Parameters.Select((p, i) => p - (Rate * fixture.Cases.Average(c => c.GradParameters[i]))).ToArray();
        Tolerance.Close(expected, network.Parameters, 1e-5, "parameters after one step");
        int slopes = PReluEluNet.Layer1.SlopeOffset;
        Assert.NotEqual(fixture.Parameters[slopes + 1], network.Parameters[slopes + 1]);
    }
}
