using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Adds Gaussian noise of a given standard deviation to every value. Box-Muller over whole spans: each 64-bit draw
/// gives two 24-bit uniforms u1, u2, which become the pair sqrt(-2 ln u1) (cos, sin)(2 pi u2). The draws are mixed four
/// at a time, the logarithms and square roots are SIMD, and the sine and cosine of a whole turn fraction share one
/// quadrant reduction.
/// </summary>
internal sealed class NoiseStep(float standardDeviation, double probability) : AugmentationStep(probability)
{
    private const float Unit = 1f / (1 << 24);

    /// <summary>Four spans of half the sample's length, rounded up (the 64-bit draws take the first two).</summary>
    public override int ScratchLength(SampleShape shape) => 4 * ((shape.Size + 1) / 2);

    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        if (standardDeviation == 0)
        {
            return; // adding zeros would still turn -0 into +0
        }

        int pairs = (sample.Length + 1) / 2;
        Span<ulong> draws = MemoryMarshal.Cast<float, ulong>(scratch[..(2 * pairs)]);
        Span<float> radius = scratch.Slice(2 * pairs, pairs);
        Span<float> turn = scratch.Slice(3 * pairs, pairs);
        random.Fill(draws);
        Uniforms(draws, radius, turn);

        // r = sd * sqrt(-2 ln u1); the pair is (r cos, r sin) of the angle 2 pi u2. The draws are spent: their floats
        // take the sines and cosines.
        TensorPrimitives.Log(radius, radius);
        TensorPrimitives.Multiply(radius, -2f * standardDeviation * standardDeviation, radius);
        TensorPrimitives.Sqrt(radius, radius);
        Span<float> sine = scratch[..pairs];
        Span<float> cosine = scratch.Slice(pairs, pairs);
        SineAndCosineOfTurns(turn, sine, cosine);

        Span<float> first = sample[..pairs];
        Span<float> second = sample[pairs..];
        TensorPrimitives.MultiplyAdd(cosine, radius, first, first);
        TensorPrimitives.MultiplyAdd(sine[..second.Length], radius[..second.Length], second, second);
    }

    /// <summary>u1 = (top 24 bits + 1) / 2^24 in (0, 1], so its logarithm is finite; u2 = low 24 bits / 2^24 in [0, 1).</summary>
    private static void Uniforms(ReadOnlySpan<ulong> draws, Span<float> first, Span<float> second)
    {
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<ulong> low = Vector256.Create(0xFFFFFFUL);
            for (; i <= draws.Length - (2 * Vector256<ulong>.Count); i += 2 * Vector256<ulong>.Count)
            {
                Vector256<ulong> a = Vector256.Create(draws[i..]), b = Vector256.Create(draws[(i + Vector256<ulong>.Count)..]);
                Vector256<int> top = Vector256.Narrow(Vector256.ShiftRightLogical(a, 40), Vector256.ShiftRightLogical(b, 40)).AsInt32();
                Vector256<int> bottom = Vector256.Narrow(a & low, b & low).AsInt32();
                ((Vector256.ConvertToSingle(top) + Vector256<float>.One) * Unit).CopyTo(first[i..]);
                (Vector256.ConvertToSingle(bottom) * Unit).CopyTo(second[i..]);
            }
        }
