using System;
using System.Buffers.Binary;

namespace StaticNet.Storage;

/// <summary>
/// The fixed 28-byte start of a weight file (layout in <see cref="WeightFile"/>). The generator compiles this
/// file too, to bake weight files at compile time, so the runtime and the generator accept and refuse the same
/// files with the same words. It must therefore build for netstandard2.0 as well (no ranges, no newer APIs).
/// </summary>
internal readonly struct WeightFileHeader
{
    /// <summary>"SNWF" read as a little-endian integer.</summary>
    public const uint Magic = 0x46574E53;

    public const ushort Version = 1;

    public const int Size = 28;

    /// <summary>The checksum after the values.</summary>
    public const int ChecksumSize = 4;

    private const byte Float32 = 1;
    private const int MaxArchitectureBytes = 1 << 20;

    public WeightFileHeader(ulong fingerprint, int parameterCount, int stateCount, int architectureLength)
    {
        Fingerprint = fingerprint;
        ParameterCount = parameterCount;
        StateCount = stateCount;
        ArchitectureLength = architectureLength;
    }

    public ulong Fingerprint { get; }

    public int ParameterCount { get; }

    public int StateCount { get; }

    /// <summary>Bytes of UTF-8 architecture text that follow the header.</summary>
    public int ArchitectureLength { get; }

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(destination, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination.Slice(4), Version);
        destination[6] = Float32;
        destination[7] = 0;
        BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(8), Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(16), ParameterCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(20), StateCount);
        BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(24), ArchitectureLength);
    }

    /// <summary>
    /// Decodes the first <see cref="Size"/> bytes of a file. Returns null, or what is wrong with them as a
    /// sentence to follow "cannot load weights from 'file': ".
    /// </summary>
    public static string? TryRead(ReadOnlySpan<byte> bytes, out WeightFileHeader header)
    {
        header = default;
        if (bytes.Length < Size)
        {
            return $"the file is truncated: it is shorter than the {Size}-byte header.";
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
        if (magic != Magic)
        {
            return $"it is not a StaticNet weight file (expected magic \"SNWF\", found 0x{magic:X8}).";
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(4));
        if (version != Version)
        {
            return $"it has format version {version}; this library reads version {Version}.";
        }

        if (bytes[6] != Float32)
        {
            return $"it holds element type {bytes[6]}; only 1 (float32) is supported.";
        }

        if (bytes[7] != 0)
        {
            return $"its reserved byte 7 is {bytes[7]}, not 0: the file is corrupted or from a newer format.";
        }

        int architectureLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(24));
        if (architectureLength < 0 || architectureLength > MaxArchitectureBytes)
        {
            return $"its architecture text length {architectureLength} is not plausible.";
        }

        header = new WeightFileHeader(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(8)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(16)),
            BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(20)),
            architectureLength);
        return null;
    }

    /// <summary>The message for a file saved from another architecture than the one reading it.</summary>
    public static string ArchitectureMismatch(string foundArchitecture, ulong foundFingerprint, string architecture, ulong fingerprint) =>
        $"it was saved from another architecture. The file has \"{foundArchitecture}\" (fingerprint 0x{foundFingerprint:X16}); "
        + $"this network is \"{architecture}\" (fingerprint 0x{fingerprint:X16}).";

    /// <summary>The message for counts that differ from the network's.</summary>
    public static string CountMismatch(int parameterCount, int stateCount, int expectedParameters, int expectedState) =>
        $"it holds {parameterCount} parameters and {stateCount} state values; this network has {expectedParameters} and {expectedState}.";

    public const string TruncatedArchitecture = "the file is truncated inside its architecture text.";

    public const string MissingChecksum = "the file is truncated: its checksum is missing.";

    /// <summary>The message for a file that ends inside its values.</summary>
    public static string TruncatedValues(long expectedBytes, long foundBytes) =>
        $"the file is truncated: expected {expectedBytes} bytes of values, found {foundBytes}.";

    /// <summary>The message for bytes after the checksum, where the file should end.</summary>
    public const string TrailingBytes = "the file goes on after its checksum, where it should end: it is corrupted or not one weight file.";

    /// <summary>The message for a stored checksum that differs from the one computed.</summary>
    public static string ChecksumMismatch(uint stored, uint computed) =>
        $"its checksum does not match (stored 0x{stored:X8}, computed 0x{computed:X8}): the file is corrupted.";
}
