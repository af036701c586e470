using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// Exp, tanh and sigmoid over spans, sixteen or eight lanes at a time, for the short vectors of small networks where a
/// general library's per-call setup costs more than the arithmetic. Cephes' single-precision algorithms:
/// exp by range reduction to <c>[-ln2/2, ln2/2]</c> and a degree-6 polynomial; tanh from it (see below).
/// Measured against double precision over [-20, 20] in steps of 1e-4 and at the extremes (VectorMathTests):
/// tanh within 7.1e-8 absolute (about one ulp next to ±1) and 1.3e-7 relative, sigmoid within 8.9e-8 absolute
/// and 1.5e-7 relative. NaN stays NaN. Training keeps this tanh: a rational one's few-ulp errors where tanh saturates
/// become percent errors in the gradient <c>1 - y^2</c>; inference runs <see cref="RationalTanh"/>. A span's last
/// few values go through the same vector code in a padded vector, so a value's result never depends on where it sits
/// (a sequence's step, activated alone when streamed, gives the bits it has in the whole sequence). Where 256-bit
/// vectors are not accelerated, and on netstandard2.1, each activation's scalar form takes the values one by one
/// (<see cref="IVectorActivation.WithoutVectors"/>).
/// </summary>
internal static class VectorMath
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;

    /// <summary><c>y = tanh(z)</c>; the spans may be the same.</summary>
    public static void Tanh(ReadOnlySpan<float> z, Span<float> y) => Map<TanhActivation>(z, y);

    /// <summary><c>y = 1 / (1 + exp(-z))</c>; the spans may be the same.</summary>
    public static void Sigmoid(ReadOnlySpan<float> z, Span<float> y) => Map<SigmoidActivation>(z, y);

    /// <summary>
    /// <paramref name="y"/> = the activation of <paramref name="z"/> (the spans may be the same), in whole vectors: 16
    /// lanes where the cores run AVX-512 at full width (the same operations lane by lane, so the same bits as 8 at a
    /// time), 8 after, and the last few values in one padded vector.
    /// </summary>
    internal static void Map<TActivation>(ReadOnlySpan<float> z, Span<float> y)
        where TActivation : struct, IVectorActivation
    {
#if NET8_0_OR_GREATER
        if (!Vector256.IsHardwareAccelerated)
#endif
        {
            default(TActivation).WithoutVectors(z, y);
            return;
        }

#if NET8_0_OR_GREATER
        CheckLengths(z, y);
        ref float source = ref MemoryMarshal.GetReference(z);
        ref float destination = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 16 <= z.Length; i += 16)
            {
                default(TActivation).Apply(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i + 8 <= z.Length; i += 8)
        {
            default(TActivation).Apply(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref destination, (nuint)i);
        }

        if (i < z.Length)
        {
            Span<float> lanes = stackalloc float[8];
            lanes.Clear();
            z.Slice(i).CopyTo(lanes);
            default(TActivation).Apply(Vector256.Create<float>(lanes)).CopyTo(lanes);
            lanes.Slice(0, z.Length - i).CopyTo(y.Slice(i));
        }
#endif
    }