#endif

        for (; i < draws.Length; i++)
        {
            first[i] = ((draws[i] >> 40) + 1) * Unit;
            second[i] = (draws[i] & 0xFFFFFF) * Unit;
        }
    }

    // Minimax polynomials for sin and cos on [-pi/4, pi/4] (the classic single-precision coefficients), good to about
    // one unit in the last place there.
    private const float Sin3 = -1.6666654611e-1f, Sin5 = 8.3321608736e-3f, Sin7 = -1.9515295891e-4f;
    private const float Cos4 = 4.166664568298827e-2f, Cos6 = -1.388731625493765e-3f, Cos8 = 2.443315711809948e-5f;

    /// <summary>
    /// sin and cos of 2 pi t for each t in [0, 1), eight at a time (the last few through a padded vector); one at a time
    /// with the same steps, so the same bits, where vectors are not accelerated.
    /// </summary>
    internal static void SineAndCosineOfTurns(ReadOnlySpan<float> turns, Span<float> sine, Span<float> cosine)
    {
#if NET8_0_OR_GREATER
        if (!Vector256.IsHardwareAccelerated)
#endif
        {
            for (int j = 0; j < turns.Length; j++)
            {
                SineAndCosine(turns[j], out sine[j], out cosine[j]);
            }

            return;
        }

#if NET8_0_OR_GREATER
        int i = 0;
        for (; i <= turns.Length - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            SineAndCosine(Vector256.Create(turns[i..]), out Vector256<float> s, out Vector256<float> c);
            s.CopyTo(sine[i..]);
            c.CopyTo(cosine[i..]);
        }

        if (i < turns.Length)
        {
            Span<float> rest = stackalloc float[Vector256<float>.Count];
            rest.Clear();
            turns[i..].CopyTo(rest);
            SineAndCosine(Vector256.Create<float>(rest), out Vector256<float> s, out Vector256<float> c);
            s.CopyTo(rest);
            rest[..(turns.Length - i)].CopyTo(sine[i..]);
            c.CopyTo(rest);
            rest[..(turns.Length - i)].CopyTo(cosine[i..]);
        }
#endif
    }

    /// <summary>The vector form below for one value: its steps, so its bits.</summary>
    internal static void SineAndCosine(float turn, out float sine, out float cosine)
    {
        float quarters = turn * 4;
        float nearest = MathF.Floor(quarters + 0.5f);
        float x = (quarters - nearest) * (MathF.PI / 2);
        float x2 = x * x;
        float s = x + (x * x2 * (Sin3 + (x2 * (Sin5 + (x2 * Sin7)))));
        float c = 1f - (x2 * 0.5f) + (x2 * x2 * (Cos4 + (x2 * (Cos6 + (x2 * Cos8)))));
        int quadrant = (int)nearest;
        bool swap = (quadrant & 1) == 1;
        sine = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(swap ? c : s) ^ ((quadrant & 2) << 30));
        cosine = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(swap ? s : c) ^ (((quadrant + 1) & 2) << 30));
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// t = (q + r) / 4 with q the nearest quarter turn, so 2 pi t = q pi/2 + x with x = r pi/2 in [-pi/4, pi/4] (exact in
    /// floats for 24-bit t); the quadrant q swaps and negates the two polynomials.
    /// </summary>
    private static void SineAndCosine(Vector256<float> turns, out Vector256<float> sine, out Vector256<float> cosine)
    {
        Vector256<float> quarters = turns * 4;
        Vector256<float> nearest = Vector256.Floor(quarters + Vector256.Create(0.5f));
        Vector256<float> x = (quarters - nearest) * (MathF.PI / 2);
        Vector256<float> x2 = x * x;
        Vector256<float> s = x + (x * x2 * (Vector256.Create(Sin3) + (x2 * (Vector256.Create(Sin5) + (x2 * Sin7)))));
        Vector256<float> c = Vector256<float>.One - (x2 * 0.5f)
            + (x2 * x2 * (Vector256.Create(Cos4) + (x2 * (Vector256.Create(Cos6) + (x2 * Cos8)))));
        Vector256<int> quadrant = Vector256.ConvertToInt32(nearest);
        Vector256<float> swap = Vector256.Equals(quadrant & Vector256<int>.One, Vector256<int>.One).AsSingle();
        // sin is negative in quadrants 2 and 3, cos in 1 and 2: bit 1 of q, and of q + 1, moved to the sign bit.
        Vector256<int> sineSign = Vector256.ShiftLeft(quadrant & Vector256.Create(2), 30);
        Vector256<int> cosineSign = Vector256.ShiftLeft((quadrant + Vector256<int>.One) & Vector256.Create(2), 30);
        sine = (Vector256.ConditionalSelect(swap, c, s).AsInt32() ^ sineSign).AsSingle();
        cosine = (Vector256.ConditionalSelect(swap, s, c).AsInt32() ^ cosineSign).AsSingle();
    }
#endif
}
