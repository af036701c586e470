using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// Activation functions and their gradients, as scalars (for unrolled layers) and over spans (for
/// looped layers). Semantics follow PyTorch: the ReLU gradient at 0 is 0, LeakyReLU uses
/// <c>slope</c> for <c>z &lt;= 0</c>, and a NaN input gives a NaN output.
/// Span versions use <see cref="TensorPrimitives"/>, whose vectorised exp and tanh are within a
/// few ulps of <see cref="MathF"/>.
/// </summary>
public static partial class Activations
{
    /// <summary><c>max(0, z)</c>; NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLU(float z) => MathF.Max(z, 0f);

    /// <summary><c>z</c> for <c>z &gt; 0</c>, <c>slope * z</c> otherwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLU(float z, float slope) => z > 0f ? z : z * slope;

    /// <summary>The logistic function, without overflow for any <paramref name="z"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sigmoid(float z)
    {
        // exp of a non-positive number never overflows.
        if (z >= 0f)
        {
            return 1f / (1f + MathF.Exp(-z));
        }

        float e = MathF.Exp(z);
        return e / (1f + e);
    }

    /// <summary>Hyperbolic tangent: the same steps as the span form, so unrolled and looped layers agree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Tanh(float z) => VectorMath.Tanh(z);

    /// <summary>
    /// Hyperbolic tangent at inference, a rational function within 5.4 ulp of tanh and about twice as fast as
    /// <see cref="Tanh(float)"/>; the span form's steps, so unrolled and looped layers agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float RationalTanh(float z) => Runtime.RationalTanh.Apply(z);

    /// <summary>Gradient through ReLU: <paramref name="gradient"/> where <c>z &gt; 0</c>, else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ReLUGradient(float z, float gradient) => z > 0f ? gradient : 0f;

    /// <summary>PReLU with slope <paramref name="slope"/>: <c>z</c> for positive <c>z</c>, <c>slope * z</c> otherwise.</summary>
    public static float PReLU(float z, float slope) => z > 0f ? z : z * slope;

    /// <summary>PReLU's gradient with respect to <paramref name="z"/>.</summary>
    public static float PReLUGradient(float z, float slope, float gradient) => z > 0f ? gradient : gradient * slope;

    /// <summary>PReLU's gradient with respect to its slope: <c>gradient * z</c> where <c>z</c> is not positive.</summary>
    public static float PReLUSlopeGradient(float z, float gradient) => z > 0f ? 0f : gradient * z;

    /// <summary>ELU, alpha 1: <c>z</c> for positive <c>z</c>, <c>exp(z) - 1</c> otherwise, taken in double so small <c>|z|</c> keep their digits (PyTorch uses expm1).</summary>
    public static float ELU(float z) => z > 0f ? z : (float)(Math.Exp(z) - 1.0);

    /// <summary>ELU's gradient from its output <paramref name="y"/>: 1 for positive outputs, <c>exp(z) = y + 1</c> otherwise.</summary>
    public static float ELUGradient(float y, float gradient) => y > 0f ? gradient : gradient * (y + 1f);

    /// <summary>Gradient through LeakyReLU.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LeakyReLUGradient(float z, float slope, float gradient) => z > 0f ? gradient : gradient * slope;

    /// <summary>Gradient through the sigmoid, from its output <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SigmoidGradient(float y, float gradient) => gradient * y * (1f - y);

    /// <summary>Gradient through tanh, from its output <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float TanhGradient(float y, float gradient) => gradient * (1f - y * y);

    /// <summary><c>y = max(0, z)</c> element-wise. <paramref name="z"/> and <paramref name="y"/> may be the same span.</summary>
    public static unsafe void ReLU(ReadOnlySpan<float> z, Span<float> y)
    {
        if (y.Length < z.Length)
        {
            throw new ArgumentException($"The outputs need {z.Length} values; they have {y.Length}.", nameof(y));
        }

        if (!ElementwiseSplit.Splits(z.Length))
        {
            TensorPrimitives.Max(z, 0f, y[..z.Length]);
            return;
        }

        ElementwiseSplit.Run(&ReLURange, z, z, y[..z.Length]);
    }

    private static void ReLURange(ReadOnlySpan<float> z, ReadOnlySpan<float> unused, Span<float> y) => TensorPrimitives.Max(z, 0f, y);

    /// <summary>LeakyReLU element-wise. The spans may be the same.</summary>
    public static void LeakyReLU(ReadOnlySpan<float> z, float slope, Span<float> y)
    {
        SpanGuard.Length(y.Length, z.Length, nameof(y));
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            // The scalar form's operations lane by lane: the same bits, a NaN kept.
            ref float source = ref MemoryMarshal.GetReference(z);
            ref float destination = ref MemoryMarshal.GetReference(y);
            Vector256<float> slopes = Vector256.Create(slope);
            for (; i + 8 <= z.Length; i += 8)
            {
                Vector256<float> value = Vector256.LoadUnsafe(ref source, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(value, Vector256<float>.Zero), value, value * slopes).StoreUnsafe(ref destination, (nuint)i);
            }
        }
#endif

