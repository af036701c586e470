#if !NET8_0_OR_GREATER
using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Threading;

namespace StaticNet.Polyfills;

/// <summary>The memory, array and number members newer .NET added that this library uses, for netstandard2.1.</summary>
internal static class MemoryAndNumbers
{
    extension(Array)
    {
        /// <summary>The largest index an array may have plus one (.NET's limit; Mono's is not lower).</summary>
        public static int MaxLength => 0x7FFFFFC7;

        public static void Clear(Array array) => Array.Clear(array, 0, array.Length);
    }

    extension(GC)
    {
        /// <summary>
        /// A new, ordinary array: netstandard2.1 has no pinned heap. Nothing here relies on its staying put (the aligned
        /// buffers do not align on this target), so a collector that moves it moves its data along.
        /// </summary>
        public static T[] AllocateArray<T>(int length, bool pinned = false) => new T[length];

        public static T[] AllocateUninitializedArray<T>(int length, bool pinned = false) => new T[length];
    }

    extension(MathF)
    {
        /// <summary>
        /// a * b + c: the product of two floats is exact in a double, the sum rounds to a double and then to a float,
        /// which is the once-rounded result but for rare double-rounding cases.
        /// </summary>
        public static float FusedMultiplyAdd(float a, float b, float c) => (float)(((double)a * b) + c);
    }

    extension(Math)
    {
        /// <summary>The 128-bit product of two 64-bit numbers: the high half returned, the low in <paramref name="low"/>.</summary>
        public static ulong BigMul(ulong a, ulong b, out ulong low)
        {
            ulong aLow = (uint)a, aHigh = a >> 32, bLow = (uint)b, bHigh = b >> 32;
            ulong lowLow = aLow * bLow;
            ulong middle = (aHigh * bLow) + (lowLow >> 32);
            ulong middle2 = (aLow * bHigh) + (uint)middle;
            low = (middle2 << 32) | (uint)lowLow;
            return (aHigh * bHigh) + (middle >> 32) + (middle2 >> 32);
        }
    }

    extension(Vector<float> value)
    {
        /// <summary>Copies the lanes to the start of <paramref name="destination"/>.</summary>
        public void CopyTo(Span<float> destination)
        {
            if (destination.Length < Vector<float>.Count)
            {
                throw new ArgumentException("Destination is too short.", nameof(destination));
            }

            MemoryMarshal.Write(MemoryMarshal.AsBytes(destination), ref value);
        }
    }

    extension(Vector)
    {
        /// <summary>The sum of the lanes.</summary>
        public static float Sum(Vector<float> value) => Vector.Dot(value, Vector<float>.One);
    }

    extension(BinaryPrimitives)
    {
        public static void WriteSingleLittleEndian(Span<byte> destination, float value) =>
            BinaryPrimitives.WriteInt32LittleEndian(destination, BitConverter.SingleToInt32Bits(value));

        public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source) =>
            BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source));

        public static double ReadDoubleLittleEndian(ReadOnlySpan<byte> source) =>
            BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64LittleEndian(source));

        public static void ReverseEndianness(ReadOnlySpan<int> source, Span<int> destination)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(source[i]);
            }
        }
    }

    extension(ReadOnlySpan<float> span)
    {
        /// <summary>The first index whose value is outside [<paramref name="low"/>, <paramref name="high"/>] (NaN included), or -1.</summary>
        public int IndexOfAnyExceptInRange(float low, float high)
        {
            for (int i = 0; i < span.Length; i++)
            {
                if (!(span[i] >= low && span[i] <= high))
                {
                    return i;
                }
            }

            return -1;
        }
    }

    extension(ref SpinWait spinner)
    {
        /// <summary>One spin; netstandard2.1's spinner has no threshold for its sleeps.</summary>
        public void SpinOnce(int sleep1Threshold) => spinner.SpinOnce();
    }
}
#endif
