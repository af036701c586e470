using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Softplus, PyTorch's <c>nn.Softplus()</c> (beta 1, threshold 20): <c>log(1 + exp(z))</c>, and <c>z</c> itself past 20.</summary>
    public static float Softplus(float z) => default(SoftplusFunction).Apply(z);

    /// <summary>Softplus's gradient at <paramref name="z"/>: <c>sigmoid(z)</c>, and 1 past the threshold.</summary>
    public static float SoftplusGradient(float z, float gradient) => default(SoftplusFunction).Gradient(z, gradient);

    /// <summary><c>y = Softplus(z)</c> elementwise; the spans may be the same.</summary>
    public static void Softplus(ReadOnlySpan<float> z, Span<float> y) => Map<SoftplusFunction>(z, y);

    /// <summary><c>gradZ = gradY * Softplus'(z)</c>; the gradient spans may be the same.</summary>
    public static void SoftplusGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<SoftplusFunction>(z, gradY, gradZ);

    private readonly struct SoftplusFunction : IElementwiseActivation
    {
        /// <summary>PyTorch's default: above it, softplus is the identity (the difference is below float's resolution).</summary>
        private const float Threshold = 20f;

        public float Apply(float z) => z > Threshold ? z : (float)Log1PExp(z);

        public float Gradient(float z, float gradient) => z > Threshold ? gradient : (float)(gradient * Logistic(z));
    }
}
