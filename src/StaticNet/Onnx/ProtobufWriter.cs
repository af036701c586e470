using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace StaticNet.Onnx;

/// <summary>
/// The few protocol-buffer encodings an ONNX model needs: varints, fixed 32-bit floats, and
/// length-delimited strings, bytes and nested messages (written to their own writer first, so their
/// length is known). Repeated scalars are written unpacked, which every protobuf reader accepts.
/// </summary>
internal sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream buffer = new();

    public int Length => (int)buffer.Length;

    public void Int64(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint(unchecked((ulong)value));
    }

    public void Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        buffer.Write(value);
    }

    /// <summary>Writes a nested message, built by <paramref name="write"/> on a writer of its own.</summary>
    public void Message(int field, Action<ProtobufWriter> write)
    {
        var nested = new ProtobufWriter();
        write(nested);
        Tag(field, LengthDelimited);
        WriteVarint((ulong)nested.Length);
        nested.buffer.Position = 0;
        nested.buffer.CopyTo(buffer);
    }

    public void CopyTo(Stream stream)
    {
        buffer.Position = 0;
        buffer.CopyTo(stream);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.WriteByte((byte)value);
    }
}
