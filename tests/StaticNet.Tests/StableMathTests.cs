using System;
using System.Linq;
using StaticNet.Runtime;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Softmax and the fused losses stay finite and exact for extreme logits, on both the short and the vectorised paths.</summary>
public class StableMathTests
{
    [Theory]
    [InlineData(3, 1e4f)]
    [InlineData(40, 1e4f)]
    [InlineData(3, 1e30f)]
    [InlineData(40, 1e30f)]
    public void Softmax_matches_a_double_reference_even_for_huge_logits(int length, float magnitude)
    {
        float[] logits = Enumerable.Range(0, length).Select(i => (float)((i % 7) - 3) * (i % 2 == 0 ? magnitude : 1.5f)).ToArray();
        var probabilities = new float[length];

        Activations.Softmax(logits, probabilities);

        double max = logits.Max();
        double[] exps = logits.Select(z => Math.Exp(z - max)).ToArray();
        double sum = exps.Sum();
        for (int i = 0; i < length; i++)
        {
            Assert.True(float.IsFinite(probabilities[i]));
            Assert.Equal(exps[i] / sum, probabilities[i], 6);
        }
    }

    [Theory]
    [InlineData(3, 1e4f)]
    [InlineData(40, 1e4f)]
    [InlineData(3, 1e30f)]
    [InlineData(40, 1e30f)]
    public void Softmax_cross_entropy_is_finite_and_exact_for_a_hopeless_prediction(int length, float magnitude)
    {
        // The target class sits 2 * magnitude below the winner: log(softmax) is -2 * magnitude, not -inf.
        float[] logits = Enumerable.Range(0, length).Select(i => i == 1 ? magnitude : -magnitude).ToArray();
        var target = new float[length];
        target[0] = 1f;
        var gradient = new float[length];

        float loss = LossFunctions.SoftmaxCrossEntropy(logits, target, gradient, gradient);

        Assert.Equal(2.0 * magnitude, loss, 2.0 * magnitude * 1e-6);
        Assert.Equal(-1f, gradient[0], 6);
        Assert.Equal(1f, gradient[1], 6);
    }

    [Theory]
    [InlineData(1.8e38f, 0)] // the winner is the target: the loss is 0, where 0 * (-inf) once made it NaN
    [InlineData(3.4e38f, 0)]
    [InlineData(float.MaxValue, 0)]
    [InlineData(1.7e38f, 1)] // the target sits 3.4e38 below the winner: finite, just below float.MaxValue
    [InlineData(1.8e38f, 1)] // 3.6e38: the true loss is beyond float's range, so it rounds to infinity
    public void Softmax_cross_entropy_is_the_true_loss_rounded_to_float_at_the_edge_of_its_range(float magnitude, int targetClass)
    {
        float[] logits = [magnitude, -magnitude, 0f];
        float[] target = [0f, 0f, 0f];
        target[targetClass] = 1f;
        var gradient = new float[3];

        float loss = LossFunctions.SoftmaxCrossEntropy(logits, target, gradient, gradient);

        double exact = targetClass == 0 ? 0 : 2.0 * magnitude;
        Assert.Equal((float)exact, loss);
        Assert.False(float.IsNaN(loss));
        Assert.Equal(targetClass == 0 ? [0f, 0f, 0f] : [1f, -1f, 0f], gradient);
    }

    [Fact]
    public void ELU_matches_a_double_reference_and_its_gradient_comes_from_the_output()
    {
        float[] z = [-100f, -20f, -1f, -1e-3f, -1e-8f, -0f, 0f, 1e-8f, 0.5f, 3f, 1e30f, float.NaN];
        var y = new float[z.Length];
        Activations.ELU(z, y);
        for (int i = 0; i < z.Length; i++)
        {
            double expected = z[i] > 0 ? z[i] : Math.Exp(z[i]) - 1.0;
            Assert.Equal((float)expected, y[i]);
            Assert.Equal(y[i], Activations.ELU(z[i]));
            if (float.IsFinite(z[i]) && z[i] != 0f)
            {
                double derivative = z[i] > 0 ? 1.0 : Math.Exp(z[i]);
                Assert.Equal(derivative * 0.5, Activations.ELUGradient(y[i], 0.5f), 6);
            }
        }
    }

    [Fact]
    public void Binary_cross_entropy_and_sigmoid_stay_finite_at_the_extremes()
    {
        float[] logits = [1e4f, -1e4f, 30f, -30f];
        float[] target = [0f, 1f, 1f, 0f];
        var gradient = new float[4];

        float loss = LossFunctions.SigmoidBinaryCrossEntropy(logits, target, gradient);

        Assert.Equal((1e4 + 1e4 + 9.4e-14 + 9.4e-14) / 4, loss, 0);
        Assert.Equal([0.25f, -0.25f, 0f, 0f], gradient.Select(g => MathF.Round(g, 6)));
        Assert.Equal(1f, Activations.Sigmoid(1e4f));
        Assert.Equal(0f, Activations.Sigmoid(-1e4f));
    }

    [Fact]
    public void NaN_logits_give_NaN_outputs_rather_than_exceptions()
    {
        var output = new float[3];
        Activations.Softmax([1f, float.NaN, 2f], output);

        Assert.Contains(output, float.IsNaN);
    }

    [Theory]
    [InlineData(1000f, -1000f)]
    [InlineData(-1000f, 1000f)]
    [InlineData(88.5f, 88f)]
    public void Unrolled_two_class_softmax_is_exact_for_huge_logits(float first, float second)
    {
        // Zero weights: the logits are the output biases.
        var parameters = new float[Networks.Seed462Net.ParameterCount];
        parameters[Networks.Seed462Net.Layer2.BiasOffset] = first;
        parameters[Networks.Seed462Net.Layer2.BiasOffset + 1] = second;
        var output = new float[2];

        Networks.Seed462Net.Forward(parameters, [1f, 2f, 3f, 4f], output);

        double e = Math.Exp(-Math.Abs((double)first - second));
        Assert.Equal(first >= second ? 1 / (1 + e) : e / (1 + e), output[0], 6);
        Assert.Equal(first >= second ? e / (1 + e) : 1 / (1 + e), output[1], 6);
    }

    [Fact]
    public void Unrolled_softmax_turns_a_NaN_into_NaN_outputs()
    {
        var parameters = new float[Networks.Seed462Net.ParameterCount];
        var output = new float[2];

        Networks.Seed462Net.Forward(parameters, [float.NaN, 0f, 0f, 0f], output);
        Networks.Seed462Net.Forward(Enumerable.Repeat(0.1f, Networks.Seed462Net.ParameterCount).ToArray(), [float.NaN, 0f, 0f, 0f], output);

        Assert.All(output, value => Assert.True(float.IsNaN(value)));
    }
}
