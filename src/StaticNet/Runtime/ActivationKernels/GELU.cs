using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>
    /// GELU, exact (PyTorch's <c>nn.GELU()</c>): <c>z Φ(z)</c>, Φ the standard normal distribution function, in float
    /// lane by lane (<see cref="GELUVector"/>) so a scalar and a span give the same bits.
    /// </summary>
    public static float GELU(float z) => One<GELUVector>(z);

    /// <summary>GELU's gradient at <paramref name="z"/>: <c>Φ(z) + z φ(z)</c>, lane by lane as the span form.</summary>
    public static float GELUGradient(float z, float gradient) => VectorGradient<GELUVector>(z, gradient);

    /// <summary><c>y = GELU(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void GELU(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<GELUVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * GELU'(z)</c>; the gradient spans may be the same.</summary>
    public static void GELUGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<GELUVector>(z, gradY, gradZ);
}

/// <summary>
/// GELU lane by lane: <c>z Φ(z)</c> with <c>2 Φ(z) = erfc(-z/√2)</c> from Abramowitz and Stegun's 7.1.26,
/// <c>erfc(x) ≈ (a1 t + ... + a5 t^5) exp(-x^2)</c>, <c>t = 1/(1 + p x)</c> for <c>x ≥ 0</c>: its absolute error below
/// 1.5e-7 is a rounding of <c>1 + erf</c>, and below zero <c>2 Φ</c> is taken as erfc itself, without the cancellation of
/// <c>1 + erf</c> (PyTorch's form) in the far tail.
/// </summary>
internal readonly struct GELUVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    private const float P = 0.3275911f;
    private const float A1 = 0.254829592f;
    private const float A2 = -0.284496736f;
    private const float A3 = 1.421413741f;
    private const float A4 = -1.453152027f;
    private const float A5 = 1.061405429f;
    private const float InverseSqrt2 = 0.70710678118654752f;

    /// <summary>1/√(2π): the standard normal density at 0.</summary>
    private const float Density = 0.3989422804014327f;

    /// <summary>The lanes' steps for one value (within rounding of them: the scalar exp is not fused).</summary>
    public float Apply(float z) => 0.5f * z * TwicePhi(z, out _);

    public float Gradient(float z, float gradY)
    {
        float twicePhi = TwicePhi(z, out float gaussian);
        return gradY * ((0.5f * twicePhi) + (z * Density * gaussian));
    }

    private static float TwicePhi(float z, out float gaussian)
    {
        float x = MathF.Abs(z) * InverseSqrt2;
        float t = 1f / (1f + (P * x));
        float poly = t * (A1 + (t * (A2 + (t * (A3 + (t * (A4 + (t * A5))))))));
        gaussian = VectorMath.Exp(-(x * x));
        float erfc = poly * gaussian;
        return z < 0f ? erfc : 2f - erfc;
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => Vector256.Create(0.5f) * sums * TwicePhi(sums, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => Vector512.Create(0.5f) * sums * TwicePhi(sums, out _);

    /// <summary><c>Φ(z) + z φ(z)</c> times the upstream gradient, φ(z) = exp(-z²/2)/√(2π) from the same exp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY)
    {
        Vector256<float> twicePhi = TwicePhi(z, out Vector256<float> gaussian);
        return gradY * ((Vector256.Create(0.5f) * twicePhi) + (z * Vector256.Create(Density) * gaussian));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY)
    {
        Vector512<float> twicePhi = TwicePhi(z, out Vector512<float> gaussian);
        return gradY * ((Vector512.Create(0.5f) * twicePhi) + (z * Vector512.Create(Density) * gaussian));
    }

    /// <summary><c>2 Φ(z)</c>, and <c>exp(-z²/2)</c> on the way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> TwicePhi(Vector256<float> z, out Vector256<float> gaussian)
    {
        Vector256<float> x = Vector256.Abs(z) * Vector256.Create(InverseSqrt2);
        Vector256<float> t = Vector256<float>.One / (Vector256<float>.One + (Vector256.Create(P) * x));
        Vector256<float> poly = t * (Vector256.Create(A1) + (t * (Vector256.Create(A2) + (t * (Vector256.Create(A3) + (t * (Vector256.Create(A4) + (t * Vector256.Create(A5)))))))));
        gaussian = VectorMath.Exp(-(x * x));
        Vector256<float> erfc = poly * gaussian;
        return Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256<float>.Zero), erfc, Vector256.Create(2f) - erfc);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TwicePhi(Vector512<float> z, out Vector512<float> gaussian)
    {
        Vector512<float> x = Vector512.Abs(z) * Vector512.Create(InverseSqrt2);
        Vector512<float> t = Vector512<float>.One / (Vector512<float>.One + (Vector512.Create(P) * x));
        Vector512<float> poly = t * (Vector512.Create(A1) + (t * (Vector512.Create(A2) + (t * (Vector512.Create(A3) + (t * (Vector512.Create(A4) + (t * Vector512.Create(A5)))))))));
        gaussian = VectorMath.Exp(-(x * x));
        Vector512<float> erfc = poly * gaussian;
        return Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512<float>.Zero), erfc, Vector512.Create(2f) - erfc);
    }

#endif

    public void Apply(Span<float> values) => VectorMath.Map<GELUVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
