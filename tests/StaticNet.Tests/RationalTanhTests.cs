using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using StaticNet.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// The inference tanh (<see cref="RationalTanh"/>) over every float of its range against tanh in double precision: the
/// error bound its documentation states holds for each, its forms (16 lanes, 8 lanes, scalar, span) agree bit for bit,
/// and the awkward values come out right.
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
public class RationalTanhTests(ITestOutputHelper output)
{
    /// <summary>
    /// The bound <see cref="RationalTanh"/> states, in units in the last place of tanh rounded to float: with fused
    /// multiply-adds, and without them (each rounded twice: measured 6.85 over the same floats).
    /// </summary>
    private static readonly double StatedUlps = System.Runtime.Intrinsics.X86.Fma.IsSupported ? 5.4 : 6.2;

    /// <summary>Past the clamp (9) every float gives the clamp's value; the sweep goes a little beyond it.</summary>
    private static readonly int LastBits = BitConverter.SingleToInt32Bits(9.5f);

    [Fact]
    public void Every_float_of_its_range_is_within_the_stated_bound()
    {
        // Every float from 2^-63 up to 9.5, eight at a time (the 8-lane form; the others are shown to give the same bits
        // below), in parts over the cores, and every 61st below 2^-63: there x² is subnormal or zero, every operation on it
        // a microcode assist a hundred times slower, and the form has long reduced to x P(0) / Q(0) = 0.99999999 x. tanh
        // is odd and so is the rational form (checked below): the negative half has the same errors.
        const int Parts = 64;
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        var worst = new double[Parts];
        var correctlyRounded = new long[Parts];
        long sparseRounded = 0;
        Parallel.For(0, Parts, part =>
        {
            int first = FirstDense + (int)((long)(LastBits + 1 - FirstDense) * part / Parts);
            int end = FirstDense + (int)((long)(LastBits + 1 - FirstDense) * (part + 1) / Parts);
            (worst[part], correctlyRounded[part]) = Sweep(first, end, 1);
            if (part == 0)
            {
                (double sparseWorst, sparseRounded) = Sweep(0, FirstDense, SparseStride);
                worst[part] = Math.Max(worst[part], sparseWorst);
            }
        });

        double max = worst.Max();
        long checkedFloats = (LastBits + 1 - FirstDense) + (FirstDense / SparseStride);
        double share = (correctlyRounded.Sum() + sparseRounded) / (double)checkedFloats;
        output.WriteLine($"{checkedFloats:N0} floats of [0, 9.5] checked: max error {max:F3} ulp, {share:P1} within half an ulp ({System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
        Assert.True(max <= StatedUlps, $"max error {max:F3} ulp");
        Assert.True(share >= 0.85, $"only {share:P1} within half an ulp");
    }

    [Fact]
    public void Its_forms_agree_bit_for_bit_and_it_is_odd() => output.WriteLine($"{CompareForms():N0} floats checked");

    /// <summary>Every 389th float of the whole line (both signs, NaN and infinities included) through each form; how many.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CompareForms()
    {
        int count = 0;
        Span<float> x = stackalloc float[16];
        Span<float> span = stackalloc float[16];
        for (long bits = int.MinValue; bits <= int.MaxValue; bits += 389 * 16)
        {
            for (int i = 0; i < 16; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle((int)Math.Min(bits + (389 * i), int.MaxValue));
            }

            Vector256<float> low = RationalTanh.Apply(Vector256.Create<float>(x[..8])), high = RationalTanh.Apply(Vector256.Create<float>(x[8..]));
            Vector512<float> sixteen = Vector512.IsHardwareAccelerated ? RationalTanh.Apply(Vector512.Create<float>(x)) : default;
            Activations.RationalTanh(x, span);
            for (int i = 0; i < 16; i++)
            {
                float lane = i < 8 ? low[i] : high[i - 8];
                AssertSameBits(lane, Activations.RationalTanh(x[i]), x[i], "scalar");
                AssertSameBits(lane, span[i], x[i], "span");
                if (Vector512.IsHardwareAccelerated)
                {
                    AssertSameBits(lane, sixteen[i], x[i], "16 lanes");
                }

                if (!float.IsNaN(x[i]))
                {
                    AssertSameBits(-lane, Activations.RationalTanh(-x[i]), x[i], "odd");
                }
            }

            count += 16;
        }

        return count;
    }

    [Fact]
    public void The_gate_sigmoid_made_from_it_is_within_2e_7_of_the_logistic_function()
    {
        double worst = GateSigmoidError();
        output.WriteLine($"gate sigmoid: max absolute error {worst:E2} over every 211th float of [-40, 40]");
        Assert.True(worst <= 2e-7, $"max absolute error {worst:E2}");
        Assert.True(float.IsNaN(RationalTanh.Sigmoid(float.NaN)));
        Assert.Equal(0.5f, RationalTanh.Sigmoid(0f));
    }

    /// <summary>The largest absolute error of the 8-lane gate sigmoid over every 211th float of [-40, 40], against double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double GateSigmoidError()
    {
        double worst = 0;
        Span<float> x = stackalloc float[8];
        for (long bits = BitConverter.SingleToInt32Bits(-40f); bits >= (long)int.MinValue + (211 * 8); bits -= 211 * 8)
        {
            // Negative floats run from -0 (int.MinValue) down to their largest bits: -40 down to -0 in this loop, then the
            // positive ones below, both through the same lanes.
            Check(x, bits, worst: ref worst, negative: true);
        }

        for (long bits = 0; bits < BitConverter.SingleToInt32Bits(40f); bits += 211 * 8)
        {
            Check(x, bits, worst: ref worst, negative: false);
        }

        return worst;

        static void Check(Span<float> x, long bits, ref double worst, bool negative)
        {
            for (int i = 0; i < 8; i++)
            {
                x[i] = BitConverter.Int32BitsToSingle((int)(negative ? bits - (211 * i) : bits + (211 * i)));
            }

            Vector256<float> y = RationalTanh.Sigmoid(Vector256.Create<float>(x));
            for (int i = 0; i < 8; i++)
            {
                worst = Math.Max(worst, Math.Abs(y[i] - (1 / (1 + Math.Exp(-x[i])))));
            }
        }
    }

    [Fact]
    public void Awkward_values_come_out_right()
    {
        Assert.True(float.IsNaN(Activations.RationalTanh(float.NaN)));
        Assert.Equal(BitConverter.SingleToInt32Bits(-0f), BitConverter.SingleToInt32Bits(Activations.RationalTanh(-0f)));
        Assert.Equal(0f, Activations.RationalTanh(0f));
        Assert.Equal(Activations.RationalTanh(9f), Activations.RationalTanh(float.PositiveInfinity));
        Assert.Equal(-Activations.RationalTanh(9f), Activations.RationalTanh(float.NegativeInfinity));
        Assert.InRange(Activations.RationalTanh(9f), 1f - (6 * 5.96e-8f), 1f);
        Assert.Equal(1e-30f, Activations.RationalTanh(1e-30f));
        float[] nan = [float.NaN, 1f, float.NaN];
        Activations.RationalTanh(nan, nan);
        Assert.True(float.IsNaN(nan[0]) && float.IsNaN(nan[2]));
    }

    /// <summary>
    /// The largest error over the floats with bits <paramref name="first"/> to <paramref name="end"/> (exclusive), and how
    /// many are within half an ulp. Optimised from the first call: a test's loop would otherwise start in the JIT's
    /// unoptimised tier, where every vector operation is a call.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (double Worst, long CorrectlyRounded) Sweep(int first, int end, int stride)
    {
        Vector256<double> largest = Vector256<double>.Zero;
        Vector256<int> largestTiny = Vector256<int>.Zero;
        long rounded = 0;
        int bits = first;

        // Below 2^-13 tanh(x) = x - x³/3 rounds to x itself (x³/3 is under a twentieth of x's ulp): the error is the
        // distance in floats, counted on the bits, plus less than 0.04 ulp.
        Vector256<int> steps = Vector256<int>.Indices * Vector256.Create(stride);
        for (; bits < Math.Min(end, TinyBits); bits += 8 * stride)
        {
            Vector256<int> x = Vector256.Min(Vector256.Create(bits) + steps, Vector256.Create(end - 1));
            Vector256<int> distance = Vector256.Abs(RationalTanh.Apply(x.AsSingle()).AsInt32() - x);
            largestTiny = Vector256.Max(largestTiny, distance);
            rounded += System.Numerics.BitOperations.PopCount(Vector256.Equals(distance, Vector256<int>.Zero).ExtractMostSignificantBits());
        }

        for (; bits < end; bits += 8)
        {
            Vector256<int> lanes = Vector256.Min(Vector256.Create(bits) + Vector256<int>.Indices, Vector256.Create(end - 1));
            Vector256<float> x = lanes.AsSingle();
            Vector256<float> y = RationalTanh.Apply(x);
            (Vector256<double> xLow, Vector256<double> xHigh) = Vector256.Widen(x);
            (Vector256<double> yLow, Vector256<double> yHigh) = Vector256.Widen(y);
            Vector256<double> low = Ulps(yLow, Reference(xLow)), high = Ulps(yHigh, Reference(xHigh));
            largest = Vector256.Max(largest, Vector256.Max(low, high));
            rounded += BitCount(Vector256.LessThanOrEqual(low, Vector256.Create(0.5))) + BitCount(Vector256.LessThanOrEqual(high, Vector256.Create(0.5)));
        }

        double worst = Vector256.Max(largestTiny, largestTiny) == Vector256<int>.Zero ? 0 : Max(largestTiny) + 0.04;
        return (Math.Max(worst, Math.Max(Math.Max(largest[0], largest[1]), Math.Max(largest[2], largest[3]))), rounded);
    }

    private static int Max(Vector256<int> values) => Enumerable.Range(0, Vector256<int>.Count).Max(i => values[i]);

    private static void AssertSameBits(float expected, float actual, float x, string form)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            Assert.Fail($"{form} at {x:R}: {actual:R}, the 8-lane form {expected:R}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BitCount(Vector256<double> mask) => System.Numerics.BitOperations.PopCount(mask.ExtractMostSignificantBits());

    /// <summary>|y - reference| in ulps of the reference rounded to float (normal or subnormal spacing): times 1/ulp, a power of two.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Ulps(Vector256<double> y, Vector256<double> reference)
    {
        Vector256<long> exponent = Vector256.Max((reference.AsInt64() >>> 52) - Vector256.Create(1023L), Vector256.Create(-126L));
        Vector256<double> inverseUlp = ((Vector256.Create(23L + 1023L) - exponent) << 52).AsDouble();
        return Vector256.Abs(y - reference) * inverseUlp;
    }

    /// <summary>The bits of 2^-13: below it (seven eighths of the floats in range) tanh rounds to x.</summary>
    private const int TinyBits = 0x39000000;

    /// <summary>The bits of 2^-63, from where x² is a normal float; and how sparsely the floats below are checked.</summary>
    private const int FirstDense = 0x20000000;

    private const int SparseStride = 61;

    /// <summary>
    /// tanh of non-negative x in double precision, to about 1e-14 relative: <c>e / (e + 2)</c> with <c>e = expm1(2x)</c> by
    /// its Taylor series below 2x = 1, else <c>1 - 2 / (exp(2x) + 1)</c> with exp by range reduction and a Taylor series.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Reference(Vector256<double> x)
    {
        Vector256<double> u = x + x;

        // expm1(u) = u (1 + u/2! + u²/3! + ... + u^14/15!) for u < 1.
        Vector256<double> series = Vector256.Create(InverseFactorials[15]);
        for (int k = 14; k >= 1; k--)
        {
            series = Vector256.FusedMultiplyAdd(series, u, Vector256.Create(InverseFactorials[k]));
        }

        Vector256<double> e = series * u;

        // exp(u) = 2^n exp(r), r = u - n ln 2 in [-0.35, 0.35], exp(r) to the r^11 term; u stays below 20.
        Vector256<double> n = Vector256.Round(u * Vector256.Create(1.4426950408889634));
        Vector256<double> r = (u - (n * Vector256.Create(0.6931471803691238))) - (n * Vector256.Create(1.9082149292705877e-10));
        Vector256<double> expR = Vector256.Create(InverseFactorials[11]);
        for (int k = 10; k >= 0; k--)
        {
            expR = Vector256.FusedMultiplyAdd(expR, r, Vector256.Create(InverseFactorials[k]));
        }

        Vector256<double> power = ((Vector256.ConvertToInt64(n) + Vector256.Create(1023L)) << 52).AsDouble();

        // One division for both: e / (e + 2) below, 1 - 2 / (exp(u) + 1) above.
        Vector256<double> below = Vector256.LessThan(u, Vector256<double>.One);
        Vector256<double> quotient = Vector256.ConditionalSelect(below, e, Vector256.Create(2.0))
            / Vector256.ConditionalSelect(below, e + Vector256.Create(2.0), (expR * power) + Vector256<double>.One);
        return Vector256.ConditionalSelect(below, quotient, Vector256<double>.One - quotient);
    }

    /// <summary>1 / k! for k = 0 to 15.</summary>
    private static readonly double[] InverseFactorials = Enumerable.Range(0, 16)
        .Select(k => 1.0 / Enumerable.Range(1, k).Aggregate(1.0, (product, factor) => product * factor)).ToArray();
}
