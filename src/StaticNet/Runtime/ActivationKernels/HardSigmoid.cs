using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hard sigmoid, PyTorch's <c>nn.Hardsigmoid()</c>: <c>relu6(z + 3) / 6</c>.</summary>
    public static float HardSigmoid(float z) => One<HardSigmoidVector>(z);

    /// <summary>Hard sigmoid's gradient: 1/6 strictly inside (-3, 3), 0 elsewhere.</summary>
    public static float HardSigmoidGradient(float z, float gradient) => VectorGradient<HardSigmoidVector>(z, gradient);

    /// <summary><c>y = HardSigmoid(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void HardSigmoid(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<HardSigmoidVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * HardSigmoid'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardSigmoidGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<HardSigmoidVector>(z, gradY, gradZ);
}

/// <summary>HardSigmoid lane by lane: comparisons, not min/max, so a NaN stays NaN as in PyTorch.</summary>
internal readonly struct HardSigmoidVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    /// <summary>The lanes' steps for one value: the same bits.</summary>
    public float Apply(float z) => Relu6(z + 3f) / 6f;

    public float Gradient(float z, float gradY) => z > -3f && z < 3f ? gradY / 6f : 0f;

    /// <summary><c>min(max(x, 0), 6)</c>, a NaN kept.</summary>
    internal static float Relu6(float x) => x < 0f ? 0f : x > 6f ? 6f : x;

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => Relu6(sums + Vector256.Create(3f)) / Vector256.Create(6f);

    /// <summary>1/6 strictly inside (-3, 3), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(-3f)) & Vector256.LessThan(z, Vector256.Create(3f)), gradY / Vector256.Create(6f), Vector256<float>.Zero);

    /// <summary><c>min(max(x, 0), 6)</c>, a NaN kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Relu6(Vector256<float> x) =>
        Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<float>.Zero), Vector256<float>.Zero,
            Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(6f)), Vector256.Create(6f), x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => Relu6(sums + Vector512.Create(3f)) / Vector512.Create(6f);

    /// <summary>1/6 strictly inside (-3, 3), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(-3f)) & Vector512.LessThan(z, Vector512.Create(3f)), gradY / Vector512.Create(6f), Vector512<float>.Zero);

    /// <summary><c>min(max(x, 0), 6)</c>, a NaN kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Relu6(Vector512<float> x) =>
        Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512<float>.Zero), Vector512<float>.Zero,
            Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512.Create(6f)), Vector512.Create(6f), x));

#endif

    public void Apply(Span<float> values) => VectorMath.Map<HardSigmoidVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
