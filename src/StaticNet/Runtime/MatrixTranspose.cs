using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// Transposes a row-major matrix into another with a given row stride, eight by eight in registers where AVX is
/// available (unpack, shuffle and lane-swap steps: 24 instructions for 64 values), element by element elsewhere and for
/// the rows and columns past the last whole block. Small batched dense layers transpose their weights on every call, where
/// the element-by-element copy had cost a tenth of N3's batch of 64.
/// </summary>
internal static class MatrixTranspose
{
    /// <summary>
    /// <c>destination[column * destinationStride + row] = source[row * columns + column]</c> for every row and column.
    /// The caller has checked that both cover those indices.
    /// </summary>
    public static void Run(ref float source, int rows, int columns, ref float destination, int destinationStride)
    {
#if NET8_0_OR_GREATER
        int blockRows = Avx.IsSupported ? rows / 8 * 8 : 0;
        int blockColumns = Avx.IsSupported ? columns / 8 * 8 : 0;
        for (int row = 0; row < blockRows; row += 8)
        {
            for (int column = 0; column < blockColumns; column += 8)
            {
                Block(ref Unsafe.Add(ref source, (row * columns) + column), columns, ref Unsafe.Add(ref destination, (column * destinationStride) + row), destinationStride);
            }
        }
#else
        int blockRows = 0, blockColumns = 0;
#endif

        for (int row = 0; row < rows; row++)
        {
            // Within the blocks' rows only the columns after them are left; below them, every column.
            for (int column = row < blockRows ? blockColumns : 0; column < columns; column++)
            {
                Unsafe.Add(ref destination, (column * destinationStride) + row) = Unsafe.Add(ref source, (row * columns) + column);
            }
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>One 8 x 8 block: pairs of rows interleaved, then pairs of pairs, then the 128-bit halves swapped.</summary>
    private static void Block(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref source, (nuint)sourceStride);
        Vector256<float> r2 = Vector256.LoadUnsafe(ref source, (nuint)(2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref source, (nuint)(3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref source, (nuint)(4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref source, (nuint)(5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref source, (nuint)(6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref source, (nuint)(7 * sourceStride));

        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE), s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE), s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);

        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref destination, (nuint)destinationStride);
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref destination, (nuint)(2 * destinationStride));
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref destination, (nuint)(3 * destinationStride));
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref destination, (nuint)(4 * destinationStride));
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref destination, (nuint)(5 * destinationStride));
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref destination, (nuint)(6 * destinationStride));
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref destination, (nuint)(7 * destinationStride));
    }
#endif
}
