using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// Max and average pooling over square windows whose stride is their size, rounding down (rows and
/// columns past the last whole window are dropped, as in PyTorch's defaults). Max pooling picks the
/// first maximum of a window, and a NaN wins, as PyTorch does; its gradient goes to that element.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static partial class PoolingKernels
{
    /// <summary>Max over each window, channel by channel.</summary>
    public static void MaxForward(ReadOnlySpan<float> input, Span<float> output, int channels, int inputHeight, int inputWidth, int size)
    {
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        CheckLengths(input.Length, output.Length, channels, inputHeight, inputWidth, outputHeight * outputWidth);
#if NET9_0_OR_GREATER
        if (size == 2 && Avx512F.IsSupported && outputWidth <= Vector512<float>.Count)
        {
            MaxForwardRows(input, output, channels, inputHeight, inputWidth, outputHeight, outputWidth);
            return;
        }
#endif
#if NET8_0_OR_GREATER
        if (size == 2 && Avx.IsSupported && outputWidth >= Vector256<float>.Count)
        {
            MaxForwardPairs(ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(output), channels, inputHeight, inputWidth, outputHeight, outputWidth);
            return;
        }
#endif

        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    int best = MaxIndex(input, c, oy, ox, inputHeight, inputWidth, size);
                    output[(((c * outputHeight) + oy) * outputWidth) + ox] = input[best];
                }
            }
        }
    }

