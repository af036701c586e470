using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>GELU's tanh approximation (PyTorch's <c>nn.GELU(approximate="tanh")</c>): <c>z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))</c>.</summary>
    public static float GELUTanh(float z) => GELUTanhFunction.Apply(z);

    /// <summary>The tanh approximation's gradient at <paramref name="z"/>.</summary>
    public static float GELUTanhGradient(float z, float gradient) => GELUTanhFunction.Gradient(z, gradient);

    /// <summary><c>y = GELUTanh(z)</c> elementwise; the spans may be the same.</summary>
    public static void GELUTanh(ReadOnlySpan<float> z, Span<float> y) => Map<GELUTanhFunction>(z, y);

    /// <summary><c>gradZ = gradY * GELUTanh'(z)</c>; the gradient spans may be the same.</summary>
    public static void GELUTanhGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<GELUTanhFunction>(z, gradY, gradZ);

    private readonly struct GELUTanhFunction : IElementwiseActivation
    {
        private const double Cubic = 0.044715;
        private static readonly double Scale = Math.Sqrt(2 / Math.PI);

        public static float Apply(float z) => (float)(0.5 * z * (1 + Math.Tanh(Scale * (z + (Cubic * z * z * z)))));

        public static float Gradient(float z, float gradient)
        {
            double t = Math.Tanh(Scale * (z + (Cubic * z * z * z)));
            double derivative = (0.5 * (1 + t)) + (0.5 * z * (1 - (t * t)) * Scale * (1 + (3 * Cubic * z * z)));
            return (float)(gradient * derivative);
        }
    }
}
