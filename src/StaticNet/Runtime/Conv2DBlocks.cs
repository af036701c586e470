using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// The stride-1, unpadded convolution computed one register block at a time: four output channels by two
/// 8-wide pieces of an output row, eight accumulators that start at the biases and gather every input channel
/// and kernel tap before the output is written once. Each input load serves four channels and each weight
/// broadcast two pieces, so the loop is bound by multiply-adds rather than by loads and stores.
/// </summary>
/// <remarks>
/// A row whose width is not a multiple of 8 ends with a piece that overlaps the one before it; the overlap is
/// computed twice and written twice with the same values, so every load stays inside the input row's
/// neighbourhood (never past the plane) and no lane needs masking. A block past the last output channel or
/// piece repeats the last one and is not stored.
/// </remarks>
internal static class Conv2DBlocks
{
    private const int PieceWidth = 8;
    private const int WidePieceWidth = 16;

    /// <summary>Whether this path runs: 256-bit vectors and output rows at least one piece wide.</summary>
    public static bool Applies(int outputWidth) => Vector256.IsHardwareAccelerated && outputWidth >= PieceWidth;

    /// <summary>
    /// <c>y = w ⋆ x + b</c> for a stride-1 convolution with no padding (the caller pads); lengths are the caller's
    /// to check. Outputs go through ReLU when <paramref name="relu"/> is set.
    /// </summary>
    public static void Forward(
        ref float w, ref float b, ref float x, ref float y,
        int outputChannels, int inputChannels, int inputHeight, int inputWidth, int kernel, bool relu)
    {
        int outputHeight = inputHeight - kernel + 1;
        int outputWidth = inputWidth - kernel + 1;
        if (Vector512.IsHardwareAccelerated && outputWidth >= WidePieceWidth)
        {
            ForwardWide(ref w, ref b, ref x, ref y, outputChannels, inputChannels, inputHeight, inputWidth, kernel, relu);
            return;
        }

        int taps = kernel * kernel;
        int filter = inputChannels * taps;
        int plane = inputHeight * inputWidth;
        int outputPlane = outputHeight * outputWidth;
        int pieces = (outputWidth + PieceWidth - 1) / PieceWidth;
        for (int oc = 0; oc < outputChannels; oc += 4)
        {
            int last = outputChannels - 1;
            ref float w0 = ref Unsafe.Add(ref w, oc * filter);
            ref float w1 = ref Unsafe.Add(ref w, Math.Min(oc + 1, last) * filter);
            ref float w2 = ref Unsafe.Add(ref w, Math.Min(oc + 2, last) * filter);
            ref float w3 = ref Unsafe.Add(ref w, Math.Min(oc + 3, last) * filter);
            var b0 = Vector256.Create(Unsafe.Add(ref b, oc));
            var b1 = Vector256.Create(Unsafe.Add(ref b, Math.Min(oc + 1, last)));
            var b2 = Vector256.Create(Unsafe.Add(ref b, Math.Min(oc + 2, last)));
            var b3 = Vector256.Create(Unsafe.Add(ref b, Math.Min(oc + 3, last)));
            int channelsHere = Math.Min(4, outputChannels - oc);
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int piece = 0; piece < pieces; piece += 2)
                {
                    int s0 = PieceStart(piece, outputWidth);
                    int s1 = PieceStart(Math.Min(piece + 1, pieces - 1), outputWidth);
                    Vector256<float> a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            ref float row = ref Unsafe.Add(ref x, (ic * plane) + ((oy + ky) * inputWidth));
                            int tap = (ic * taps) + (ky * kernel);
                            for (int kx = 0; kx < kernel; kx++, tap++)
                            {
                                Vector256<float> x0 = Vector256.LoadUnsafe(ref row, (nuint)(s0 + kx));
                                Vector256<float> x1 = Vector256.LoadUnsafe(ref row, (nuint)(s1 + kx));
                                var weight = Vector256.Create(Unsafe.Add(ref w0, tap));
                                a00 = VectorMath.MultiplyAdd(x0, weight, a00);
                                a01 = VectorMath.MultiplyAdd(x1, weight, a01);
                                weight = Vector256.Create(Unsafe.Add(ref w1, tap));
                                a10 = VectorMath.MultiplyAdd(x0, weight, a10);
                                a11 = VectorMath.MultiplyAdd(x1, weight, a11);
                                weight = Vector256.Create(Unsafe.Add(ref w2, tap));
                                a20 = VectorMath.MultiplyAdd(x0, weight, a20);
                                a21 = VectorMath.MultiplyAdd(x1, weight, a21);
                                weight = Vector256.Create(Unsafe.Add(ref w3, tap));
                                a30 = VectorMath.MultiplyAdd(x0, weight, a30);
                                a31 = VectorMath.MultiplyAdd(x1, weight, a31);
                            }
                        }
                    }

                    ref float out0 = ref Unsafe.Add(ref y, (oc * outputPlane) + (oy * outputWidth));
                    Store(a00, a01, relu, ref out0, s0, s1);
                    if (channelsHere > 1)
                    {
                        Store(a10, a11, relu, ref Unsafe.Add(ref out0, outputPlane), s0, s1);
                    }

                    if (channelsHere > 2)
                    {
                        Store(a20, a21, relu, ref Unsafe.Add(ref out0, 2 * outputPlane), s0, s1);
                    }

