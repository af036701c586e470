using System;
using System.Linq;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>
/// The rules the PyTorch fixtures do not cover, against scalar double-precision references written
/// from PyTorch's documented algorithms. 13 parameters: not a whole number of SIMD vectors.
/// </summary>
public class OptimizerTests
{
    private const int Count = 13;
    private const int Steps = 6;

    [Theory]
    [InlineData(0f, false, 0f, 0f, 0f)]
    [InlineData(0.9f, false, 0f, 0.01f, 0f)]
    [InlineData(0.9f, true, 0f, 0.01f, 0.001f)]
    [InlineData(0.8f, false, 0.3f, 0f, 0.002f)]
    public void Sgd_matches_the_reference(float momentum, bool nesterov, float dampening, float weightDecay, float l1)
    {
        var optimizer = new Sgd(Count, 0.1f, momentum, nesterov, dampening) { WeightDecay = weightDecay, L1 = l1 };
        var buffer = new double[Count];
        Compare(optimizer, (p, g, t) =>
        {
            for (int i = 0; i < Count; i++)
            {
                double d = g[i] + (weightDecay * p[i]) + (l1 * Math.Sign(p[i]));
                if (momentum != 0)
                {
                    buffer[i] = t == 1 ? d : (momentum * buffer[i]) + ((1 - dampening) * d);
                    d = nesterov ? d + (momentum * buffer[i]) : buffer[i];
                }

                p[i] -= 0.1 * d;
            }
        });
    }

    [Theory]
    [InlineData(0f, false, 0f)]
    [InlineData(0.9f, false, 0.01f)]
    [InlineData(0f, true, 0f)]
    [InlineData(0.5f, true, 0.001f)]
    public void RmsProp_matches_the_reference(float momentum, bool centered, float weightDecay)
    {
        const double alpha = 0.99, epsilon = 1e-8, rate = 0.01;
        var optimizer = new RmsProp(Count, (float)rate, (float)alpha, (float)epsilon, momentum, centered) { WeightDecay = weightDecay };
        var square = new double[Count];
        var mean = new double[Count];
        var buffer = new double[Count];
        Compare(optimizer, (p, g, _) =>
        {
            for (int i = 0; i < Count; i++)
            {
                double d = g[i] + (weightDecay * p[i]);
                square[i] = (alpha * square[i]) + ((1 - alpha) * d * d);
                double variance = square[i];
                if (centered)
                {
                    mean[i] = (alpha * mean[i]) + ((1 - alpha) * d);
                    variance -= mean[i] * mean[i];
                }

                double step = d / (Math.Sqrt(variance) + epsilon);
                if (momentum != 0)
                {
                    buffer[i] = (momentum * buffer[i]) + step;
                    step = buffer[i];
                }

                p[i] -= rate * step;
            }
        });
    }

    [Fact]
    public void Adam_with_L1_matches_the_reference()
    {
        const double rate = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8, l1 = 0.01;
        var optimizer = new Adam(Count, (float)rate) { L1 = (float)l1 };
        var m = new double[Count];
        var v = new double[Count];
        Compare(optimizer, (p, g, t) =>
        {
            for (int i = 0; i < Count; i++)
            {
                double d = g[i] + (l1 * Math.Sign(p[i]));
                m[i] = (beta1 * m[i]) + ((1 - beta1) * d);
                v[i] = (beta2 * v[i]) + ((1 - beta2) * d * d);
                double mHat = m[i] / (1 - Math.Pow(beta1, t));
                double vHat = v[i] / (1 - Math.Pow(beta2, t));
                p[i] -= rate * mHat / (Math.Sqrt(vHat) + epsilon);
            }
        });
    }

    [Fact]
    public void Reset_forgets_the_state()
    {
        var optimizer = new Adam(Count, 0.01f);
        float[] parameters = Enumerable.Repeat(1f, Count).ToArray();
        float[] gradients = Enumerable.Repeat(0.5f, Count).ToArray();
        optimizer.Step(parameters, gradients);
        float[] afterOneStep = parameters.ToArray();

        optimizer.Reset();
        parameters = Enumerable.Repeat(1f, Count).ToArray();
        optimizer.Step(parameters, gradients);

        Assert.Equal(afterOneStep, parameters);
        Assert.Equal(1, optimizer.Steps);
    }

    [Fact]
    public void Wrong_lengths_are_rejected()
    {
        var optimizer = new Sgd(Count, 0.1f);
        ArgumentException error = Assert.Throws<ArgumentException>(() => optimizer.Step(new float[Count], new float[Count - 1]));
        Assert.Equal("gradients", error.ParamName);
    }

    [Fact]
    public void Schedules_follow_PyTorch()
    {
        var step = new StepDecay(stepSize: 3, gamma: 0.1f);
        var cosine = new CosineDecay(period: 10, minimum: 0.001f);

        Assert.Equal([1f, 1f, 1f, 0.1f, 0.1f, 0.1f], Enumerable.Range(0, 6).Select(e => step.RateAt(e, 1f)));
        Assert.Equal(0.1f, cosine.RateAt(0, 0.1f), 6);
        Assert.Equal(0.001f + ((0.1f - 0.001f) / 2f), cosine.RateAt(5, 0.1f), 6);
        Assert.Equal(0.001f, cosine.RateAt(10, 0.1f), 6);
    }

    private static void Compare(Optimizer optimizer, Action<double[], double[], int> reference)
    {
        var random = new Random(42);
        float[] parameters = RandomData.Uniform(random, Count, 1.0);
        parameters[3] = 0f; // sign(0) = 0 for the L1 term
        double[] expected = parameters.Select(p => (double)p).ToArray();
        for (int t = 1; t <= Steps; t++)
        {
            float[] gradients = RandomData.Uniform(random, Count, 0.5);
            optimizer.Step(parameters, gradients);
            reference(expected, gradients.Select(g => (double)g).ToArray(), t);
        }

        Tolerance.Close(expected.Select(e => (float)e).ToArray(), parameters, 1e-5, optimizer.GetType().Name);
    }
}
