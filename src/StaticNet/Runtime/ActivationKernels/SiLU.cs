using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>SiLU (swish), PyTorch's <c>nn.SiLU</c>: <c>z * sigmoid(z)</c>, through the vector sigmoid so a scalar and a span give the same bits.</summary>
    public static float SiLU(float z) => One<SiLUVector>(z);

    /// <summary>SiLU's gradient at <paramref name="z"/>: <c>sigmoid(z) (1 + z (1 - sigmoid(z)))</c>, lane by lane as the span form.</summary>
    public static float SiLUGradient(float z, float gradient) => VectorGradient<SiLUVector>(z, gradient);

    /// <summary><c>y = SiLU(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void SiLU(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<SiLUVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * SiLU'(z)</c>; the gradient spans may be the same.</summary>
    public static void SiLUGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<SiLUVector>(z, gradY, gradZ);
}

/// <summary>SiLU lane by lane: <c>z * sigmoid(z)</c> with <see cref="VectorMath"/>'s sigmoid.</summary>
internal readonly struct SiLUVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    /// <summary>The lanes' steps for one value, with the scalar sigmoid.</summary>
    public float Apply(float z) => z * VectorMath.Sigmoid(z);

    public float Gradient(float z, float gradY)
    {
        float s = VectorMath.Sigmoid(z);
        return gradY * s * (1f + (z * (1f - s)));
    }

#if NET8_0_OR_GREATER
    /// <summary><c>sigmoid(z) (1 + z (1 - sigmoid(z)))</c> times the upstream gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY)
    {
        Vector256<float> s = VectorMath.Sigmoid(z);
        return gradY * s * (Vector256<float>.One + (z * (Vector256<float>.One - s)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY)
    {
        Vector512<float> s = VectorMath.Sigmoid(z);
        return gradY * s * (Vector512<float>.One + (z * (Vector512<float>.One - s)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => sums * VectorMath.Sigmoid(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => sums * VectorMath.Sigmoid(sums);

#endif

    public void Apply(Span<float> values) => VectorMath.Map<SiLUVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