#if NET9_0_OR_GREATER
    /// <summary>
    /// 2x2 max pooling of rows of at most 16 outputs, a whole output row at a time: each of its two input rows in two
    /// masked 512-bit loads (nothing read past the values its windows cover, so nothing past the input), their
    /// elementwise maximum, the even and the odd columns picked out by one two-source permute each, and one masked
    /// store. N4's rows of 13 outputs took two overlapping 256-bit pieces each in <see cref="MaxForwardPairs"/>
    /// (64 samples of its pooling: 37 -> 30 us). <see cref="Vector512.Max{T}(Vector512{T}, Vector512{T})"/> propagates NaN.
    /// </summary>
    private static unsafe void MaxForwardRows(
        ReadOnlySpan<float> input, Span<float> output, int channels, int inputHeight, int inputWidth, int outputHeight, int outputWidth)
    {
        int covered = 2 * outputWidth;
        Vector512<float> firstHalf = FirstLanes(Math.Min(covered, 16)), secondHalf = FirstLanes(Math.Max(covered - 16, 0));
        Vector512<float> written = FirstLanes(outputWidth);
        Vector512<int> evenColumns = Vector512<int>.Indices * 2, oddColumns = evenColumns + Vector512<int>.One;
        fixed (float* source = input, target = output)
        {
            float* outputRow = target;
            for (int channel = 0; channel < channels; channel++)
            {
                for (int oy = 0; oy < outputHeight; oy++, outputRow += outputWidth)
                {
                    // An odd input height leaves each channel's last row out, so channels start every inputHeight rows.
                    float* top = source + (((channel * inputHeight) + (2 * oy)) * inputWidth);
                    float* bottom = top + inputWidth;
                    Vector512<float> left = Vector512.Max(
                        Avx512F.MaskLoad(top, firstHalf, Vector512<float>.Zero), Avx512F.MaskLoad(bottom, firstHalf, Vector512<float>.Zero));
                    Vector512<float> right = Vector512.Max(
                        Avx512F.MaskLoad(top + 16, secondHalf, Vector512<float>.Zero), Avx512F.MaskLoad(bottom + 16, secondHalf, Vector512<float>.Zero));
                    Vector512<float> even = Avx512F.PermuteVar16x32x2(left, evenColumns, right);
                    Vector512<float> odd = Avx512F.PermuteVar16x32x2(left, oddColumns, right);
                    Avx512F.MaskStore(outputRow, written, Vector512.Max(even, odd));
                }
            }
        }
    }

    /// <summary>A mask of the first <paramref name="count"/> lanes.</summary>
    private static Vector512<float> FirstLanes(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();
#endif

#if NET8_0_OR_GREATER
    /// <summary>
    /// 2x2 max pooling, eight outputs at a time: the elementwise maximum of two input rows, then of each even and
    /// odd column (one shuffle pair and a lane fix-up), with no branch on the data. A row whose output width is not
    /// a multiple of 8 ends with a piece overlapping the one before, written twice with the same values.
    /// <see cref="Vector256.Max{T}(Vector256{T}, Vector256{T})"/> propagates NaN, so a window with a NaN gives NaN as PyTorch's does.
    /// </summary>
    private static void MaxForwardPairs(ref float input, ref float output, int channels, int inputHeight, int inputWidth, int outputHeight, int outputWidth)
    {
        // Channel and row in nested loops, rather than dividing each output row's index to find its channel.
        for (int channel = 0, row = 0; channel < channels; channel++)
        {
            for (int oy = 0; oy < outputHeight; oy++, row++)
            {
                // An odd input height leaves each channel's last row out, so channels start every inputHeight rows.
                ref float top = ref Unsafe.Add(ref input, ((channel * inputHeight) + (2 * oy)) * inputWidth);
                ref float bottom = ref Unsafe.Add(ref top, inputWidth);
                ref float target = ref Unsafe.Add(ref output, row * outputWidth);
                for (int ox = 0; ; ox += 8)
                {
                    ox = Math.Min(ox, outputWidth - 8);
                    Vector256<float> left = Vector256.Max(Vector256.LoadUnsafe(ref top, (nuint)(2 * ox)), Vector256.LoadUnsafe(ref bottom, (nuint)(2 * ox)));
                    Vector256<float> right = Vector256.Max(Vector256.LoadUnsafe(ref top, (nuint)((2 * ox) + 8)), Vector256.LoadUnsafe(ref bottom, (nuint)((2 * ox) + 8)));
                    (Vector256<float> even, Vector256<float> odd) = Deinterleave(left, right);
                    Vector256.Max(even, odd).StoreUnsafe(ref target, (nuint)ox);
                    if (ox == outputWidth - 8)
                    {
                        break;
                    }
                }
            }
        }
    }

    /// <summary>
    /// 2x2 max pooling backward, eight windows at a time and without branches: the four values of each window are
    /// separated into vectors (top-left, top-right, bottom-left, bottom-right), the first maximum is chosen by
    /// masks in the order <see cref="MaxIndex"/> scans (a NaN wins), and the masked gradients are interleaved
    /// back into the two input rows. Windows do not overlap, so each input gradient is written, not added.
    /// </summary>
    private static void MaxBackwardPairs(
        ref float input, ref float gradOutput, ref float inputGradients, int channels, int inputHeight, int inputWidth, int outputHeight, int outputWidth)
    {
        for (int channel = 0, row = 0; channel < channels; channel++)
        {
            for (int oy = 0; oy < outputHeight; oy++, row++)
            {
                int topAt = ((channel * inputHeight) + (2 * oy)) * inputWidth;
                ref float top = ref Unsafe.Add(ref input, topAt);
                ref float bottom = ref Unsafe.Add(ref top, inputWidth);
                ref float topGradients = ref Unsafe.Add(ref inputGradients, topAt);
                ref float bottomGradients = ref Unsafe.Add(ref topGradients, inputWidth);
                ref float gradients = ref Unsafe.Add(ref gradOutput, row * outputWidth);
                for (int ox = 0; ; ox += 8)
                {
                    ox = Math.Min(ox, outputWidth - 8);
                    (Vector256<float> topLeft, Vector256<float> topRight) = Deinterleave(ref top, 2 * ox);
                    (Vector256<float> bottomLeft, Vector256<float> bottomRight) = Deinterleave(ref bottom, 2 * ox);

                    // Later candidates win only if strictly larger, or NaN against a number: the first maximum wins.
                    Vector256<float> best = topLeft;
                    Vector256<float> winsTopRight = Beats(topRight, best);
                    best = Vector256.ConditionalSelect(winsTopRight, topRight, best);
                    Vector256<float> winsBottomLeft = Beats(bottomLeft, best);
                    best = Vector256.ConditionalSelect(winsBottomLeft, bottomLeft, best);
                    Vector256<float> winsBottomRight = Beats(bottomRight, best);
                    winsBottomLeft = Vector256.AndNot(winsBottomLeft, winsBottomRight);
                    winsTopRight = Vector256.AndNot(Vector256.AndNot(winsTopRight, winsBottomLeft), winsBottomRight);
                    Vector256<float> winsTopLeft = ~(winsTopRight | winsBottomLeft | winsBottomRight);

                    Vector256<float> gradient = Vector256.LoadUnsafe(ref gradients, (nuint)ox);
                    Interleave(gradient & winsTopLeft, gradient & winsTopRight, ref topGradients, 2 * ox);
                    Interleave(gradient & winsBottomLeft, gradient & winsBottomRight, ref bottomGradients, 2 * ox);
                    if (ox == outputWidth - 8)
                    {
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Lanes where <paramref name="candidate"/> replaces <paramref name="best"/>: larger, or NaN against a number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Beats(Vector256<float> candidate, Vector256<float> best) =>
        Vector256.GreaterThan(candidate, best) | Vector256.AndNot(~Vector256.Equals(candidate, candidate), ~Vector256.Equals(best, best));

    /// <summary>The even and the odd columns of 16 values from <paramref name="at"/>, each in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(ref float row, int at) =>
        Deinterleave(Vector256.LoadUnsafe(ref row, (nuint)at), Vector256.LoadUnsafe(ref row, (nuint)(at + 8)));

    /// <summary>
    /// The even and the odd lanes of <paramref name="left"/> then <paramref name="right"/>, each in order: a shuffle
    /// takes them within each 128-bit half, and a permute puts the halves back in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(Vector256<float> left, Vector256<float> right)
    {
        Vector256<float> even = Avx2.Permute4x64(Avx.Shuffle(left, right, 0b10_00_10_00).AsDouble(), 0b11_01_10_00).AsSingle();
        Vector256<float> odd = Avx2.Permute4x64(Avx.Shuffle(left, right, 0b11_01_11_01).AsDouble(), 0b11_01_10_00).AsSingle();
        return (even, odd);
    }

    /// <summary>The inverse of <see cref="Deinterleave(Vector256{float}, Vector256{float})"/>: writes even and odd columns back as 16 values from <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(Vector256<float> even, Vector256<float> odd, ref float row, int at)
    {
        even = Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle();
        odd = Avx2.Permute4x64(odd.AsDouble(), 0b11_01_10_00).AsSingle();
        Avx.UnpackLow(even, odd).StoreUnsafe(ref row, (nuint)at);
        Avx.UnpackHigh(even, odd).StoreUnsafe(ref row, (nuint)(at + 8));
    }
#endif

    private static void CheckLengths(int input, int output, int channels, int inputHeight, int inputWidth, int outputPlane)
    {
        if (input != channels * inputHeight * inputWidth || output != channels * outputPlane)
        {
            throw new ArgumentException(
                $"Pooling {channels} x {inputHeight} x {inputWidth} inputs to {channels} x {outputPlane} outputs was given {input} inputs and {output} outputs.");
        }
    }

    /// <summary>Sends each window's gradient to its maximum; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void MaxBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        CheckLengths(input.Length, gradOutput.Length, channels, inputHeight, inputWidth, outputHeight * outputWidth);
        CheckLengths(inputGradients.Length, gradOutput.Length, channels, inputHeight, inputWidth, outputHeight * outputWidth);
        inputGradients.Clear();
#if NET8_0_OR_GREATER
        if (size == 2 && Avx.IsSupported && outputWidth >= Vector256<float>.Count)
        {
            MaxBackwardPairs(
                ref MemoryMarshal.GetReference(input), ref MemoryMarshal.GetReference(gradOutput), ref MemoryMarshal.GetReference(inputGradients),
                channels, inputHeight, inputWidth, outputHeight, outputWidth);
            return;
        }
#endif

        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    int best = MaxIndex(input, c, oy, ox, inputHeight, inputWidth, size);
                    inputGradients[best] += gradOutput[(((c * outputHeight) + oy) * outputWidth) + ox];
                }
            }
        }
    }

    /// <summary>Mean over each window, channel by channel.</summary>
    public static void AverageForward(ReadOnlySpan<float> input, Span<float> output, int channels, int inputHeight, int inputWidth, int size)
    {
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        CheckLengths(input.Length, output.Length, channels, inputHeight, inputWidth, outputHeight * outputWidth);
        float scale = 1f / (size * size);
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float sum = 0f;
                    for (int ky = 0; ky < size; ky++)
                    {
                        ReadOnlySpan<float> row = input.Slice((((c * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size), size);
                        foreach (float value in row)
                        {
                            sum += value;
                        }
                    }

                    output[(((c * outputHeight) + oy) * outputWidth) + ox] = sum * scale;
                }
            }
        }
    }

    /// <summary>Spreads each window's gradient evenly over it; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void AverageBackward(ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        CheckLengths(inputGradients.Length, gradOutput.Length, channels, inputHeight, inputWidth, outputHeight * outputWidth);
        inputGradients.Clear();
        float scale = 1f / (size * size);
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float share = gradOutput[(((c * outputHeight) + oy) * outputWidth) + ox] * scale;
                    for (int ky = 0; ky < size; ky++)
                    {
                        inputGradients.Slice((((c * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size), size).Fill(share);
                    }
                }
            }
        }
    }

    /// <summary>The mean of each channel's whole plane of <paramref name="planeSize"/> values.</summary>
    public static void GlobalAverageForward(ReadOnlySpan<float> input, Span<float> output, int channels, int planeSize)
    {
        CheckLengths(input.Length, output.Length, channels, planeSize, 1, 1);
        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            foreach (float value in input.Slice(c * planeSize, planeSize))
            {
                sum += value;
            }

            output[c] = sum / planeSize;
        }
    }

    /// <summary>Spreads each channel's gradient evenly over its plane; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void GlobalAverageBackward(ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int planeSize)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        CheckLengths(inputGradients.Length, gradOutput.Length, channels, planeSize, 1, 1);
        for (int c = 0; c < channels; c++)
        {
            inputGradients.Slice(c * planeSize, planeSize).Fill(gradOutput[c] / planeSize);
        }
    }

    private static int MaxIndex(ReadOnlySpan<float> input, int channel, int oy, int ox, int inputHeight, int inputWidth, int size)
    {
        int best = (((channel * inputHeight) + (oy * size)) * inputWidth) + (ox * size);
        float bestValue = input[best];
        for (int ky = 0; ky < size; ky++)
        {
            int rowStart = (((channel * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size);
            for (int kx = 0; kx < size; kx++)
            {
                float value = input[rowStart + kx];
                if (value > bestValue || (float.IsNaN(value) && !float.IsNaN(bestValue)))
                {
                    best = rowStart + kx;
                    bestValue = value;
                }
            }
        }

        return best;
    }
}
