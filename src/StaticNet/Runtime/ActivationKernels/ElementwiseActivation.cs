using System;
using System.Runtime.CompilerServices;

namespace StaticNet.Runtime;

/// <summary>
/// An activation applied to each value on its own, whose gradient reads the value it was applied to (<c>z</c>): the
/// scalar forms that the span forms of <see cref="Activations"/> map over, so each such activation's arithmetic is
/// written once.
/// </summary>
internal interface IElementwiseActivation
{
    static abstract float Apply(float z);

    /// <summary>dLoss/dz from dLoss/dy = <paramref name="gradient"/> at <paramref name="z"/>.</summary>
    static abstract float Gradient(float z, float gradient);
}

public static partial class Activations
{
    /// <summary><c>y[i] = T(z[i])</c>; the spans may be the same.</summary>
    private static void Map<T>(ReadOnlySpan<float> z, Span<float> y)
        where T : IElementwiseActivation
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = T.Apply(z[i]);
        }
    }

    /// <summary><c>gradZ[i] = T'(z[i]) gradY[i]</c>; the gradient spans may be the same.</summary>
    private static void MapGradient<T>(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ)
        where T : IElementwiseActivation
    {
        SpanGuard.Length(gradY.Length, z.Length, nameof(gradY));
        SpanGuard.Length(gradZ.Length, z.Length, nameof(gradZ));
        for (int i = 0; i < z.Length; i++)
        {
            gradZ[i] = T.Gradient(z[i], gradY[i]);
        }
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
