using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hardtanh, PyTorch's <c>nn.Hardtanh()</c>: <c>z</c> clamped to [-1, 1].</summary>
    public static float Hardtanh(float z) => One<HardtanhVector>(z);

    /// <summary>Hardtanh's gradient: 1 strictly inside (-1, 1), 0 elsewhere (as PyTorch's, 0 at the corners).</summary>
    public static float HardtanhGradient(float z, float gradient) => VectorGradient<HardtanhVector>(z, gradient);

    /// <summary><c>y = Hardtanh(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void Hardtanh(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<HardtanhVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * Hardtanh'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardtanhGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<HardtanhVector>(z, gradY, gradZ);
}

/// <summary>Hardtanh lane by lane: comparisons, not min/max, so a NaN stays NaN as in PyTorch.</summary>
internal readonly struct HardtanhVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    /// <summary>The lanes' steps for one value: the same bits.</summary>
    public float Apply(float z) => z < -1f ? -1f : z > 1f ? 1f : z;

    public float Gradient(float z, float gradY) => z > -1f && z < 1f ? gradY : 0f;

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) =>
        Vector256.ConditionalSelect(Vector256.LessThan(sums, Vector256.Create(-1f)), Vector256.Create(-1f),
            Vector256.ConditionalSelect(Vector256.GreaterThan(sums, Vector256<float>.One), Vector256<float>.One, sums));

    /// <summary>1 strictly inside (-1, 1), else 0 (PyTorch's, 0 at the corners).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(z, Vector256.Create(-1f)) & Vector256.LessThan(z, Vector256<float>.One), gradY, Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) =>
        Vector512.ConditionalSelect(Vector512.LessThan(sums, Vector512.Create(-1f)), Vector512.Create(-1f),
            Vector512.ConditionalSelect(Vector512.GreaterThan(sums, Vector512<float>.One), Vector512<float>.One, sums));

    /// <summary>1 strictly inside (-1, 1), else 0 (PyTorch's, 0 at the corners).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(z, Vector512.Create(-1f)) & Vector512.LessThan(z, Vector512<float>.One), gradY, Vector512<float>.Zero);

#endif

    public void Apply(Span<float> values) => VectorMath.Map<HardtanhVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
