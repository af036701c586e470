using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Training;

/// <summary>
/// A small, fast, seeded random generator (SplitMix64) whose sequence is fixed by this library, not
/// by the runtime: the same seed gives the same initial weights, shuffles and dropout masks on every
/// machine and .NET version. A struct: pass it by <c>ref</c> to keep its state advancing.
/// </summary>
public struct SeededRandom
{
    private ulong state;

    /// <summary>Starts the sequence for <paramref name="seed"/>.</summary>
    public SeededRandom(long seed) => state = unchecked((ulong)seed ^ 0x9E3779B97F4A7C15UL);

    private const ulong Increment = 0x9E3779B97F4A7C15UL;

    /// <summary>The next 64 uniformly distributed bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = state += Increment;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// The next <c>destination.Length</c> values of <see cref="NextUInt64"/>, in order. Each value depends only on how
    /// far along the sequence it is, so four are mixed at once where vectors are accelerated: the same bits, faster.
    /// </summary>
    internal void Fill(Span<ulong> destination)
    {
        int i = 0;
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated && destination.Length >= Vector256<ulong>.Count)
        {
            Vector256<ulong> states = Vector256.Create(state) + (Vector256.Create(1UL, 2, 3, 4) * Increment);
            Vector256<ulong> step = Vector256.Create(unchecked(4 * Increment));
            for (; i <= destination.Length - Vector256<ulong>.Count; i += Vector256<ulong>.Count, states += step)
            {
                Vector256<ulong> z = states;
                z = (z ^ Vector256.ShiftRightLogical(z, 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ Vector256.ShiftRightLogical(z, 27)) * 0x94D049BB133111EBUL;
                (z ^ Vector256.ShiftRightLogical(z, 31)).CopyTo(destination[i..]);
            }

            state += unchecked((ulong)i * Increment);
        }
#endif

        for (; i < destination.Length; i++)
        {
            destination[i] = NextUInt64();
        }
    }

    /// <summary>A double uniform in [0, 1), with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer uniform in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "Must be positive.");
        }

        // Lemire's multiply-shift with rejection of the biased low range.
        ulong bound = (ulong)maxExclusive;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong product = Math.BigMul(NextUInt64(), bound, out ulong low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>A standard normal sample (Box-Muller; the second value of each pair is discarded for simplicity).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // in (0, 1], so the log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