#if NET8_0_OR_GREATER

    /// <summary><c>1 / (1 + exp(-x))</c> lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Sigmoid(Vector256<float> x)
    {
        Vector256<float> result = Vector256<float>.One / (Vector256<float>.One + Exp(-x));

        // Exp clamps its argument, which would turn NaN into a number: NaN lanes pass through.
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary><see cref="Sigmoid(Vector256{float})"/> sixteen lanes at a time: the same steps, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Sigmoid(Vector512<float> x)
    {
        Vector512<float> result = Vector512<float>.One / (Vector512<float>.One + Exp(-x));
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

    /// <summary><c>exp(x)</c> lane by lane; arguments are clamped to the range where the result is a finite normal float.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Min(Vector256.Max(x, Vector256.Create(-87.33654f)), Vector256.Create(88.37626f));
        Vector256<float> n = Vector256.Floor(MultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(0.5f)));
        // Cody and Waite: n * Ln2High is exact (few bits), so this needs no fused step.
        Vector256<float> r = x - (n * Vector256.Create(Ln2High)) - (n * Vector256.Create(Ln2Low));
        // The polynomial in pairs (Estrin): three multiply-adds deep instead of five, on the chain every tanh and
        // sigmoid of a streamed recurrent step waits on (a GRU-8 step 53 -> 50 ns, LSTM-16 68 -> 65, A/B).
        Vector256<float> r2 = r * r;
        Vector256<float> high = MultiplyAdd(Vector256.Create(1.9875691500E-4f), r, Vector256.Create(1.3981999507E-3f));
        Vector256<float> middle = MultiplyAdd(Vector256.Create(8.3334519073E-3f), r, Vector256.Create(4.1665795894E-2f));
        Vector256<float> low = MultiplyAdd(Vector256.Create(1.6666665459E-1f), r, Vector256.Create(5.0000001201E-1f));
        Vector256<float> p = MultiplyAdd(MultiplyAdd(high, r2, middle), r2, low);
        p = MultiplyAdd(p, r2, r + Vector256<float>.One);

        // 2^n built from its exponent bits; n + 127 stays in [1, 254] thanks to the clamp above.
        Vector256<int> exponent = Vector256.ShiftLeft(WholeNumber(n) + Vector256.Create(127), 23);
        return p * exponent.AsSingle();
    }

    /// <summary><see cref="Exp(Vector256{float})"/> sixteen lanes at a time: the same steps, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Min(Vector512.Max(x, Vector512.Create(-87.33654f)), Vector512.Create(88.37626f));
        Vector512<float> n = Vector512.Floor(MultiplyAdd(x, Vector512.Create(Log2E), Vector512.Create(0.5f)));
        Vector512<float> r = x - (n * Vector512.Create(Ln2High)) - (n * Vector512.Create(Ln2Low));
        Vector512<float> r2 = r * r;
        Vector512<float> high = MultiplyAdd(Vector512.Create(1.9875691500E-4f), r, Vector512.Create(1.3981999507E-3f));
        Vector512<float> middle = MultiplyAdd(Vector512.Create(8.3334519073E-3f), r, Vector512.Create(4.1665795894E-2f));
        Vector512<float> low = MultiplyAdd(Vector512.Create(1.6666665459E-1f), r, Vector512.Create(5.0000001201E-1f));
        Vector512<float> p = MultiplyAdd(MultiplyAdd(high, r2, middle), r2, low);
        p = MultiplyAdd(p, r2, r + Vector512<float>.One);
        Vector512<int> exponent = Vector512.ShiftLeft(WholeNumber(n) + Vector512.Create(127), 23);
        return p * exponent.AsSingle();
    }

    /// <summary>
    /// A float holding a small whole number as an int: one conversion instruction. (.NET 9's <c>ConvertToInt32</c>
    /// adds three fix-up instructions for NaN and out-of-range lanes, which the clamp in Exp rules out, to the chain
    /// every exp waits on.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> WholeNumber(Vector256<float> n) =>
#if NET9_0_OR_GREATER
        Vector256.ConvertToInt32Native(n);
#else
        Vector256.ConvertToInt32(n);
#endif

    /// <summary><see cref="WholeNumber(Vector256{float})"/> sixteen lanes at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> WholeNumber(Vector512<float> n) =>
#if NET9_0_OR_GREATER
        Vector512.ConvertToInt32Native(n);
#else
        Vector512.ConvertToInt32(n);
#endif

    /// <summary>a * b + c, rounded once where the hardware fuses it (every AVX-512 processor; callers test for 512-bit vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> c) =>
        System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? System.Runtime.Intrinsics.X86.Avx512F.FusedMultiplyAdd(a, b, c) : (a * b) + c;

    /// <summary>a * b + c, rounded once where the hardware fuses it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> c) =>
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? System.Runtime.Intrinsics.X86.Fma.MultiplyAdd(a, b, c) : (a * b) + c;
#endif

    /// <summary>
    /// The scalar form of the vector exp: the same steps and coefficients (unfused, so within rounding of the vector's), inline instead of a call into the C library. Below the clamp, where the true value
    /// is subnormal or zero, it returns zero; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x)
    {
        float clamped = MathF.Min(MathF.Max(x, -87.33654f), 88.37626f);
        float n = MathF.Floor((clamped * Log2E) + 0.5f);
        float r = clamped - (n * Ln2High) - (n * Ln2Low);
        float r2 = r * r;
        float high = (1.9875691500E-4f * r) + 1.3981999507E-3f;
        float middle = (8.3334519073E-3f * r) + 4.1665795894E-2f;
        float low = (1.6666665459E-1f * r) + 5.0000001201E-1f;
        float p = (((high * r2) + middle) * r2) + low;
        p = (p * r2) + r + 1f;
        float result = p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
        return x < -87.33654f ? 0f : result;
    }

    /// <summary>
    /// a * b + c for one value, fused exactly where the vector kernels' multiply-add fuses (x86 with FMA), so a scalar
    /// form rounds as they do; netstandard2.1 has neither, and rounds twice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float MultiplyAdd(float a, float b, float c) =>