        for (; i < z.Length; i++)
        {
            y[i] = LeakyReLU(z[i], slope);
        }
    }

    /// <summary>Sigmoid element-wise. The spans may be the same.</summary>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> y) => VectorMath.Sigmoid(z, y);

    /// <summary>Tanh element-wise. The spans may be the same.</summary>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> y) => VectorMath.Tanh(z, y);

    /// <summary>Tanh element-wise at inference (<see cref="RationalTanh(float)"/>). The spans may be the same.</summary>
    public static void RationalTanh(ReadOnlySpan<float> z, Span<float> y) => VectorMath.Map<RationalTanhActivation>(z, y);

    /// <summary>
    /// <c>y = PReLU(z)</c> with one slope per channel: <paramref name="z"/> holds whole samples of
    /// <c>slopes.Length</c> channels of <paramref name="planeSize"/> values each (1 after a dense layer). <paramref name="z"/>
    /// and <paramref name="y"/> may be the same span.
    /// </summary>
    public static void PReLU(ReadOnlySpan<float> z, ReadOnlySpan<float> slopes, Span<float> y, int planeSize)
    {
        for (int start = 0; start < z.Length; start += planeSize)
        {
            float slope = slopes[(start / planeSize) % slopes.Length];
            for (int i = start; i < start + planeSize; i++)
            {
                y[i] = z[i] > 0f ? z[i] : z[i] * slope;
            }
        }
    }

    /// <summary>
    /// <c>gradZ = gradY * PReLU'(z)</c>, and the slopes' gradients (summed over every value of their channel, in every
    /// sample) ADDED into <paramref name="slopeGradients"/>. Layout as <see cref="PReLU(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int)"/>;
    /// <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.
    /// </summary>
    public static void PReLUGradient(
        ReadOnlySpan<float> z, ReadOnlySpan<float> slopes, ReadOnlySpan<float> gradY, Span<float> gradZ, Span<float> slopeGradients, int planeSize)
    {
        for (int start = 0; start < z.Length; start += planeSize)
        {
            int channel = (start / planeSize) % slopes.Length;
            float slope = slopes[channel];
            float sum = 0f;
            for (int i = start; i < start + planeSize; i++)
            {
                float g = gradY[i];
                bool positive = z[i] > 0f;
                sum += positive ? 0f : g * z[i];
                gradZ[i] = positive ? g : g * slope;
            }

            slopeGradients[channel] += sum;
        }
    }

    /// <summary><c>y = ELU(z)</c> elementwise; <paramref name="z"/> and <paramref name="y"/> may be the same span.</summary>
    public static void ELU(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = ELU(z[i]);
        }
    }

    /// <summary><c>gradZ = gradY * ELU'(z)</c> from the outputs <paramref name="y"/>; the gradient spans may be the same.</summary>
    public static void ELUGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> gradY, Span<float> gradZ)
    {
        for (int i = 0; i < y.Length; i++)
        {
            gradZ[i] = ELUGradient(y[i], gradY[i]);
        }
    }

    /// <summary>
    /// Softmax over the whole span, after subtracting the maximum so that no exp overflows.
    /// The spans may be the same.
    /// </summary>
    public static void Softmax(ReadOnlySpan<float> z, Span<float> y)
    {
        float sum = ExpShifted(z, y, out _);
        TensorPrimitives.Multiply(y, 1f / sum, y);
    }

    /// <summary>Below this length, plain loops beat the setup of vectorised calls (a classifier's few outputs).</summary>
    private const int ShortVector = 16;

    /// <summary>
    /// The shared core of softmax and log-softmax: writes <c>exp(z - max)</c> to <paramref name="y"/>
    /// and returns its sum, which is at least 1, so its log is finite. NaN in <paramref name="z"/> propagates.
    /// </summary>
    internal static float ExpShifted(ReadOnlySpan<float> z, Span<float> y, out float max)
    {
        if (z.Length > ShortVector)
        {
            max = TensorPrimitives.Max(z);
            TensorPrimitives.Subtract(z, max, y);
            TensorPrimitives.Exp(y, y);
            return TensorPrimitives.Sum(y);
        }

        max = z[0];
        for (int i = 1; i < z.Length; i++)
        {
            max = MathF.Max(max, z[i]);
        }

        float sum = 0f;
        for (int i = 0; i < z.Length; i++)
        {
            // Inline rather than MathF.Exp: a few independent exps overlap, where calls into the C library
            // would not (10 values: 76 ns instead of 155).
            float e = VectorMath.Exp(z[i] - max);
            y[i] = e;
            sum += e;
        }

        return sum;
    }

    /// <summary><c>gradZ = gradY * (z &gt; 0)</c>. <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.</summary>
    public static unsafe void ReLUGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ)
    {
        if (gradY.Length < z.Length || gradZ.Length < z.Length)
        {
            throw new ArgumentException($"The gradients need {z.Length} values; they have {gradY.Length} and {gradZ.Length}.");
        }

        if (!ElementwiseSplit.Splits(z.Length))
        {
            ReLUGradientRange(z, gradY, gradZ);
            return;
        }

        ElementwiseSplit.Run(&ReLUGradientRange, z, gradY[..z.Length], gradZ[..z.Length]);
    }

    private static void ReLUGradientRange(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ)
    {
        // A mask instead of a branch: on real data the sign of z is a coin toss that no predictor learns.
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector.IsHardwareAccelerated)
        {
            ref float zs = ref MemoryMarshal.GetReference(z);
            ref float gy = ref MemoryMarshal.GetReference(gradY);
            ref float gz = ref MemoryMarshal.GetReference(gradZ);
            for (; i + Vector<float>.Count <= z.Length; i += Vector<float>.Count)
            {
                Vector<int> positive = Vector.GreaterThan(Vector.LoadUnsafe(ref zs, (nuint)i), Vector<float>.Zero);
                (Vector.LoadUnsafe(ref gy, (nuint)i) & positive.As<int, float>()).StoreUnsafe(ref gz, (nuint)i);
            }
        }
