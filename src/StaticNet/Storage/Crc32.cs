using System;

namespace StaticNet.Storage;

/// <summary>CRC-32 (IEEE 802.3, the zlib and PNG polynomial), to detect corrupted weight files.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = CreateTable();

    public const uint Initial = 0xFFFFFFFFu;

    /// <summary>Continues a running CRC over <paramref name="data"/>; finish with <see cref="Finish"/>.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < table.Length; i++)
        {
            uint value = i;
            for (int bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xEDB88320u ^ (value >> 1) : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
