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
    /// 512 KiB, about 130,000 values: enough for an MNIST-sized MLP (784-128-64-10, 437 KB). Each baked value is a literal
    /// the compiler parses and binds; measured on a 2-core machine, a one-file project builds in 5.5 s, in 8.8 s with
    /// 400 KB baked (300 MB at peak), in 9.9 s with 512 KB (360 MB), in 12.5 s with 1 MB and 21.6 s with 2 MB (870 MB).
    /// A larger model belongs in a file loaded at run time.
    /// </summary>
    public const int MaxBytes = 512 << 10;

    public static WeightFileContent Read(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            // The size first, from the file system: /dev/zero or a FIFO report 0 and are never opened (reading one
            // would run the compiler out of memory, or block the build), and an oversized file is never read.
            long length = Length(path);
            if (length == 0)
            {
                return WeightFileContent.Unusable(path, "it is empty, or not a regular file.");
            }

            if (length > MaxBytes)
            {
                return TooLarge(path, length);
            }

            bytes = ReadAtMost(path, MaxBytes + 1);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            string reason = exception is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist." : exception.Message;
            return WeightFileContent.Unusable(path, reason);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Parse(path, bytes);
    }

    private static WeightFileContent TooLarge(string path, long length) => WeightFileContent.Unusable(path,
        $"it is {length:N0} bytes, more than the {MaxBytes:N0} (512 KiB) a baked network may hold, past which every build slows by "
        + "several seconds; load it at run time with LoadWeights instead.");

    public static WeightFileContent Parse(string path, byte[] bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            return TooLarge(path, bytes.Length);
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

        if (file.Length > checkedLength + WeightFileHeader.ChecksumSize)
        {
            return WeightFileContent.Unusable(path, WeightFileHeader.TrailingBytes);
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
    private static long Length(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileNotFoundException(path);
        }

        return file.Length;
    }

    /// <summary>The file's bytes, but never more than <paramref name="limit"/> of them, should it grow after its size was checked.</summary>
    private static byte[] ReadAtMost(string path, int limit)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var buffer = new byte[limit];
        int total = 0;
        int read;
        while (total < limit && (read = stream.Read(buffer, total, limit - total)) > 0)
        {
            total += read;
        }

        Array.Resize(ref buffer, total);
        return buffer;
    }
#pragma warning restore RS1035
}
