using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

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
    /// Two windows given by their taps instead of gathered: tap k of each window is a row of <paramref name="features"/>
    /// values (a multiple of four) wherever it lies, its address in <paramref name="first"/> or <paramref name="second"/>
    /// (pinned by the caller). Row <c>k x features + i</c> of a window goes to chain i mod 4, as it does gathered, so these
    /// are the bits of <see cref="Rows"/> on the windows the rows make, without copying them.
    /// </summary>
    public static unsafe void TwoFromTaps(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<nint> first, ReadOnlySpan<nint> second, int features,
        Span<float> firstOutput, Span<float> secondOutput)
    {
        int kernel = first.Length;
        int filters = firstOutput.Length;
        if (features % 4 != 0)
        {
            throw new ArgumentException($"Taps of {features} features: a multiple of four keeps each row's chains those of the gathered window.", nameof(features));
        }

        SpanGuard.Length(second.Length, kernel, nameof(second));
        SpanGuard.Length(secondOutput.Length, filters, nameof(secondOutput));
        SpanGuard.Length(weights.Length, kernel * features * filters, nameof(weights));
        SpanGuard.Length(biases.Length, filters, nameof(biases));
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float y = ref MemoryMarshal.GetReference(firstOutput);
        ref float u = ref MemoryMarshal.GetReference(secondOutput);
        int o = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            o = TapColumns<Width512, Vector512<float>>(ref w, ref b, first, second, features, ref y, ref u, filters, o);
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            o = TapColumns<Width256, Vector256<float>>(ref w, ref b, first, second, features, ref y, ref u, filters, o);
        }
#endif

        for (; o < filters; o++)
        {
            Unsafe.Add(ref y, o) = TapScalar(ref w, first, features, Unsafe.Add(ref b, o), filters, o);
            Unsafe.Add(ref u, o) = TapScalar(ref w, second, features, Unsafe.Add(ref b, o), filters, o);
        }
    }

#if NET8_0_OR_GREATER
    private static unsafe int TapColumns<TWidth, TVector>(
        ref float w, ref float b, ReadOnlySpan<nint> first, ReadOnlySpan<nint> second, int features, ref float y, ref float u, int filters, int o)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        TVector zero = TWidth.Broadcast(0f);
        for (; o + TWidth.Count <= filters; o += TWidth.Count)
        {
            TVector bias = TWidth.Load(ref b, o);
            TVector c0 = bias, c1 = zero, c2 = zero, c3 = zero;
            TVector d0 = bias, d1 = zero, d2 = zero, d3 = zero;
            for (int k = 0; k < first.Length; k++)
            {
                float* x = (float*)first[k];
                float* z = (float*)second[k];
                ref float row = ref Unsafe.Add(ref w, (k * features * filters) + o);
                for (int i = 0; i < features; i += 4, row = ref Unsafe.Add(ref row, 4 * filters))
                {
                    TVector w0 = TWidth.Load(ref row, 0), w1 = TWidth.Load(ref row, filters), w2 = TWidth.Load(ref row, 2 * filters), w3 = TWidth.Load(ref row, 3 * filters);
                    c0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(x[i]), c0);
                    d0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(z[i]), d0);
                    c1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(x[i + 1]), c1);
                    d1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(z[i + 1]), d1);
                    c2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(x[i + 2]), c2);
                    d2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(z[i + 2]), d2);
                    c3 = TWidth.MultiplyAdd(w3, TWidth.Broadcast(x[i + 3]), c3);
                    d3 = TWidth.MultiplyAdd(w3, TWidth.Broadcast(z[i + 3]), d3);
                }
            }

            TWidth.Store(TWidth.Add(TWidth.Add(c0, c1), TWidth.Add(c2, c3)), ref y, o);
            TWidth.Store(TWidth.Add(TWidth.Add(d0, d1), TWidth.Add(d2, d3)), ref u, o);
        }

        return o;
    }
