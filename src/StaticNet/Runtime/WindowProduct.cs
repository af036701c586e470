using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Runtime;

/// <summary>
/// A streamed causal convolution's filters for one window or two: <c>output[o] = biases[o] + sum over r of
/// weights[r, o] x window[r]</c>, weights <c>[rows, filters]</c> (<see cref="CausalConvStream.PackTaps"/>). Each filter's
/// sum runs in four chains of multiply-adds, rows r = 0, 1, 2, 3 (mod 4), the first starting from the bias, added
/// <c>(c0 + c1) + (c2 + c3)</c> at the end: four times the independent work of one chain for a single window (a step),
/// eight for two (a block two steps at a time), and every filter of every window the same arithmetic, whether it sits
/// in a 512-bit, a 256-bit or no vector: a block gives the bits of its steps streamed one at a time.
/// </summary>
internal static class WindowProduct
{
    /// <summary>One window's filters.</summary>
    public static void One(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> window, Span<float> output)
    {
        int rows = window.Length;
        int filters = output.Length;
        SpanGuard.Length(weights.Length, rows * filters, nameof(weights));
        SpanGuard.Length(biases.Length, filters, nameof(biases));
        OneCore(
            ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(biases), ref MemoryMarshal.GetReference(window),
            ref MemoryMarshal.GetReference(output), rows, filters);
    }

    /// <summary>
    /// The windows of consecutive steps, <paramref name="windows"/> <c>steps x rows</c> into <paramref name="output"/>
    /// <c>steps x filters</c>, two at a time (<see cref="Two"/>), a last odd one alone: checked once for the block.
    /// </summary>
    public static void Rows(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> windows, Span<float> output, int rows)
    {
        int filters = biases.Length;
        int steps = SpanGuard.BatchSize(windows.Length, rows, nameof(windows));
        SpanGuard.Length(output.Length, steps * filters, nameof(output));
        SpanGuard.Length(weights.Length, rows * filters, nameof(weights));
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(windows);
        ref float y = ref MemoryMarshal.GetReference(output);
        int step = 0;
        for (; step + 2 <= steps; step += 2)
        {
            TwoCore(ref w, ref b, ref Unsafe.Add(ref x, step * rows), ref Unsafe.Add(ref x, (step + 1) * rows),
                ref Unsafe.Add(ref y, step * filters), ref Unsafe.Add(ref y, (step + 1) * filters), rows, filters);
        }

        if (step < steps)
        {
            OneCore(ref w, ref b, ref Unsafe.Add(ref x, step * rows), ref Unsafe.Add(ref y, step * filters), rows, filters);
        }
    }

