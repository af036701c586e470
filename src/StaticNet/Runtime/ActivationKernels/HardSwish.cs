using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hard swish, PyTorch's <c>nn.Hardswish()</c>: <c>z relu6(z + 3) / 6</c>.</summary>
    public static float HardSwish(float z) => HardSwishFunction.Apply(z);

    /// <summary>Hard swish's gradient as PyTorch defines it: 0 below -3, <c>z/3 + 1/2</c> from -3 to 3, 1 above.</summary>
    public static float HardSwishGradient(float z, float gradient) => HardSwishFunction.Gradient(z, gradient);

    /// <summary><c>y = HardSwish(z)</c> elementwise; the spans may be the same.</summary>
    public static void HardSwish(ReadOnlySpan<float> z, Span<float> y) => Map<HardSwishFunction>(z, y);

    /// <summary><c>gradZ = gradY * HardSwish'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardSwishGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<HardSwishFunction>(z, gradY, gradZ);

    private readonly struct HardSwishFunction : IElementwiseActivation
    {
        public static float Apply(float z) => z * Relu6(z + 3f) / 6f;

        public static float Gradient(float z, float gradient) => z < -3f ? 0f : z <= 3f ? gradient * ((z / 3f) + 0.5f) : gradient;
    }
}