#endif

    /// <summary>One filter of a window given by its taps, in the four chains.</summary>
    private static unsafe float TapScalar(ref float w, ReadOnlySpan<nint> taps, int features, float bias, int filters, int o)
    {
        float c0 = bias, c1 = 0, c2 = 0, c3 = 0;
        for (int k = 0; k < taps.Length; k++)
        {
            float* x = (float*)taps[k];
            ref float column = ref Unsafe.Add(ref w, (k * features * filters) + o);
            for (int i = 0; i < features; i += 4, column = ref Unsafe.Add(ref column, 4 * filters))
            {
                c0 = MultiplyAdd(column, x[i], c0);
                c1 = MultiplyAdd(Unsafe.Add(ref column, filters), x[i + 1], c1);
                c2 = MultiplyAdd(Unsafe.Add(ref column, 2 * filters), x[i + 2], c2);
                c3 = MultiplyAdd(Unsafe.Add(ref column, 3 * filters), x[i + 3], c3);
            }
        }

        return (c0 + c1) + (c2 + c3);
    }

    /// <summary>
    /// The windows of consecutive steps, <paramref name="windows"/> <c>steps x rows</c> into <paramref name="output"/>
    /// <c>steps x filters</c>, two at a time (each weight loaded once for both: eight independent chains, each window's
    /// bits those of <see cref="One"/>), a last odd one alone: checked once for the block.
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
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            o = OneColumns<Width512, Vector512<float>>(ref w, ref b, ref x, ref y, rows, filters, o);
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            o = OneColumns<Width256, Vector256<float>>(ref w, ref b, ref x, ref y, rows, filters, o);
        }
#endif

        for (; o < filters; o++)
        {
            Unsafe.Add(ref y, o) = Scalar(ref w, ref x, Unsafe.Add(ref b, o), rows, filters, o);
        }
    }

    private static void TwoCore(ref float w, ref float b, ref float x, ref float z, ref float y, ref float u, int rows, int filters)
    {
        int o = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            o = TwoColumns<Width512, Vector512<float>>(ref w, ref b, ref x, ref z, ref y, ref u, rows, filters, o);
        }

        if (Vector256.IsHardwareAccelerated && Fma.IsSupported)
        {
            o = TwoColumns<Width256, Vector256<float>>(ref w, ref b, ref x, ref z, ref y, ref u, rows, filters, o);
        }