#if NET8_0_OR_GREATER
        System.Runtime.Intrinsics.X86.Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
#else
        (a * b) + c;
#endif

    /// <summary>The scalar form of the vector sigmoid, on the scalar <see cref="Exp(float)"/>; NaN passes through.</summary>
    public static float Sigmoid(float x) => float.IsNaN(x) ? x : 1f / (1f + Exp(-x));

#if NET8_0_OR_GREATER
    /// <summary>
    /// tanh as Cephes computes it: <c>x + x^3 P(x^2)</c> below 0.625, where it has no cancellation, and
    /// <c>1 - 2 / (exp(2|x|) + 1)</c> above, where the subtraction from 1 loses nothing that matters. Accurate to
    /// about an ulp even where tanh saturates, which matters because its gradient <c>1 - y^2</c> is computed from y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Tanh(Vector256<float> x)
    {
        Vector256<float> magnitude = Vector256.Abs(x);
        Vector256<float> z = x * x;
        Vector256<float> p = Vector256.Create(-5.70498872745E-3f);
        p = MultiplyAdd(p, z, Vector256.Create(2.06390887954E-2f));
        p = MultiplyAdd(p, z, Vector256.Create(-5.37397155531E-2f));
        p = MultiplyAdd(p, z, Vector256.Create(1.33314422036E-1f));
        p = MultiplyAdd(p, z, Vector256.Create(-3.33332819422E-1f));
        Vector256<float> small = MultiplyAdd(p * z, x, x);

        Vector256<float> large = Vector256<float>.One - (Vector256.Create(2f) / (Exp(magnitude + magnitude) + Vector256<float>.One));
        large = Vector256.ConditionalSelect(Vector256.Create(-0f), x, large);
        Vector256<float> result = Vector256.ConditionalSelect(Vector256.LessThan(magnitude, Vector256.Create(0.625f)), small, large);

        // Exp clamps its argument, which would turn NaN into a number: NaN lanes (x != x) pass through.
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <summary><see cref="Tanh(Vector256{float})"/> sixteen lanes at a time: the same steps, so the same bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> Tanh(Vector512<float> x)
    {
        Vector512<float> magnitude = Vector512.Abs(x);
        Vector512<float> z = x * x;
        Vector512<float> p = Vector512.Create(-5.70498872745E-3f);
        p = MultiplyAdd(p, z, Vector512.Create(2.06390887954E-2f));
        p = MultiplyAdd(p, z, Vector512.Create(-5.37397155531E-2f));
        p = MultiplyAdd(p, z, Vector512.Create(1.33314422036E-1f));
        p = MultiplyAdd(p, z, Vector512.Create(-3.33332819422E-1f));
        Vector512<float> small = MultiplyAdd(p * z, x, x);

        Vector512<float> large = Vector512<float>.One - (Vector512.Create(2f) / (Exp(magnitude + magnitude) + Vector512<float>.One));
        large = Vector512.ConditionalSelect(Vector512.Create(-0f), x, large);
        Vector512<float> result = Vector512.ConditionalSelect(Vector512.LessThan(magnitude, Vector512.Create(0.625f)), small, large);
        return Vector512.ConditionalSelect(Vector512.Equals(x, x), result, x);
    }

#endif

    /// <summary>The scalar form of the vector tanh, the same formulas and coefficients.</summary>
    public static float Tanh(float x)
    {
        float magnitude = MathF.Abs(x);
        if (magnitude < 0.625f)
        {
            float z = x * x;
            float p = -5.70498872745E-3f;
            p = (p * z) + 2.06390887954E-2f;
            p = (p * z) - 5.37397155531E-2f;
            p = (p * z) + 1.33314422036E-1f;
            p = (p * z) - 3.33332819422E-1f;
            return (p * z * x) + x;
        }

        if (float.IsNaN(x))
        {
            return x;
        }

        float large = 1f - (2f / (MathF.Exp(MathF.Min(magnitude + magnitude, 88.37626f)) + 1f));
        return x < 0f ? -large : large;
    }

    private static void CheckLengths(ReadOnlySpan<float> z, Span<float> y)
    {
        if (y.Length < z.Length)
        {
            throw new ArgumentException($"The destination has {y.Length} values, fewer than the {z.Length} of the source.", nameof(y));
        }
    }
}
