using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// An activation applied to each value on its own, whose gradient reads the value it was applied to (<c>z</c>): the
/// scalar forms that the span forms of <see cref="Activations"/> map over, so each such activation's arithmetic is
/// written once.
/// </summary>
internal interface IElementwiseActivation : IElementwiseGradient
{
    float Apply(float z);
}

/// <summary>An activation's gradient one value at a time: dLoss/dz from what it reads (its input, or for some its output).</summary>
internal interface IElementwiseGradient
{
    /// <summary>dLoss/dz from dLoss/dy = <paramref name="gradient"/> at <paramref name="z"/>.</summary>
    float Gradient(float z, float gradient);
}

/// <summary>
/// An activation's gradient lane by lane, from its input <c>z</c> and dLoss/dy: dLoss/dz. Where there are no vectors
/// (netstandard2.1) it has no members: its activations' gradients go through <see cref="IElementwiseGradient"/>.
/// </summary>
internal interface IVectorGradient
{
#if NET8_0_OR_GREATER
    Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY);

    Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY);
#endif
}

public static partial class Activations
{
    /// <summary><c>y[i] = T(z[i])</c>; the spans may be the same.</summary>
    private static void Map<T>(ReadOnlySpan<float> z, Span<float> y)
        where T : struct, IElementwiseActivation
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = default(T).Apply(z[i]);
        }
    }

    /// <summary><c>gradZ[i] = T'(z[i]) gradY[i]</c>; the gradient spans may be the same.</summary>
    private static void MapGradient<T>(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ)
        where T : struct, IElementwiseGradient
    {
        SpanGuard.Length(gradY.Length, z.Length, nameof(gradY));
        SpanGuard.Length(gradZ.Length, z.Length, nameof(gradZ));
        for (int i = 0; i < z.Length; i++)
        {
            gradZ[i] = default(T).Gradient(z[i], gradY[i]);
        }
    }

    /// <summary>
    /// One value through <typeparamref name="T"/>: through its lanes where vectors are accelerated, else its scalar
    /// form, so the same bits as the span form gives it either way.
    /// </summary>
    private static float One<T>(float z)
        where T : struct, IVectorActivation, IElementwiseActivation
    {
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            return default(T).Apply(Vector256.Create(z)).ToScalar();
        }
#endif
        return default(T).Apply(z);
    }

    /// <summary>One value's gradient through <typeparamref name="T"/>, as <see cref="One{T}"/>: the bits the span form gives it.</summary>
    private static float VectorGradient<T>(float z, float gradient)
        where T : struct, IVectorGradient, IElementwiseGradient
    {
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            return default(T).Gradient(Vector256.Create(z), Vector256.Create(gradient)).ToScalar();
        }
#endif
        return default(T).Gradient(z, gradient);
    }

    /// <summary>
    /// <c>gradZ = T'(z) gradY</c> in whole vectors (16 lanes where AVX-512 runs at full width, the same operations lane by
    /// lane as 8), the last few values in one padded vector; value by value in the scalar form where vectors are not
    /// accelerated. The gradient spans may be the same.
    /// </summary>
    private static void MapVectorGradient<T>(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ)
        where T : struct, IVectorGradient, IElementwiseGradient
    {
#if NET8_0_OR_GREATER
        if (!Vector256.IsHardwareAccelerated)
#endif
        {
            MapGradient<T>(z, gradY, gradZ);
            return;
        }

#if NET8_0_OR_GREATER
        SpanGuard.Length(gradY.Length, z.Length, nameof(gradY));
        SpanGuard.Length(gradZ.Length, z.Length, nameof(gradZ));
        ref float values = ref MemoryMarshal.GetReference(z);
        ref float upstream = ref MemoryMarshal.GetReference(gradY);
        ref float destination = ref MemoryMarshal.GetReference(gradZ);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= z.Length; i += 16)
            {
                default(T).Gradient(Vector512.LoadUnsafe(ref values, (nuint)i), Vector512.LoadUnsafe(ref upstream, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i + 8 <= z.Length; i += 8)
        {
            default(T).Gradient(Vector256.LoadUnsafe(ref values, (nuint)i), Vector256.LoadUnsafe(ref upstream, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        }

        if (i < z.Length)
        {
            Span<float> lanes = stackalloc float[16];
            lanes.Clear();
            int rest = z.Length - i;
            z.Slice(i).CopyTo(lanes);
            gradY.Slice(i).CopyTo(lanes.Slice(8));
            default(T).Gradient(Vector256.Create<float>(lanes), Vector256.Create<float>(lanes.Slice(8))).CopyTo(lanes);
            lanes.Slice(0, rest).CopyTo(gradZ.Slice(i));
        }
#endif
    }

    /// <summary>The logistic function in double, for the activations built on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Logistic(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary><c>log(1 + exp(z))</c> without overflow or lost digits, in double.</summary>
    private static double Log1PExp(double z) => z > 0 ? z + Log1P(Math.Exp(-z)) : Log1P(Math.Exp(z));

    /// <summary><c>log(1 + u)</c> to full precision for small <paramref name="u"/> (Goldberg's correction of the rounded sum).</summary>
    private static double Log1P(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }
}
