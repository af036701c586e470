using System;
using System.Text;
using StaticNet.Storage;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// What the library computes itself because netstandard2.1 (Unity's API) lacks the framework's own, checked against the
/// framework here: a half-precision weight's float, and where a CSV file stops being UTF-8.
/// </summary>
public class PortableFormsTests
{
    [Fact]
    public void Every_half_converts_to_the_float_System_Half_gives()
    {
        for (int bits = 0; bits <= ushort.MaxValue; bits++)
        {
            float expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            float actual = HalfFloat.ToSingle((ushort)bits);
            Assert.True(
                BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                $"half 0x{bits:X4}: {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8}) against {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8})");
        }
    }

    [Fact]
    public void UTF8_sequences_are_measured_as_Rune_decodes_them()
    {
        // Every sequence of one or two bytes, then every three-byte sequence a lead byte of three or four starts (the
        // overlong, surrogate and out-of-range cases live in the first two bytes), then random longer ones.
        var buffer = new byte[4];
        for (int first = 0; first < 256; first++)
        {
            buffer[0] = (byte)first;
            Check(buffer.AsSpan(0, 1));
            for (int second = 0; second < 256; second++)
            {
                buffer[1] = (byte)second;
                Check(buffer.AsSpan(0, 2));
                if (first >= 0xE0)
                {
                    for (int third = 0x70; third < 0xD0; third++)
                    {
                        buffer[2] = (byte)third;
                        Check(buffer.AsSpan(0, 3));
                        buffer[3] = 0x80;
                        Check(buffer.AsSpan(0, 4));
                        buffer[3] = 0x41;
                        Check(buffer.AsSpan(0, 4));
                    }
                }
            }
        }

        var random = new Random(3);
        for (int trial = 0; trial < 200_000; trial++)
        {
            random.NextBytes(buffer);
            Check(buffer);
        }

        Check(Encoding.UTF8.GetBytes("naïve 日本 🎸"));
    }

    private static void Check(ReadOnlySpan<byte> bytes)
    {
        int expected = Rune.DecodeFromUtf8(bytes, out _, out int consumed) == System.Buffers.OperationStatus.Done ? consumed : 0;
        Assert.True(expected == CsvTable.Utf8SequenceLength(bytes), $"{Convert.ToHexString(bytes)}: {CsvTable.Utf8SequenceLength(bytes)} against Rune's {expected}");
    }
}