    private static void OneCore(ref float w, ref float b, ref float x, ref float y, int rows, int filters)
    {
        int o = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; o + 16 <= filters; o += 16)
            {
                Vector512<float> c0 = Vector512.LoadUnsafe(ref b, (nuint)o), c1 = Vector512<float>.Zero, c2 = Vector512<float>.Zero, c3 = Vector512<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                int r = 0;
                for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
                {
                    c0 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), Vector512.Create(Unsafe.Add(ref x, r)), c0);
                    c1 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)filters), Vector512.Create(Unsafe.Add(ref x, r + 1)), c1);
                    c2 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)(2 * filters)), Vector512.Create(Unsafe.Add(ref x, r + 2)), c2);
                    c3 = Avx512F.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, (nuint)(3 * filters)), Vector512.Create(Unsafe.Add(ref x, r + 3)), c3);
                }

                for (; r < rows; r++, row = ref Unsafe.Add(ref row, filters))
                {
                    Chain(ref c0, ref c1, ref c2, ref c3, r, Vector512.LoadUnsafe(ref row), Vector512.Create(Unsafe.Add(ref x, r)));
                }

                ((c0 + c1) + (c2 + c3)).StoreUnsafe(ref y, (nuint)o);
            }
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            for (; o + 8 <= filters; o += 8)
            {
                Vector256<float> c0 = Vector256.LoadUnsafe(ref b, (nuint)o), c1 = Vector256<float>.Zero, c2 = Vector256<float>.Zero, c3 = Vector256<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                int r = 0;
                for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
                {
                    c0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row), Vector256.Create(Unsafe.Add(ref x, r)), c0);
                    c1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)filters), Vector256.Create(Unsafe.Add(ref x, r + 1)), c1);
                    c2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)(2 * filters)), Vector256.Create(Unsafe.Add(ref x, r + 2)), c2);
                    c3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref row, (nuint)(3 * filters)), Vector256.Create(Unsafe.Add(ref x, r + 3)), c3);
                }

                for (; r < rows; r++, row = ref Unsafe.Add(ref row, filters))
                {
                    Chain(ref c0, ref c1, ref c2, ref c3, r, Vector256.LoadUnsafe(ref row), Vector256.Create(Unsafe.Add(ref x, r)));
                }

                ((c0 + c1) + (c2 + c3)).StoreUnsafe(ref y, (nuint)o);
            }
        }

        for (; o < filters; o++)
        {
            Unsafe.Add(ref y, o) = Scalar(ref w, ref x, Unsafe.Add(ref b, o), rows, filters, o);
        }
    }

    /// <summary>Two windows' filters, each weight loaded once for both: eight independent chains, each window's bits those of <see cref="One"/>.</summary>
    public static void Two(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> firstOutput, Span<float> secondOutput)
    {
        int rows = first.Length;
        int filters = firstOutput.Length;
        SpanGuard.Length(second.Length, rows, nameof(second));
        SpanGuard.Length(secondOutput.Length, filters, nameof(secondOutput));
        SpanGuard.Length(weights.Length, rows * filters, nameof(weights));
        SpanGuard.Length(biases.Length, filters, nameof(biases));
        TwoCore(
            ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(biases), ref MemoryMarshal.GetReference(first),
            ref MemoryMarshal.GetReference(second), ref MemoryMarshal.GetReference(firstOutput), ref MemoryMarshal.GetReference(secondOutput), rows, filters);
    }

    private static void TwoCore(ref float w, ref float b, ref float x, ref float z, ref float y, ref float u, int rows, int filters)
    {
        int o = 0;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            for (; o + 16 <= filters; o += 16)
            {
                Vector512<float> bias = Vector512.LoadUnsafe(ref b, (nuint)o);
                Vector512<float> c0 = bias, c1 = Vector512<float>.Zero, c2 = Vector512<float>.Zero, c3 = Vector512<float>.Zero;
                Vector512<float> d0 = bias, d1 = Vector512<float>.Zero, d2 = Vector512<float>.Zero, d3 = Vector512<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                int r = 0;
                for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
                {
                    Vector512<float> w0 = Vector512.LoadUnsafe(ref row), w1 = Vector512.LoadUnsafe(ref row, (nuint)filters);
                    Vector512<float> w2 = Vector512.LoadUnsafe(ref row, (nuint)(2 * filters)), w3 = Vector512.LoadUnsafe(ref row, (nuint)(3 * filters));
                    c0 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref x, r)), c0);
                    d0 = Avx512F.FusedMultiplyAdd(w0, Vector512.Create(Unsafe.Add(ref z, r)), d0);
                    c1 = Avx512F.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref x, r + 1)), c1);
                    d1 = Avx512F.FusedMultiplyAdd(w1, Vector512.Create(Unsafe.Add(ref z, r + 1)), d1);
                    c2 = Avx512F.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref x, r + 2)), c2);
                    d2 = Avx512F.FusedMultiplyAdd(w2, Vector512.Create(Unsafe.Add(ref z, r + 2)), d2);
                    c3 = Avx512F.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref x, r + 3)), c3);
                    d3 = Avx512F.FusedMultiplyAdd(w3, Vector512.Create(Unsafe.Add(ref z, r + 3)), d3);
                }

                for (; r < rows; r++, row = ref Unsafe.Add(ref row, filters))
                {
                    Vector512<float> weight = Vector512.LoadUnsafe(ref row);
                    Chain(ref c0, ref c1, ref c2, ref c3, r, weight, Vector512.Create(Unsafe.Add(ref x, r)));
                    Chain(ref d0, ref d1, ref d2, ref d3, r, weight, Vector512.Create(Unsafe.Add(ref z, r)));
                }

                ((c0 + c1) + (c2 + c3)).StoreUnsafe(ref y, (nuint)o);
                ((d0 + d1) + (d2 + d3)).StoreUnsafe(ref u, (nuint)o);
            }
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            for (; o + 8 <= filters; o += 8)
            {
                Vector256<float> bias = Vector256.LoadUnsafe(ref b, (nuint)o);
                Vector256<float> c0 = bias, c1 = Vector256<float>.Zero, c2 = Vector256<float>.Zero, c3 = Vector256<float>.Zero;
                Vector256<float> d0 = bias, d1 = Vector256<float>.Zero, d2 = Vector256<float>.Zero, d3 = Vector256<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, o);
                int r = 0;
                for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
                {
                    Vector256<float> w0 = Vector256.LoadUnsafe(ref row), w1 = Vector256.LoadUnsafe(ref row, (nuint)filters);
                    Vector256<float> w2 = Vector256.LoadUnsafe(ref row, (nuint)(2 * filters)), w3 = Vector256.LoadUnsafe(ref row, (nuint)(3 * filters));
                    c0 = Fma.MultiplyAdd(w0, Vector256.Create(Unsafe.Add(ref x, r)), c0);
                    d0 = Fma.MultiplyAdd(w0, Vector256.Create(Unsafe.Add(ref z, r)), d0);
                    c1 = Fma.MultiplyAdd(w1, Vector256.Create(Unsafe.Add(ref x, r + 1)), c1);
                    d1 = Fma.MultiplyAdd(w1, Vector256.Create(Unsafe.Add(ref z, r + 1)), d1);
                    c2 = Fma.MultiplyAdd(w2, Vector256.Create(Unsafe.Add(ref x, r + 2)), c2);
                    d2 = Fma.MultiplyAdd(w2, Vector256.Create(Unsafe.Add(ref z, r + 2)), d2);
                    c3 = Fma.MultiplyAdd(w3, Vector256.Create(Unsafe.Add(ref x, r + 3)), c3);
                    d3 = Fma.MultiplyAdd(w3, Vector256.Create(Unsafe.Add(ref z, r + 3)), d3);
                }

                for (; r < rows; r++, row = ref Unsafe.Add(ref row, filters))
                {
                    Vector256<float> weight = Vector256.LoadUnsafe(ref row);
                    Chain(ref c0, ref c1, ref c2, ref c3, r, weight, Vector256.Create(Unsafe.Add(ref x, r)));
                    Chain(ref d0, ref d1, ref d2, ref d3, r, weight, Vector256.Create(Unsafe.Add(ref z, r)));
                }

                ((c0 + c1) + (c2 + c3)).StoreUnsafe(ref y, (nuint)o);
                ((d0 + d1) + (d2 + d3)).StoreUnsafe(ref u, (nuint)o);
            }
        }

        for (; o < filters; o++)
        {
            Unsafe.Add(ref y, o) = Scalar(ref w, ref x, Unsafe.Add(ref b, o), rows, filters, o);
            Unsafe.Add(ref u, o) = Scalar(ref w, ref z, Unsafe.Add(ref b, o), rows, filters, o);
        }
    }

    /// <summary>Row <paramref name="r"/>'s product into its chain, r mod 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Chain(
        ref Vector512<float> c0, ref Vector512<float> c1, ref Vector512<float> c2, ref Vector512<float> c3, int r, Vector512<float> weight, Vector512<float> value)
    {
        switch (r & 3)
        {
            case 0: c0 = Avx512F.FusedMultiplyAdd(weight, value, c0); break;
            case 1: c1 = Avx512F.FusedMultiplyAdd(weight, value, c1); break;
            case 2: c2 = Avx512F.FusedMultiplyAdd(weight, value, c2); break;
            default: c3 = Avx512F.FusedMultiplyAdd(weight, value, c3); break;
        }
    }

    /// <summary>Row <paramref name="r"/>'s product into its chain, r mod 4.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Chain(
        ref Vector256<float> c0, ref Vector256<float> c1, ref Vector256<float> c2, ref Vector256<float> c3, int r, Vector256<float> weight, Vector256<float> value)
    {
        switch (r & 3)
        {
            case 0: c0 = Fma.MultiplyAdd(weight, value, c0); break;
            case 1: c1 = Fma.MultiplyAdd(weight, value, c1); break;
            case 2: c2 = Fma.MultiplyAdd(weight, value, c2); break;
            default: c3 = Fma.MultiplyAdd(weight, value, c3); break;
        }
    }

    /// <summary>One filter of one window, in the vectors' four chains.</summary>
    private static float Scalar(ref float w, ref float x, float bias, int rows, int filters, int o)
    {
        float c0 = bias, c1 = 0, c2 = 0, c3 = 0;
        ref float column = ref Unsafe.Add(ref w, o);
        int r = 0;
        for (; r + 4 <= rows; r += 4, column = ref Unsafe.Add(ref column, 4 * filters))
        {
            c0 = MultiplyAdd(column, Unsafe.Add(ref x, r), c0);
            c1 = MultiplyAdd(Unsafe.Add(ref column, filters), Unsafe.Add(ref x, r + 1), c1);
            c2 = MultiplyAdd(Unsafe.Add(ref column, 2 * filters), Unsafe.Add(ref x, r + 2), c2);
            c3 = MultiplyAdd(Unsafe.Add(ref column, 3 * filters), Unsafe.Add(ref x, r + 3), c3);
        }

        // At most three rows remain, of chains 0, 1 and 2.
        if (r < rows)
        {
            c0 = MultiplyAdd(column, Unsafe.Add(ref x, r), c0);
        }

        if (r + 1 < rows)
        {
            c1 = MultiplyAdd(Unsafe.Add(ref column, filters), Unsafe.Add(ref x, r + 1), c1);
        }

        if (r + 2 < rows)
        {
            c2 = MultiplyAdd(Unsafe.Add(ref column, 2 * filters), Unsafe.Add(ref x, r + 2), c2);
        }

        return (c0 + c1) + (c2 + c3);
    }

    /// <summary>a * b + c rounded once where the vector paths fuse it (x86 with FMA), else as they compute it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float MultiplyAdd(float a, float b, float c) => Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : (a * b) + c;
}
