using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>SiLU (swish), PyTorch's <c>nn.SiLU</c>: <c>z * sigmoid(z)</c>.</summary>
    public static float SiLU(float z) => SiLUFunction.Apply(z);

    /// <summary>SiLU's gradient at <paramref name="z"/>: <c>sigmoid(z) (1 + z (1 - sigmoid(z)))</c>.</summary>
    public static float SiLUGradient(float z, float gradient) => SiLUFunction.Gradient(z, gradient);

    /// <summary><c>y = SiLU(z)</c> elementwise; the spans may be the same.</summary>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> y) => Map<SiLUFunction>(z, y);

    /// <summary><c>gradZ = gradY * SiLU'(z)</c>; the gradient spans may be the same.</summary>
    public static void SiLUGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<SiLUFunction>(z, gradY, gradZ);

    private readonly struct SiLUFunction : IElementwiseActivation
    {
        public static float Apply(float z) => (float)(z * Logistic(z));

        public static float Gradient(float z, float gradient)
        {
            double s = Logistic(z);
            return (float)(gradient * s * (1 + (z * (1 - s))));
        }
    }
}
