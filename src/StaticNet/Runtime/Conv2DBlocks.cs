#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// The stride-1, unpadded convolution computed one register block at a time: four output channels by two
/// pieces of an output row (8 or 16 columns wide), eight accumulators that start at the biases and gather every input channel
/// and kernel tap before the output is written once. Each input load serves four channels and each weight
/// broadcast two pieces, so the loop is bound by multiply-adds rather than by loads and stores.
/// </summary>
/// <remarks>
/// A row whose width is not a multiple of the piece width ends with a piece that overlaps the one before it; the overlap is
/// computed twice and written twice with the same values, so every load stays inside the input row's
/// neighbourhood (never past the plane) and no lane needs masking. A block past the last output channel or
/// piece repeats the last one and is not stored.
/// </remarks>
internal static class Conv2DBlocks
{
    /// <summary>Whether this path runs: 256-bit vectors and output rows at least one 8-wide piece wide.</summary>
    public static bool Applies(int outputWidth) => Vector256.IsHardwareAccelerated && outputWidth >= Width256.Count;

    /// <summary>
    /// <c>y = w ⋆ x + b</c> for a stride-1 convolution with no padding (the caller pads); lengths are the caller's
    /// to check. Outputs go through ReLU when <paramref name="relu"/> is set. Pieces are sixteen columns wide where the
    /// cores run 512-bit vectors at full width (Zen 5) and the rows are wide enough: the same operations lane by lane,
    /// so the same values, with half the instructions (a 26-wide row is two pieces, not four).
    /// </summary>
    public static void Forward(
        ref float w, ref float b, ref float x, ref float y,
        int outputChannels, int inputChannels, int inputHeight, int inputWidth, int kernel, bool relu)
    {
        if (Vector512.IsHardwareAccelerated && inputWidth - kernel + 1 >= Width512.Count)
        {
            Forward<Width512, Vector512<float>>(ref w, ref b, ref x, ref y, outputChannels, inputChannels, inputHeight, inputWidth, kernel, relu);
        }
        else
        {
            Forward<Width256, Vector256<float>>(ref w, ref b, ref x, ref y, outputChannels, inputChannels, inputHeight, inputWidth, kernel, relu);
        }
    }

    private static void Forward<TWidth, TVector>(
        ref float w, ref float b, ref float x, ref float y,
        int outputChannels, int inputChannels, int inputHeight, int inputWidth, int kernel, bool relu)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int pieceWidth = TWidth.Count;
        int outputHeight = inputHeight - kernel + 1;
        int outputWidth = inputWidth - kernel + 1;
        int taps = kernel * kernel;
        int filter = inputChannels * taps;
        int plane = inputHeight * inputWidth;
        int outputPlane = outputHeight * outputWidth;
        int pieces = (outputWidth + pieceWidth - 1) / pieceWidth;
        for (int oc = 0; oc < outputChannels; oc += 4)
        {
            int last = outputChannels - 1;
            ref float w0 = ref Unsafe.Add(ref w, oc * filter);
            ref float w1 = ref Unsafe.Add(ref w, Math.Min(oc + 1, last) * filter);
            ref float w2 = ref Unsafe.Add(ref w, Math.Min(oc + 2, last) * filter);
            ref float w3 = ref Unsafe.Add(ref w, Math.Min(oc + 3, last) * filter);
            TVector b0 = TWidth.Broadcast(Unsafe.Add(ref b, oc));
            TVector b1 = TWidth.Broadcast(Unsafe.Add(ref b, Math.Min(oc + 1, last)));
            TVector b2 = TWidth.Broadcast(Unsafe.Add(ref b, Math.Min(oc + 2, last)));
            TVector b3 = TWidth.Broadcast(Unsafe.Add(ref b, Math.Min(oc + 3, last)));
            int channelsHere = Math.Min(4, outputChannels - oc);
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int piece = 0; piece < pieces; piece += 2)
                {
                    int s0 = PieceStart(piece, pieceWidth, outputWidth);
                    int s1 = PieceStart(Math.Min(piece + 1, pieces - 1), pieceWidth, outputWidth);
                    TVector a00 = b0, a01 = b0, a10 = b1, a11 = b1, a20 = b2, a21 = b2, a30 = b3, a31 = b3;
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            ref float row = ref Unsafe.Add(ref x, (ic * plane) + ((oy + ky) * inputWidth));
                            int tap = (ic * taps) + (ky * kernel);
                            for (int kx = 0; kx < kernel; kx++, tap++)
                            {
                                TVector x0 = TWidth.Load(ref row, s0 + kx);
                                TVector x1 = TWidth.Load(ref row, s1 + kx);
                                TVector weight = TWidth.Broadcast(Unsafe.Add(ref w0, tap));
                                a00 = TWidth.MultiplyAdd(x0, weight, a00);
                                a01 = TWidth.MultiplyAdd(x1, weight, a01);
                                weight = TWidth.Broadcast(Unsafe.Add(ref w1, tap));
                                a10 = TWidth.MultiplyAdd(x0, weight, a10);
                                a11 = TWidth.MultiplyAdd(x1, weight, a11);
                                weight = TWidth.Broadcast(Unsafe.Add(ref w2, tap));
                                a20 = TWidth.MultiplyAdd(x0, weight, a20);
                                a21 = TWidth.MultiplyAdd(x1, weight, a21);
                                weight = TWidth.Broadcast(Unsafe.Add(ref w3, tap));
                                a30 = TWidth.MultiplyAdd(x0, weight, a30);
                                a31 = TWidth.MultiplyAdd(x1, weight, a31);
                            }
                        }
                    }

                    ref float out0 = ref Unsafe.Add(ref y, (oc * outputPlane) + (oy * outputWidth));
                    Store<TWidth, TVector>(a00, a01, relu, ref out0, s0, s1);
                    if (channelsHere > 1)
                    {
                        Store<TWidth, TVector>(a10, a11, relu, ref Unsafe.Add(ref out0, outputPlane), s0, s1);
                    }

                    if (channelsHere > 2)
                    {
                        Store<TWidth, TVector>(a20, a21, relu, ref Unsafe.Add(ref out0, 2 * outputPlane), s0, s1);
                    }

                    if (channelsHere > 3)
                    {
                        Store<TWidth, TVector>(a30, a31, relu, ref Unsafe.Add(ref out0, 3 * outputPlane), s0, s1);
                    }
                }
            }
        }
    }

    /// <summary>Where a piece starts: every piece width, the last one moved back so that it ends at the row's end.</summary>
    private static int PieceStart(int piece, int pieceWidth, int width) => Math.Min(piece * pieceWidth, width - pieceWidth);

    /// <summary>Writes both pieces, through ReLU if asked (as <see cref="Activations.ReLU(ReadOnlySpan{float}, Span{float})"/>: NaN stays NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TWidth, TVector>(TVector first, TVector second, bool relu, ref float row, int s0, int s1)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        if (relu)
        {
            first = TWidth.ReLU(first);
            second = TWidth.ReLU(second);
        }

        TWidth.Store(first, ref row, s0);
        TWidth.Store(second, ref row, s1);
    }
}
#endif
