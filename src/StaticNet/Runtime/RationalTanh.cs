using System;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// tanh at inference: <c>x P(x²) / Q(x²)</c>, P and Q of degree 4 in x², the argument clamped to ±8.9: eight
/// multiply-adds and one division. Each polynomial is evaluated in Estrin's form (its halves P0 + P1 z and
/// P2 + P3 z + P4 z² side by side, joined by z²): three multiply-adds deep instead of Horner's four, which takes four
/// cycles off every tanh's chain (an LSTM-3 step waits on two in turn: 55 -> 50 ns with the step's own shorter chain).
/// The coefficients were fitted by weighted least squares in 40-digit arithmetic (relative error 2.2e-8 on [0, 9] before
/// float rounding). In float, with fused multiply-adds, every float is within 5.4 ulp of tanh rounded to float (3.2e-7
/// absolute, the largest errors between 4 and 6; 87% of floats correctly rounded); without them (no FMA, or
/// netstandard2.1) within 6.2 ulp (3.7e-7): <c>RationalTanhTests</c> checks every float of [2^-63, 9.5] and every 61st
/// below (where x² is subnormal). NaN stays NaN, tanh(-0) is -0, and it is exactly odd.
/// </summary>
/// <remarks>
/// Inference only (<c>Forward</c>, <c>ForwardPacked</c>, <c>ForwardBatch</c>, <c>Step</c> and what calls them). Training
/// keeps the one-ulp form: the gradient <c>1 - y²</c> is computed from y, and where tanh saturates a few ulp of y are
/// percent errors in it (tried: PyTorch's tiny-tanh SGD trace moved from 0.73 to 0.96 of its tolerance). The vector
/// forms and the scalar form take the same steps, multiply-adds fused exactly where the vector ones are, so every value
/// gets the same bits wherever it sits.
/// </remarks>
internal static class RationalTanh
{
    /// <summary>
    /// Past this tanh is within an ulp of ±1 in float. The rational function's value here is at most 1 with or without
    /// fused multiply-adds (at 9 it is one ulp over 1 without them), so a saturated tanh never exceeds 1; the clamp also
    /// keeps x⁸ far from overflow.
    /// </summary>
    private const float Limit = 8.9f;

