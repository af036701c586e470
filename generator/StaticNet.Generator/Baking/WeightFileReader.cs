using System;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO;
using System.Text;
using System.Threading;
using StaticNet.Generator.Model;
using StaticNet.Storage;

namespace StaticNet.Generator.Baking;

/// <summary>
/// Reads a StaticNet weight file for baking, checking it as the runtime's <c>WeightFile.Read</c> does (the header
/// code is the same file, linked from the runtime) except against an architecture: that is the baker's job.
/// </summary>
internal static class WeightFileReader
{
    /// <summary>
    /// 16 MiB: 4 million floats, whose literals make about 60 MB of generated C#. A larger model belongs in a file
    /// loaded at run time, not in source.
    /// </summary>
    public const int MaxBytes = 16 << 20;

    public static WeightFileContent Read(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = exception is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist." : exception.Message;
            return WeightFileContent.Unusable(path, reason);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Parse(path, bytes);
    }

    public static WeightFileContent Parse(string path, byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return WeightFileContent.Unusable(path, $"it is {bytes.Length:N0} bytes, more than the {MaxBytes:N0} a baked network may hold; load it at run time with LoadWeights instead.");
        }

        ReadOnlySpan<byte> file = bytes;
        if (WeightFileHeader.TryRead(file, out WeightFileHeader header) is { } problem)
        {
            return WeightFileContent.Unusable(path, problem);
        }

        int position = WeightFileHeader.Size;
        if (file.Length - position < header.ArchitectureLength)
        {
            return WeightFileContent.Unusable(path, WeightFileHeader.TruncatedArchitecture);
        }

        string architecture = Encoding.UTF8.GetString(bytes, position, header.ArchitectureLength);
        position += header.ArchitectureLength;
        if (header.ParameterCount < 0 || header.StateCount < 0)
        {
            return WeightFileContent.Unusable(path, $"its counts are negative ({header.ParameterCount} parameters, {header.StateCount} state values).");
        }

        long valueBytes = 4L * ((long)header.ParameterCount + header.StateCount);
        if (file.Length - position < valueBytes)
        {
            return WeightFileContent.Unusable(path, WeightFileHeader.TruncatedValues(valueBytes, file.Length - position));
        }

        if (file.Length - position - valueBytes < WeightFileHeader.ChecksumSize)
        {
            return WeightFileContent.Unusable(path, WeightFileHeader.MissingChecksum);
        }

        int checkedLength = position + (int)valueBytes;
        uint computed = Crc32.Finish(Crc32.Append(Crc32.Initial, file.Slice(0, checkedLength)));
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.Slice(checkedLength));
        if (stored != computed)
        {
            return WeightFileContent.Unusable(path, WeightFileHeader.ChecksumMismatch(stored, computed));
        }

        EquatableArray<float> parameters = Floats(file.Slice(position, 4 * header.ParameterCount));
        EquatableArray<float> state = Floats(file.Slice(position + (4 * header.ParameterCount), 4 * header.StateCount));
        return new WeightFileContent(path, null, architecture, header.Fingerprint, parameters, state, stored);
    }

    private static EquatableArray<float> Floats(ReadOnlySpan<byte> bytes)
    {
        var values = ImmutableArray.CreateBuilder<float>(bytes.Length / 4);
        for (int offset = 0; offset < bytes.Length; offset += 4)
        {
            values.Add(FromBits(BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(offset))));
        }

        return new EquatableArray<float>(values.MoveToImmutable());
    }

    private static float FromBits(int bits) => new FloatBits { Bits = bits }.Value;

    /// <summary>Reinterprets bits as a float (netstandard2.0 has no BitConverter.Int32BitsToSingle).</summary>
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)]
    private struct FloatBits
    {
        [System.Runtime.InteropServices.FieldOffset(0)]
        public int Bits;

        [System.Runtime.InteropServices.FieldOffset(0)]
        public float Value;
    }

    // A weight file is binary: AdditionalText.GetText would decode it as text (and the compiler would report CS2015,
    // "is a binary file"), so the bytes are read from the path the compiler gives for the AdditionalFiles item.
    // This runs once per change of that item, never for files no network names (see NetworkGenerator).
#pragma warning disable RS1035 // File IO is banned in analyzers: the one way to read a binary AdditionalFiles item.
    private static byte[] ReadAllBytes(string path) => File.ReadAllBytes(path);
#pragma warning restore RS1035
}
