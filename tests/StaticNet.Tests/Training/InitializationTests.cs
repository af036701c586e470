using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

public class InitializationTests
{
    [Fact]
    public void The_same_seed_gives_the_same_weights_and_another_seed_other_weights()
    {
        var first = new float[MixedNet.ParameterCount];
        var again = new float[MixedNet.ParameterCount];
        var other = new float[MixedNet.ParameterCount];

        MixedNet.Initialize(first, seed: 1);
        MixedNet.Initialize(again, seed: 1);
        MixedNet.Initialize(other, seed: 2);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ReLU_layers_get_He_normal_and_others_Xavier_uniform_with_zero_biases()
    {
        // WideNet: layer 1 is Dense(3000, ReLU) from 64 inputs, layer 2 Dense(10, Softmax) from 3000.
        var parameters = new float[WideNet.ParameterCount];
        WideNet.Initialize(parameters, seed: 3);

        float[] he = parameters.AsSpan(WideNet.Layer1.WeightOffset, WideNet.Layer1.WeightCount).ToArray();
        double deviation = Math.Sqrt(he.Average(w => (double)w * w));
        Assert.Equal(Math.Sqrt(2.0 / 64), deviation, 2);
        Assert.Equal(0, he.Average(w => (double)w), 2);

        float[] xavier = parameters.AsSpan(WideNet.Layer2.WeightOffset, WideNet.Layer2.WeightCount).ToArray();
        double limit = Math.Sqrt(6.0 / (3000 + 10));
        Assert.All(xavier, w => Assert.InRange(w, -limit, limit));
        Assert.True(xavier.Max() > limit * 0.99 && xavier.Min() < -limit * 0.99);

        Assert.All(parameters.AsSpan(WideNet.Layer1.BiasOffset, WideNet.Layer1.BiasCount).ToArray(), b => Assert.Equal(0f, b));
        Assert.All(parameters.AsSpan(WideNet.Layer2.BiasOffset, WideNet.Layer2.BiasCount).ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void LeakyReLU_uses_the_slope_in_the_He_gain()
    {
        var random = new SeededRandom(4);
        var weights = new float[200_000];
        Initializers.HeNormal(weights, fanIn: 50, slope: 0.5f, ref random);

        double deviation = Math.Sqrt(weights.Average(w => (double)w * w));
        Assert.Equal(Math.Sqrt(2.0 / (1 + 0.25)) / Math.Sqrt(50), deviation, 3);
    }

    [Fact]
    public void Seeded_random_is_stable_and_unbiased()
    {
        var random = new SeededRandom(12345);
        ulong first = random.NextUInt64();
        Assert.Equal(first, new SeededRandom(12345).NextUInt64());

        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
        {
            counts[random.NextInt(6)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }
}