    private const float P0 = 0.99999999258447494f;
    private const float P1 = 0.13385019856810344f;
    private const float P2 = 0.0035002003242626596f;
    private const float P3 = 2.0679632963566826e-5f;
    private const float P4 = 1.3442355148930211e-8f;
    private const float Q1 = 0.4671834103466208f;
    private const float Q2 = 0.025894870866435626f;
    private const float Q3 = 0.00032929472899689439f;
    private const float Q4 = 7.8145767664082952e-7f;

#if NET8_0_OR_GREATER
    /// <summary>tanh of every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Apply(Vector512<float> x)
    {
        Vector512<float> c = Clamp(x);
        Vector512<float> z = c * c;
        Vector512<float> z2 = z * z;
        Vector512<float> p = VectorMath.MultiplyAdd(Vector512.Create(P3), z, Vector512.Create(P2));
        p = VectorMath.MultiplyAdd(Vector512.Create(P4), z2, p);
        p = VectorMath.MultiplyAdd(z2, p, VectorMath.MultiplyAdd(Vector512.Create(P1), z, Vector512.Create(P0)));
        Vector512<float> q = VectorMath.MultiplyAdd(Vector512.Create(Q3), z, Vector512.Create(Q2));
        q = VectorMath.MultiplyAdd(Vector512.Create(Q4), z2, q);
        q = VectorMath.MultiplyAdd(z2, q, VectorMath.MultiplyAdd(Vector512.Create(Q1), z, Vector512<float>.One));
        Vector512<float> result = c * p / q;

        // The clamp would turn NaN into a number: NaN lanes (x != x) pass through.
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><see cref="Apply(Vector512{float})"/> eight lanes at a time: the same steps, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Apply(Vector256<float> x)
    {
        Vector256<float> c = Clamp(x);
        Vector256<float> z = c * c;
        Vector256<float> z2 = z * z;
        Vector256<float> p = VectorMath.MultiplyAdd(Vector256.Create(P3), z, Vector256.Create(P2));
        p = VectorMath.MultiplyAdd(Vector256.Create(P4), z2, p);
        p = VectorMath.MultiplyAdd(z2, p, VectorMath.MultiplyAdd(Vector256.Create(P1), z, Vector256.Create(P0)));
        Vector256<float> q = VectorMath.MultiplyAdd(Vector256.Create(Q3), z, Vector256.Create(Q2));
        q = VectorMath.MultiplyAdd(Vector256.Create(Q4), z2, q);
        q = VectorMath.MultiplyAdd(z2, q, VectorMath.MultiplyAdd(Vector256.Create(Q1), z, Vector256<float>.One));
        Vector256<float> result = c * p / q;
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary>
    /// x clamped to ±<see cref="Limit"/>. With AVX-512 one range instruction, the smaller magnitude of x and the limit
    /// with x's sign, in half the latency of a max then a min (the clamp heads every tanh's chain, and a recurrent step
    /// waits on two or three tanhs in turn); the same value for every x but NaN, which <see cref="Apply(Vector512{float})"/>
    /// passes through either way.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Clamp(Vector512<float> x) => Avx512DQ.IsSupported
        ? Avx512DQ.Range(x, Vector512.Create(Limit), SmallerMagnitudeWithFirstSign)
        : Vector512.Min(Vector512.Max(x, Vector512.Create(-Limit)), Vector512.Create(Limit));

    /// <summary><see cref="Clamp(Vector512{float})"/> eight lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Clamp(Vector256<float> x) => Avx512DQ.VL.IsSupported
        ? Avx512DQ.VL.Range(x, Vector256.Create(Limit), SmallerMagnitudeWithFirstSign)
        : Vector256.Min(Vector256.Max(x, Vector256.Create(-Limit)), Vector256.Create(Limit));

    /// <summary>The range instruction's control: the operand of smaller magnitude (bits 1:0 = 10), the sign of the first (bits 3:2 = 00).</summary>
    private const byte SmallerMagnitudeWithFirstSign = 0b0010;

    /// <summary>
    /// The logistic function of every lane for a recurrent layer's gates at inference, <c>0.5 tanh(x / 2) + 0.5</c>: within
    /// 2e-7 of it absolutely (<c>RationalTanhTests</c>), which is what a gate's product with a state needs, but not
    /// relatively where it approaches 0 (an output layer's sigmoid keeps the one-ulp form, whose small values a log reads).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> x) =>
        VectorMath.MultiplyAdd(Apply(x * Vector512.Create(0.5f)), Vector512.Create(0.5f), Vector512.Create(0.5f));

    /// <summary><see cref="Sigmoid(Vector512{float})"/> eight lanes at a time: the same steps, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> x) =>
        VectorMath.MultiplyAdd(Apply(x * Vector256.Create(0.5f)), Vector256.Create(0.5f), Vector256.Create(0.5f));

#endif

    /// <summary>One value, the vector forms' steps: unrolled layers give the bits of looped ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Apply(float x)
    {
        if (float.IsNaN(x))
        {
            return x;
        }

        float c = MathF.Min(MathF.Max(x, -Limit), Limit);
        float z = c * c;
        float z2 = z * z;
        float p = VectorMath.MultiplyAdd(P3, z, P2);
        p = VectorMath.MultiplyAdd(P4, z2, p);
        p = VectorMath.MultiplyAdd(z2, p, VectorMath.MultiplyAdd(P1, z, P0));
        float q = VectorMath.MultiplyAdd(Q3, z, Q2);
        q = VectorMath.MultiplyAdd(Q4, z2, q);
        q = VectorMath.MultiplyAdd(z2, q, VectorMath.MultiplyAdd(Q1, z, 1f));
        return c * p / q;
    }

    /// <summary>
    /// The logistic function for a recurrent layer's gates at inference, <c>0.5 tanh(x / 2) + 0.5</c>, one value: the
    /// vector forms' steps.
    /// </summary>
    public static float Sigmoid(float x) => VectorMath.MultiplyAdd(Apply(x * 0.5f), 0.5f, 0.5f);
}
