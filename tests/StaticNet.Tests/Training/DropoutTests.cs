using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

public class DropoutTests
{
    private static readonly float[] Parameters = RandomData.Uniform(new Random(1), DropoutNet.ParameterCount, 0.5);
    private static readonly float[] Input = RandomData.Uniform(new Random(2), DropoutNet.InputSize, 1.0);
    private static readonly float[] Target = [0f, 1f, 0f];

    [Fact]
    public void Inference_is_deterministic_and_passes_values_through()
    {
        var output = new float[3];
        var twin = new float[3];
        DropoutNet.Forward(Parameters, Input, output);
        DropoutNetTwin.Forward(Parameters, Input, twin);

        Assert.Equal(twin, output);

        var gradients = new float[DropoutNet.ParameterCount];
        var twinGradients = new float[DropoutNet.ParameterCount];
        float loss = DropoutNet.Backward(Parameters, Input, Target, gradients, Span<float>.Empty);
        float twinLoss = DropoutNetTwin.Backward(Parameters, Input, Target, twinGradients, Span<float>.Empty);
        Assert.Equal(twinLoss, loss);
        Assert.Equal(twinGradients, gradients);
    }

    [Fact]
    public void Training_keeps_the_expected_fraction_scaled_up()
    {
        var random = new SeededRandom(3);
        float[] ones = Enumerable.Repeat(1f, 100_000).ToArray();
        var output = new float[ones.Length];
        var mask = new float[ones.Length];

        DropoutKernels.Forward(ones, output, mask, 0.3f, ref random);

        float[] kept = output.Where(v => v != 0f).ToArray();
        Assert.InRange(kept.Length / (double)ones.Length, 0.69, 0.71);
        Assert.All(kept, v => Assert.Equal(1f / 0.7f, v));
        Assert.Equal(output, mask);
    }

    [Fact]
    public void The_gradient_flows_only_through_kept_units()
    {
        float[] parameters = RandomData.Uniform(new Random(4), InputDropoutNet.ParameterCount, 0.5);
        float[] target = [0.5f, -0.5f, 1f];
        var random = new SeededRandom(5);
        SeededRandom sameMask = random;
        var gradients = new float[InputDropoutNet.ParameterCount];
        var inputGradients = new float[InputDropoutNet.InputSize];
        InputDropoutNet.Backward(parameters, Input, target, gradients, inputGradients, ref random);

        // The same generator state gives the same mask; the twin sees the masked input.
        var mask = new float[Input.Length];
        DropoutKernels.Forward(Enumerable.Repeat(1f, Input.Length).ToArray(), new float[Input.Length], mask, 0.4f, ref sameMask);
        float[] masked = Input.Select((x, i) => x * mask[i]).ToArray();
        var twinGradients = new float[InputDropoutNet.ParameterCount];
        var twinInputGradients = new float[InputDropoutNet.InputSize];
        InputDropoutNetTwin.Backward(parameters, masked, target, twinGradients, twinInputGradients);

        Assert.Contains(mask, m => m == 0f);
        Assert.Contains(mask, m => m != 0f);
        for (int i = 0; i < Input.Length; i++)
        {
            Assert.Equal(twinInputGradients[i] * mask[i], inputGradients[i], 6);
            if (mask[i] == 0f)
            {
                Assert.Equal(0f, inputGradients[i]);
            }
        }

        Tolerance.Close(twinGradients, gradients, 1e-6, "parameter gradients with the same mask");
    }

    [Fact]
    public void A_training_step_is_reproducible_from_the_seed()
    {
        float[] Gradients(long seed)
        {
            var random = new SeededRandom(seed);
            var gradients = new float[DropoutNet.ParameterCount];
            DropoutNet.Backward(Parameters, Input, Target, gradients, Span<float>.Empty, ref random);
            return gradients;
        }

        Assert.Equal(Gradients(7), Gradients(7));
        Assert.NotEqual(Gradients(7), Gradients(8));
    }

    [Fact]
    public void Training_mode_gradients_match_finite_differences_for_a_fixed_mask()
    {
        var fixedMask = new SeededRandom(9);
        var network = new NetworkFunctions(
            "DropoutNet (training)", DropoutNet.ParameterCount, DropoutNet.InputSize, DropoutNet.OutputSize, DropoutNet.Forward,
            (p, x, t, gp, gx) =>
            {
                SeededRandom random = fixedMask; // a copy: every call draws the same masks
                return DropoutNet.Backward(p, x, t, gp, gx, ref random);
            });

        GradientCheck.Verify(network, Parameters.ToArray(), Input.ToArray(), Target, maxParameters: 400, seed: 1);
    }

    [Fact]
    public void Training_with_dropout_allocates_nothing_per_step()
    {
        Dataset data = Dataset.FromRows(
            Enumerable.Range(0, 16).Select(i => RandomData.Uniform(new Random(i), DropoutNet.InputSize, 1.0)).ToArray(),
            Enumerable.Range(0, 16).Select(i => RandomData.OneHot(new Random(i), 3)).ToArray());
        var network = new DropoutNet(seed: 1);
        var trainer = new Trainer(new Sgd(DropoutNet.ParameterCount, 0.01f, momentum: 0.9f));
        int[] rows = Enumerable.Range(0, 16).ToArray();

        Assert.Equal(0, Allocations.Measure(() => trainer.TrainBatch(network, data, rows)));
    }
}