#endif

        for (; i < z.Length; i++)
        {
            gradZ[i] = ReLUGradient(z[i], gradY[i]);
        }
    }

    /// <summary>Gradient through LeakyReLU over spans. <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.</summary>
    public static void LeakyReLUGradient(ReadOnlySpan<float> z, float slope, ReadOnlySpan<float> gradY, Span<float> gradZ)
    {
        SpanGuard.Length(gradY.Length, z.Length, nameof(gradY));
        SpanGuard.Length(gradZ.Length, z.Length, nameof(gradZ));
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            ref float values = ref MemoryMarshal.GetReference(z);
            ref float upstream = ref MemoryMarshal.GetReference(gradY);
            ref float destination = ref MemoryMarshal.GetReference(gradZ);
            Vector256<float> slopes = Vector256.Create(slope);
            for (; i + 8 <= z.Length; i += 8)
            {
                Vector256<float> gradient = Vector256.LoadUnsafe(ref upstream, (nuint)i);
                Vector256.ConditionalSelect(Vector256.GreaterThan(Vector256.LoadUnsafe(ref values, (nuint)i), Vector256<float>.Zero), gradient, gradient * slopes)
                    .StoreUnsafe(ref destination, (nuint)i);
            }
        }
#endif

        for (; i < z.Length; i++)
        {
            gradZ[i] = LeakyReLUGradient(z[i], slope, gradY[i]);
        }
    }

    /// <summary>Gradient through the sigmoid from its outputs. <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.</summary>
    public static void SigmoidGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> gradY, Span<float> gradZ) =>
        MapVectorGradient<SigmoidFromOutput>(y, gradY, gradZ);

    /// <summary>Gradient through tanh from its outputs. <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.</summary>
    public static void TanhGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> gradY, Span<float> gradZ) =>
        MapVectorGradient<TanhFromOutput>(y, gradY, gradZ);

    /// <summary>Sigmoid's gradient from its output, <c>gradY y (1 - y)</c>, in the scalar form's order of operations (the same bits).</summary>
    internal readonly struct SigmoidFromOutput : IVectorGradient, IElementwiseGradient
    {
        public float Gradient(float y, float gradY) => gradY * y * (1f - y);

#if NET8_0_OR_GREATER
        public Vector256<float> Gradient(Vector256<float> y, Vector256<float> gradY) => gradY * y * (Vector256<float>.One - y);

        public Vector512<float> Gradient(Vector512<float> y, Vector512<float> gradY) => gradY * y * (Vector512<float>.One - y);
#endif
    }

    /// <summary>Tanh's gradient from its output, <c>gradY (1 - y^2)</c>, in the scalar form's order of operations (the same bits).</summary>
    internal readonly struct TanhFromOutput : IVectorGradient, IElementwiseGradient
    {
        public float Gradient(float y, float gradY) => gradY * (1f - (y * y));

#if NET8_0_OR_GREATER
        public Vector256<float> Gradient(Vector256<float> y, Vector256<float> gradY) => gradY * (Vector256<float>.One - (y * y));

        public Vector512<float> Gradient(Vector512<float> y, Vector512<float> gradY) => gradY * (Vector512<float>.One - (y * y));
#endif
    }

    /// <summary>
    /// Gradient through softmax from its outputs: <c>gradZ_i = y_i (gradY_i - sum_j gradY_j y_j)</c>.
    /// <paramref name="gradY"/> and <paramref name="gradZ"/> may be the same span.
    /// </summary>
    public static void SoftmaxGradient(ReadOnlySpan<float> y, ReadOnlySpan<float> gradY, Span<float> gradZ)
    {
        float dot = TensorPrimitives.Dot(gradY, y);
        for (int i = 0; i < y.Length; i++)
        {
            gradZ[i] = y[i] * (gradY[i] - dot);
        }
    }
}
