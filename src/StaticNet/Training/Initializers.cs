using System;

namespace StaticNet.Training;

/// <summary>
/// Weight initialisers with PyTorch's definitions. The generated <c>Initialize</c> picks He (Kaiming)
/// normal for the weights before a rectifier (ReLU, LeakyReLU, PReLU, ELU and the smooth ReLUs) and Xavier (Glorot)
/// uniform for the others, with each layer's fan-in and fan-out known at compile time; biases start at zero. Recurrent
/// layers start uniform, as PyTorch's.
/// </summary>
public static class Initializers
{
    /// <summary>
    /// Xavier/Glorot uniform: <c>U(-a, a)</c> with <c>a = sqrt(6 / (fanIn + fanOut))</c>
    /// (<c>torch.nn.init.xavier_uniform_</c> with gain 1).
    /// </summary>
    public static void XavierUniform(Span<float> weights, int fanIn, int fanOut, ref SeededRandom random)
    {
        double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * limit);
        }
    }

    /// <summary>
    /// <c>U(-bound, bound)</c> for every value: PyTorch's recurrent layers start all their weights and biases this way,
    /// with <c>bound = 1 / sqrt(hidden)</c>.
    /// </summary>
    public static void Uniform(Span<float> values, float bound, ref SeededRandom random)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2.0) - 1.0) * bound);
        }
    }

    /// <summary>
    /// He/Kaiming normal, fan-in mode: <c>N(0, std²)</c> with <c>std = sqrt(2 / (1 + slope²)) / sqrt(fanIn)</c>
    /// (<c>torch.nn.init.kaiming_normal_</c>; slope 0 for ReLU, the negative slope for LeakyReLU).
    /// </summary>
    public static void HeNormal(Span<float> weights, int fanIn, float slope, ref SeededRandom random)
    {
        double deviation = Math.Sqrt(2.0 / (1.0 + (slope * (double)slope))) / Math.Sqrt(fanIn);
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextGaussian() * deviation);
        }
    }
}
