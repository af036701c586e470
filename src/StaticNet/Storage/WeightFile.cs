using System;
using System.Buffers.Binary;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace StaticNet.Storage;

/// <summary>
/// StaticNet's weight file: a small little-endian binary format.
/// <code>
/// offset  size  field
///      0     4  magic "SNWF"
///      4     2  format version (1)
///      6     1  element type (1 = float32)
///      7     1  reserved (0)
///      8     8  architecture fingerprint (FNV-1a 64 of the architecture text)
///     16     4  parameter count
///     20     4  state count (non-trainable values such as batch-norm statistics)
///     24     4  architecture text length in bytes
///     28     n  architecture text, UTF-8
///             4·p  parameters, float32
///             4·s  state, float32
///             4  CRC-32 of every byte before it
/// </code>
/// Loading checks all of it before writing anything, so a bad file leaves the network untouched.
/// </summary>
public static class WeightFile
{
    /// <summary>"SNWF" read as a little-endian integer.</summary>
    public const uint Magic = WeightFileHeader.Magic;

    /// <summary>The format version this library writes and reads.</summary>
    public const ushort Version = WeightFileHeader.Version;

    /// <summary>Writes a weight file to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, string architecture, ulong fingerprint, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(architecture);
        byte[] text = Encoding.UTF8.GetBytes(architecture);
        Span<byte> header = stackalloc byte[WeightFileHeader.Size];
        new WeightFileHeader(fingerprint, parameters.Length, state.Length, text.Length).Write(header);

        uint crc = WriteAndHash(stream, header, Crc32.Initial);
        crc = WriteAndHash(stream, text, crc);
        crc = WriteFloats(stream, parameters, crc);
        crc = WriteFloats(stream, state, crc);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, Crc32.Finish(crc));
        stream.Write(checksum);
    }

    /// <summary>Writes a weight file at <paramref name="path"/>, replacing it only once the new file is complete.</summary>
    public static void Write(string path, string architecture, ulong fingerprint, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        using var replacement = new FileReplacement(path);
        Write(replacement.Stream, architecture, fingerprint, parameters, state);
        replacement.Commit();
    }

    /// <summary>
    /// Reads a weight file from <paramref name="stream"/> into <paramref name="parameters"/> and
    /// <paramref name="state"/>, whose lengths are the counts expected. Throws
    /// <see cref="WeightFileException"/> naming <paramref name="source"/> if anything does not match or the stream
    /// fails, leaving both spans untouched. The stream must end with the file: bytes after its checksum are refused.
    /// </summary>
    public static void Read(Stream stream, string source, string architecture, ulong fingerprint, Span<float> parameters, Span<float> state)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(architecture);
        try
        {
            ReadChecked(stream, source, architecture, fingerprint, parameters, state);
        }
        catch (Exception exception) when (exception is IOException and not WeightFileException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new WeightFileException(source, $"reading it failed: {exception.Message}", exception);
        }
    }

    private static void ReadChecked(Stream stream, string source, string architecture, ulong fingerprint, Span<float> parameters, Span<float> state)
    {
        Span<byte> header = stackalloc byte[WeightFileHeader.Size];
        int headerRead = ReadFully(stream, header);
        if (WeightFileHeader.TryRead(header[..headerRead], out WeightFileHeader found) is { } problem)
        {
            throw new WeightFileException(source, problem);
        }

        var text = new byte[found.ArchitectureLength];
        if (ReadFully(stream, text) < text.Length)
        {
            throw new WeightFileException(source, WeightFileHeader.TruncatedArchitecture);
        }

        string foundArchitecture = Encoding.UTF8.GetString(text);
        if (found.Fingerprint != fingerprint || foundArchitecture != architecture)
        {
            throw new WeightFileException(
                source, WeightFileHeader.ArchitectureMismatch(foundArchitecture, found.Fingerprint, architecture, fingerprint));
        }

        if (found.ParameterCount != parameters.Length || found.StateCount != state.Length)
        {
            throw new WeightFileException(
                source, WeightFileHeader.CountMismatch(found.ParameterCount, found.StateCount, parameters.Length, state.Length));
        }

        int parameterCount = found.ParameterCount;
        int stateCount = found.StateCount;
        uint crc = Crc32.Append(Crc32.Append(Crc32.Initial, header), text);
        var values = new float[parameterCount + stateCount];
        Span<byte> bytes = MemoryMarshal.AsBytes(values.AsSpan());
        int read = ReadFully(stream, bytes);
        if (read < bytes.Length)
        {
            throw new WeightFileException(source, WeightFileHeader.TruncatedValues(bytes.Length, read));
        }

        crc = Crc32.Finish(Crc32.Append(crc, bytes));
        Span<byte> checksum = stackalloc byte[WeightFileHeader.ChecksumSize];
        if (ReadFully(stream, checksum) < checksum.Length)
        {
            throw new WeightFileException(source, WeightFileHeader.MissingChecksum);
        }

        uint expected = BinaryPrimitives.ReadUInt32LittleEndian(checksum);
        if (expected != crc)
        {
            throw new WeightFileException(source, WeightFileHeader.ChecksumMismatch(expected, crc));
        }

        Span<byte> beyond = stackalloc byte[1];
        if (stream.Read(beyond) > 0)
        {
            throw new WeightFileException(source, WeightFileHeader.TrailingBytes);
        }

        if (!BitConverter.IsLittleEndian)
        {
            Span<int> raw = MemoryMarshal.Cast<float, int>(values.AsSpan());
            BinaryPrimitives.ReverseEndianness(raw, raw);
        }

        values.AsSpan(0, parameterCount).CopyTo(parameters);
        values.AsSpan(parameterCount, stateCount).CopyTo(state);
    }

    /// <summary>Reads the weight file at <paramref name="path"/>; see <see cref="Read(Stream, string, string, ulong, Span{float}, Span{float})"/>.</summary>
    public static void Read(string path, string architecture, ulong fingerprint, Span<float> parameters, Span<float> state)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WeightFileException(path, "the file does not exist.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new WeightFileException(path, $"it cannot be opened: {exception.Message}", exception);
        }

        using (file)
        {
            Read(file, path, architecture, fingerprint, parameters, state);
        }
    }

    private static uint WriteAndHash(Stream stream, ReadOnlySpan<byte> bytes, uint crc)
    {
        stream.Write(bytes);
        return Crc32.Append(crc, bytes);
    }

    private static uint WriteFloats(Stream stream, ReadOnlySpan<float> values, uint crc)
    {
        // In pieces: a span of more than 2^29 floats has more bytes than a span can count.
        const int Piece = 1 << 12;
        Span<byte> buffer = stackalloc byte[4 * Piece];
        while (!values.IsEmpty)
        {
            ReadOnlySpan<float> piece = values[..Math.Min(Piece, values.Length)];
            Span<byte> bytes = buffer[..(4 * piece.Length)];
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.AsBytes(piece).CopyTo(bytes);
            }
            else
            {
                for (int i = 0; i < piece.Length; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(bytes[(4 * i)..], piece[i]);
                }
            }

            crc = WriteAndHash(stream, bytes, crc);
            values = values[piece.Length..];
        }

        return crc;
    }

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int read = stream.Read(buffer[total..]);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
