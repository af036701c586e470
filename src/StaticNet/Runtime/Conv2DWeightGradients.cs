#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// The weight gradient of a stride-1, 3x3 convolution (the common case) with nine accumulators: each 8-wide piece of
/// a gradient row is loaded once and multiplied with the three input rows under it at the three column shifts, so
/// nine independent chains of fused multiply-adds run side by side. The general kernel sums one tap at a time,
/// a single chain whose every add waits for the one before (about a third of the speed).
/// </summary>
/// <remarks>
/// The input is unpadded (the caller pads), so every tap covers the whole output width and no column is clipped;
/// the padding's zeros add nothing. The last columns that do not fill a piece are summed one by one.
/// </remarks>
internal static class Conv2DWeightGradients
{
    private const int PieceWidth = 8;

    /// <summary>Whether this path runs: a 3x3 kernel, 256-bit vectors and output rows at least one piece wide.</summary>
    public static bool Applies(int kernel, int outputWidth) => kernel == 3 && Vector256.IsHardwareAccelerated && outputWidth >= PieceWidth;

    /// <summary>
    /// Adds the nine weight gradients of one filter's input channel: <paramref name="g"/> is the filter's gradient plane
    /// (<paramref name="outputHeight"/> rows of <paramref name="outputWidth"/>), <paramref name="x"/> the channel's
    /// padded input plane (rows of <paramref name="inputWidth"/> = outputWidth + 2), <paramref name="gradients"/> its
    /// nine taps, row by row. The shapes are the caller's, checked.
    /// </summary>
    public static void ThreeByThree(ref float g, ref float x, ref float gradients, int outputHeight, int outputWidth, int inputWidth)
    {
        Vector256<float> a00 = default, a01 = default, a02 = default, a10 = default, a11 = default, a12 = default;
        Vector256<float> a20 = default, a21 = default, a22 = default;
        float s00 = 0, s01 = 0, s02 = 0, s10 = 0, s11 = 0, s12 = 0, s20 = 0, s21 = 0, s22 = 0;
        int whole = outputWidth / PieceWidth * PieceWidth;
        for (int oy = 0; oy < outputHeight; oy++)
        {
            ref float gradientRow = ref Unsafe.Add(ref g, oy * outputWidth);
            ref float row0 = ref Unsafe.Add(ref x, oy * inputWidth);
            ref float row1 = ref Unsafe.Add(ref row0, inputWidth);
            ref float row2 = ref Unsafe.Add(ref row1, inputWidth);
            for (int j = 0; j < whole; j += PieceWidth)
            {
                Vector256<float> piece = Vector256.LoadUnsafe(ref gradientRow, (nuint)j);
                a00 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row0, (nuint)j), a00);
                a01 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row0, (nuint)(j + 1)), a01);
                a02 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row0, (nuint)(j + 2)), a02);
                a10 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row1, (nuint)j), a10);
                a11 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row1, (nuint)(j + 1)), a11);
                a12 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row1, (nuint)(j + 2)), a12);
                a20 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row2, (nuint)j), a20);
                a21 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row2, (nuint)(j + 1)), a21);
                a22 = VectorMath.MultiplyAdd(piece, Vector256.LoadUnsafe(ref row2, (nuint)(j + 2)), a22);
            }

            for (int j = whole; j < outputWidth; j++)
            {
                float value = Unsafe.Add(ref gradientRow, j);
                s00 += value * Unsafe.Add(ref row0, j);
                s01 += value * Unsafe.Add(ref row0, j + 1);
                s02 += value * Unsafe.Add(ref row0, j + 2);
                s10 += value * Unsafe.Add(ref row1, j);
                s11 += value * Unsafe.Add(ref row1, j + 1);
                s12 += value * Unsafe.Add(ref row1, j + 2);
                s20 += value * Unsafe.Add(ref row2, j);
                s21 += value * Unsafe.Add(ref row2, j + 1);
                s22 += value * Unsafe.Add(ref row2, j + 2);
            }
        }

        Unsafe.Add(ref gradients, 0) += Vector256.Sum(a00) + s00;
        Unsafe.Add(ref gradients, 1) += Vector256.Sum(a01) + s01;
        Unsafe.Add(ref gradients, 2) += Vector256.Sum(a02) + s02;
        Unsafe.Add(ref gradients, 3) += Vector256.Sum(a10) + s10;
        Unsafe.Add(ref gradients, 4) += Vector256.Sum(a11) + s11;
        Unsafe.Add(ref gradients, 5) += Vector256.Sum(a12) + s12;
        Unsafe.Add(ref gradients, 6) += Vector256.Sum(a20) + s20;
        Unsafe.Add(ref gradients, 7) += Vector256.Sum(a21) + s21;
        Unsafe.Add(ref gradients, 8) += Vector256.Sum(a22) + s22;
    }
}
#endif