                    if (channelsHere > 3)
                    {
                        Store(a30, a31, relu, ref Unsafe.Add(ref out0, 3 * outputPlane), s0, s1);
                    }
                }
            }
        }
    }

    /// <summary>
    /// <see cref="Forward"/> with 512-bit pieces of sixteen columns, where the cores run them at full width (Zen 5): the
    /// same operations lane by lane, so the same values, with half the instructions (a 26-wide row is two pieces, not
    /// four).
    /// </summary>
    private static void ForwardWide(
        ref float w, ref float b, ref float x, ref float y,
        int outputChannels, int inputChannels, int inputHeight, int inputWidth, int kernel, bool relu)
    {
        int outputHeight = inputHeight - kernel + 1;
        int outputWidth = inputWidth - kernel + 1;
        int taps = kernel * kernel;
        int filter = inputChannels * taps;
        int plane = inputHeight * inputWidth;
        int outputPlane = outputHeight * outputWidth;
        int pieces = (outputWidth + WidePieceWidth - 1) / WidePieceWidth;
        for (int oc = 0; oc < outputChannels; oc += 4)
        {
            int last = outputChannels - 1;
            ref float w0 = ref Unsafe.Add(ref w, oc * filter);
            ref float w1 = ref Unsafe.Add(ref w, Math.Min(oc + 1, last) * filter);
            ref float w2 = ref Unsafe.Add(ref w, Math.Min(oc + 2, last) * filter);
            ref float w3 = ref Unsafe.Add(ref w, Math.Min(oc + 3, last) * filter);
            var b0 = Vector512.Create(Unsafe.Add(ref b, oc));
            var b1 = Vector512.Create(Unsafe.Add(ref b, Math.Min(oc + 1, last)));
            var b2 = Vector512.Create(Unsafe.Add(ref b, Math.Min(oc + 2, last)));
            var b3 = Vector512.Create(Unsafe.Add(ref b, Math.Min(oc + 3, last)));
            int channelsHere = Math.Min(4, outputChannels - oc);
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int piece = 0; piece < pieces; piece += 2)
                {
                    int s0 = WidePieceStart(piece, outputWidth);
                    int s1 = WidePieceStart(Math.Min(piece + 1, pieces - 1), outputWidth);
                    Vector512<float> a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            ref float row = ref Unsafe.Add(ref x, (ic * plane) + ((oy + ky) * inputWidth));
                            int tap = (ic * taps) + (ky * kernel);
                            for (int kx = 0; kx < kernel; kx++, tap++)
                            {
                                Vector512<float> x0 = Vector512.LoadUnsafe(ref row, (nuint)(s0 + kx));
                                Vector512<float> x1 = Vector512.LoadUnsafe(ref row, (nuint)(s1 + kx));
                                var weight = Vector512.Create(Unsafe.Add(ref w0, tap));
                                a00 = VectorMath.MultiplyAdd(x0, weight, a00);
                                a01 = VectorMath.MultiplyAdd(x1, weight, a01);
                                weight = Vector512.Create(Unsafe.Add(ref w1, tap));
                                a10 = VectorMath.MultiplyAdd(x0, weight, a10);
                                a11 = VectorMath.MultiplyAdd(x1, weight, a11);
                                weight = Vector512.Create(Unsafe.Add(ref w2, tap));
                                a20 = VectorMath.MultiplyAdd(x0, weight, a20);
                                a21 = VectorMath.MultiplyAdd(x1, weight, a21);
                                weight = Vector512.Create(Unsafe.Add(ref w3, tap));
                                a30 = VectorMath.MultiplyAdd(x0, weight, a30);
                                a31 = VectorMath.MultiplyAdd(x1, weight, a31);
                            }
                        }
                    }

                    ref float out0 = ref Unsafe.Add(ref y, (oc * outputPlane) + (oy * outputWidth));
                    StoreWide(a00, a01, relu, ref out0, s0, s1);
                    if (channelsHere > 1)
                    {
                        StoreWide(a10, a11, relu, ref Unsafe.Add(ref out0, outputPlane), s0, s1);
                    }

                    if (channelsHere > 2)
                    {
                        StoreWide(a20, a21, relu, ref Unsafe.Add(ref out0, 2 * outputPlane), s0, s1);
                    }

                    if (channelsHere > 3)
                    {
                        StoreWide(a30, a31, relu, ref Unsafe.Add(ref out0, 3 * outputPlane), s0, s1);
                    }
                }
            }
        }
    }

    /// <summary>Where a 16-wide piece starts: every 16 columns, the last one moved back so that it ends at the row's end.</summary>
    private static int WidePieceStart(int piece, int width) => Math.Min(piece * WidePieceWidth, width - WidePieceWidth);

    /// <summary><see cref="Store"/> for 16-wide pieces.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreWide(Vector512<float> first, Vector512<float> second, bool relu, ref float row, int s0, int s1)
    {
        if (relu)
        {
            first = Vector512.Max(first, Vector512<float>.Zero);
            second = Vector512.Max(second, Vector512<float>.Zero);
        }

        first.StoreUnsafe(ref row, (nuint)s0);
        second.StoreUnsafe(ref row, (nuint)s1);
    }

    /// <summary>Where a piece starts: every 8 columns, the last one moved back so that it ends at the row's end.</summary>
    private static int PieceStart(int piece, int width) => Math.Min(piece * PieceWidth, width - PieceWidth);

    /// <summary>Writes both pieces, through ReLU if asked (as <see cref="Activations.ReLU(ReadOnlySpan{float}, Span{float})"/>: NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> first, Vector256<float> second, bool relu, ref float row, int s0, int s1)
    {
        if (relu)
        {
            first = Vector256.Max(first, Vector256<float>.Zero);
            second = Vector256.Max(second, Vector256<float>.Zero);
        }

        first.StoreUnsafe(ref row, (nuint)s0);
        second.StoreUnsafe(ref row, (nuint)s1);
    }
}
