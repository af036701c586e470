using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Hard swish, PyTorch's <c>nn.Hardswish()</c>: <c>z relu6(z + 3) / 6</c>.</summary>
    public static float HardSwish(float z) => One<HardSwishVector>(z);

    /// <summary>Hard swish's gradient as PyTorch defines it: 0 below -3, <c>z/3 + 1/2</c> from -3 to 3, 1 above.</summary>
    public static float HardSwishGradient(float z, float gradient) => VectorGradient<HardSwishVector>(z, gradient);

    /// <summary><c>y = HardSwish(z)</c> elementwise, whole vectors at a time; the spans may be the same.</summary>
    public static void HardSwish(ReadOnlySpan<float> z, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        VectorMath.Map<HardSwishVector>(z, y);
    }

    /// <summary><c>gradZ = gradY * HardSwish'(z)</c>; the gradient spans may be the same.</summary>
    public static void HardSwishGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapVectorGradient<HardSwishVector>(z, gradY, gradZ);
}

/// <summary>HardSwish lane by lane: comparisons, not min/max, so a NaN stays NaN as in PyTorch.</summary>
internal readonly struct HardSwishVector : IVectorActivation, IVectorGradient, IElementwiseActivation
{
    /// <summary>The lanes' steps for one value: the same bits.</summary>
    public float Apply(float z) => z * HardSigmoidVector.Relu6(z + 3f) / 6f;

    public float Gradient(float z, float gradY) => z < -3f ? 0f : z <= 3f ? gradY * ((z / 3f) + 0.5f) : gradY;

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => sums * HardSigmoidVector.Relu6(sums + Vector256.Create(3f)) / Vector256.Create(6f);

    /// <summary>PyTorch's: 0 below -3, <c>z/3 + 1/2</c> from -3 to 3, 1 above (a NaN passes the gradient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Gradient(Vector256<float> z, Vector256<float> gradY) =>
        Vector256.ConditionalSelect(Vector256.LessThan(z, Vector256.Create(-3f)), Vector256<float>.Zero,
            Vector256.ConditionalSelect(Vector256.LessThanOrEqual(z, Vector256.Create(3f)), gradY * ((z / Vector256.Create(3f)) + Vector256.Create(0.5f)), gradY));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => sums * HardSigmoidVector.Relu6(sums + Vector512.Create(3f)) / Vector512.Create(6f);

    /// <summary>PyTorch's: 0 below -3, <c>z/3 + 1/2</c> from -3 to 3, 1 above (a NaN passes the gradient).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Gradient(Vector512<float> z, Vector512<float> gradY) =>
        Vector512.ConditionalSelect(Vector512.LessThan(z, Vector512.Create(-3f)), Vector512<float>.Zero,
            Vector512.ConditionalSelect(Vector512.LessThanOrEqual(z, Vector512.Create(3f)), gradY * ((z / Vector512.Create(3f)) + Vector512.Create(0.5f)), gradY));

#endif

    public void Apply(Span<float> values) => VectorMath.Map<HardSwishVector>(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = Apply(z[i]);
        }
    }
}
