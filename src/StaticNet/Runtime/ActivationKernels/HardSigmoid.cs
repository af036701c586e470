using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hard sigmoid, PyTorch's <c>nn.Hardsigmoid()</c>: <c>relu6(z + 3) / 6</c>.</summary>
    public static float HardSigmoid(float z) => HardSigmoidFunction.Apply(z);

    /// <summary>Hard sigmoid's gradient: 1/6 strictly inside (-3, 3), 0 elsewhere.</summary>
    public static float HardSigmoidGradient(float z, float gradient) => HardSigmoidFunction.Gradient(z, gradient);

    /// <summary><c>y = HardSigmoid(z)</c> elementwise; the spans may be the same.</summary>
    public static void HardSigmoid(ReadOnlySpan<float> z, Span<float> y) => Map<HardSigmoidFunction>(z, y);

    /// <summary><c>gradZ = gradY * HardSigmoid'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardSigmoidGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<HardSigmoidFunction>(z, gradY, gradZ);

    private readonly struct HardSigmoidFunction : IElementwiseActivation
    {
        public static float Apply(float z) => Relu6(z + 3f) / 6f;

        public static float Gradient(float z, float gradient) => z > -3f && z < 3f ? gradient / 6f : 0f;
    }

    /// <summary><c>min(max(x, 0), 6)</c>, keeping a NaN.</summary>
    private static float Relu6(float x) => x < 0f ? 0f : x > 6f ? 6f : x;
}
