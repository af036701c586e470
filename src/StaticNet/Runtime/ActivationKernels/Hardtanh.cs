using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hardtanh, PyTorch's <c>nn.Hardtanh()</c>: <c>z</c> clamped to [-1, 1].</summary>
    public static float Hardtanh(float z) => HardtanhFunction.Apply(z);

    /// <summary>Hardtanh's gradient: 1 strictly inside (-1, 1), 0 elsewhere (as PyTorch's, 0 at the corners).</summary>
    public static float HardtanhGradient(float z, float gradient) => HardtanhFunction.Gradient(z, gradient);

    /// <summary><c>y = Hardtanh(z)</c> elementwise; the spans may be the same.</summary>
    public static void Hardtanh(ReadOnlySpan<float> z, Span<float> y) => Map<HardtanhFunction>(z, y);

    /// <summary><c>gradZ = gradY * Hardtanh'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardtanhGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<HardtanhFunction>(z, gradY, gradZ);

    private readonly struct HardtanhFunction : IElementwiseActivation
    {
        // Comparisons, not Math.Clamp: a NaN stays NaN.
        public static float Apply(float z) => z < -1f ? -1f : z > 1f ? 1f : z;

        public static float Gradient(float z, float gradient) => z > -1f && z < 1f ? gradient : 0f;
    }
}
