using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>
    /// GELU's tanh approximation (PyTorch's <c>nn.GELU(approximate="tanh")</c>): <c>z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))</c>,
    /// through the vector tanh so a scalar and a span give the same bits.
    /// </summary>
    public static float GELUTanh(float z) => One<GELUTanhVector>(z);

    /// <summary>The tanh approximation's gradient at <paramref name="z"/>.</summary>
    public static float GELUTanhGradient(float z, float gradient) => VectorGradient<GELUTanhVector>(z, gradient);

    /// <summary><c>y = GELUTanh(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void GELUTanh(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<GELUTanhVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * GELUTanh'(z)</c>; the gradient spans may be the same.</summary>
    public static void GELUTanhGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<GELUTanhVector>(z, gradY, gradZ);
}

/// <summary>GELU's tanh approximation lane by lane, with <see cref="VectorMath"/>'s tanh.</summary>
internal readonly struct GELUTanhVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    public const float Cubic = 0.044715f;

    /// <summary>sqrt(2 / pi).</summary>
    public const float Scale = 0.7978845608028654f;

    /// <summary>The lanes' steps for one value, with the scalar tanh.</summary>
    public float Apply(float z) => 0.5f * z * (1f + VectorMath.Tanh(Scale * (z + (Cubic * z * z * z))));

    public float Gradient(float z, float gradY)
    {
        float square = z * z;
        float t = VectorMath.Tanh(Scale * (z + (Cubic * square * z)));
        float slope = Scale * (1f + ((3 * Cubic) * square));
        return gradY * ((0.5f * (1f + t)) + (0.5f * z * (1f - (t * t)) * slope));
    }

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) =>
        Vector512.Create(0.5f) * sums * (Vector512<float>.One + VectorMath.Tanh(Vector512.Create(Scale) * (sums + (Vector512.Create(Cubic) * sums * sums * sums))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) =>
        Vector256.Create(0.5f) * sums * (Vector256<float>.One + VectorMath.Tanh(Vector256.Create(Scale) * (sums + (Vector256.Create(Cubic) * sums * sums * sums))));

    /// <summary><c>(1 + t)/2 + z/2 (1 - t^2) √(2/π) (1 + 3 · 0.044715 z^2)</c>, t the tanh, times the upstream gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY)
    {
        Vector256<float> square = z * z;
        Vector256<float> t = VectorMath.Tanh(Vector256.Create(Scale) * (z + (Vector256.Create(Cubic) * square * z)));
        Vector256<float> half = Vector256.Create(0.5f);
        Vector256<float> slope = Vector256.Create(Scale) * (Vector256<float>.One + (Vector256.Create(3 * Cubic) * square));
        return gradY * ((half * (Vector256<float>.One + t)) + (half * z * (Vector256<float>.One - (t * t)) * slope));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY)
    {
        Vector512<float> square = z * z;
        Vector512<float> t = VectorMath.Tanh(Vector512.Create(Scale) * (z + (Vector512.Create(Cubic) * square * z)));
        Vector512<float> half = Vector512.Create(0.5f);
        Vector512<float> slope = Vector512.Create(Scale) * (Vector512<float>.One + (Vector512.Create(3 * Cubic) * square));
        return gradY * ((half * (Vector512<float>.One + t)) + (half * z * (Vector512<float>.One - (t * t)) * slope));
    }

#endif

    public void Apply(Span<float> values) => VectorMath.Map<GELUTanhVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