#endif

        for (; o < filters; o++)
        {
            Unsafe.Add(ref y, o) = Scalar(ref w, ref x, Unsafe.Add(ref b, o), rows, filters, o);
            Unsafe.Add(ref u, o) = Scalar(ref w, ref z, Unsafe.Add(ref b, o), rows, filters, o);
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>One window's filters from <paramref name="o"/> on, a vector of them at a time; returns where the vectors stopped.</summary>
    private static int OneColumns<TWidth, TVector>(ref float w, ref float b, ref float x, ref float y, int rows, int filters, int o)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        TVector zero = TWidth.Broadcast(0f);
        for (; o + TWidth.Count <= filters; o += TWidth.Count)
        {
            TVector c0 = TWidth.Load(ref b, o), c1 = zero, c2 = zero, c3 = zero;
            ref float row = ref Unsafe.Add(ref w, o);
            int r = 0;
            for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
            {
                c0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), TWidth.Broadcast(Unsafe.Add(ref x, r)), c0);
                c1 = TWidth.MultiplyAdd(TWidth.Load(ref row, filters), TWidth.Broadcast(Unsafe.Add(ref x, r + 1)), c1);
                c2 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * filters), TWidth.Broadcast(Unsafe.Add(ref x, r + 2)), c2);
                c3 = TWidth.MultiplyAdd(TWidth.Load(ref row, 3 * filters), TWidth.Broadcast(Unsafe.Add(ref x, r + 3)), c3);
            }

            // At most three rows remain, of chains 0, 1 and 2.
            if (r < rows)
            {
                c0 = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), TWidth.Broadcast(Unsafe.Add(ref x, r)), c0);
            }

            if (r + 1 < rows)
            {
                c1 = TWidth.MultiplyAdd(TWidth.Load(ref row, filters), TWidth.Broadcast(Unsafe.Add(ref x, r + 1)), c1);
            }

            if (r + 2 < rows)
            {
                c2 = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * filters), TWidth.Broadcast(Unsafe.Add(ref x, r + 2)), c2);
            }

            TWidth.Store(TWidth.Add(TWidth.Add(c0, c1), TWidth.Add(c2, c3)), ref y, o);
        }

        return o;
    }

    /// <summary>Two windows' filters from <paramref name="o"/> on, each weight vector loaded once for both; returns where the vectors stopped.</summary>
    private static int TwoColumns<TWidth, TVector>(ref float w, ref float b, ref float x, ref float z, ref float y, ref float u, int rows, int filters, int o)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        TVector zero = TWidth.Broadcast(0f);
        for (; o + TWidth.Count <= filters; o += TWidth.Count)
        {
            TVector bias = TWidth.Load(ref b, o);
            TVector c0 = bias, c1 = zero, c2 = zero, c3 = zero;
            TVector d0 = bias, d1 = zero, d2 = zero, d3 = zero;
            ref float row = ref Unsafe.Add(ref w, o);
            int r = 0;
            for (; r + 4 <= rows; r += 4, row = ref Unsafe.Add(ref row, 4 * filters))
            {
                TVector w0 = TWidth.Load(ref row, 0), w1 = TWidth.Load(ref row, filters), w2 = TWidth.Load(ref row, 2 * filters), w3 = TWidth.Load(ref row, 3 * filters);
                c0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(Unsafe.Add(ref x, r)), c0);
                d0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(Unsafe.Add(ref z, r)), d0);
                c1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(Unsafe.Add(ref x, r + 1)), c1);
                d1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(Unsafe.Add(ref z, r + 1)), d1);
                c2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(Unsafe.Add(ref x, r + 2)), c2);
                d2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(Unsafe.Add(ref z, r + 2)), d2);
                c3 = TWidth.MultiplyAdd(w3, TWidth.Broadcast(Unsafe.Add(ref x, r + 3)), c3);
                d3 = TWidth.MultiplyAdd(w3, TWidth.Broadcast(Unsafe.Add(ref z, r + 3)), d3);
            }

            if (r < rows)
            {
                TVector w0 = TWidth.Load(ref row, 0);
                c0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(Unsafe.Add(ref x, r)), c0);
                d0 = TWidth.MultiplyAdd(w0, TWidth.Broadcast(Unsafe.Add(ref z, r)), d0);
            }

            if (r + 1 < rows)
            {
                TVector w1 = TWidth.Load(ref row, filters);
                c1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(Unsafe.Add(ref x, r + 1)), c1);
                d1 = TWidth.MultiplyAdd(w1, TWidth.Broadcast(Unsafe.Add(ref z, r + 1)), d1);
            }

            if (r + 2 < rows)
            {
                TVector w2 = TWidth.Load(ref row, 2 * filters);
                c2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(Unsafe.Add(ref x, r + 2)), c2);
                d2 = TWidth.MultiplyAdd(w2, TWidth.Broadcast(Unsafe.Add(ref z, r + 2)), d2);
            }

            TWidth.Store(TWidth.Add(TWidth.Add(c0, c1), TWidth.Add(c2, c3)), ref y, o);
            TWidth.Store(TWidth.Add(TWidth.Add(d0, d1), TWidth.Add(d2, d3)), ref u, o);
        }

        return o;
    }
#endif

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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float MultiplyAdd(float a, float b, float c) => VectorMath.MultiplyAdd(a, b, c);
}
