using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace StaticNet.Storage;

/// <summary>
/// A parsed and checked <c>safetensors</c> file: an 8-byte little-endian header length, a JSON header mapping
/// each tensor name to its dtype, shape and data offsets (relative to the data after the header), then the raw
/// little-endian data. Every entry is checked before any value is read: known dtype, offsets inside the data, a
/// byte length that matches the shape, no two tensors overlapping. Problems raise <see cref="WeightFileException"/>
/// naming the source. The JSON is read with <see cref="Utf8JsonReader"/>: no reflection, fine under NativeAOT.
/// </summary>
internal sealed class SafeTensorsFile
{
    private readonly byte[] bytes;
    private readonly int dataStart;

    private SafeTensorsFile(byte[] bytes, int dataStart, Dictionary<string, Entry> tensors)
    {
        this.bytes = bytes;
        this.dataStart = dataStart;
        Tensors = tensors;
    }

    /// <summary>The tensors by name (the <c>__metadata__</c> entry is not one).</summary>
    public Dictionary<string, Entry> Tensors { get; }

    /// <summary>One tensor's header entry; offsets are relative to the start of the data.</summary>
    public sealed record Entry(string Name, string DType, long[] Shape, long Begin, long End)
    {
        public long Count
        {
            get
            {
                long count = 1;
                foreach (long side in Shape)
                {
                    count = checked(count * side);
                }

                return count;
            }
        }
    }

    /// <summary>Parses and checks <paramref name="bytes"/>, the whole file; <paramref name="source"/> names it in errors.</summary>
    public static SafeTensorsFile Parse(byte[] bytes, string source)
    {
        if (bytes.Length < 8)
        {
            throw new WeightFileException(source, $"the file is {bytes.Length} bytes long, too short for the 8-byte header length of a safetensors file.");
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)(bytes.Length - 8))
        {
            throw new WeightFileException(source, $"the header length is {headerLength} bytes, past the end of the file ({bytes.Length - 8} bytes follow the length).");
        }

        int dataStart = 8 + (int)headerLength;
        long dataLength = bytes.Length - dataStart;
        var tensors = ReadHeader(bytes.AsSpan(8, (int)headerLength), source);
        foreach (Entry entry in tensors.Values)
        {
            int size = ElementSize(entry.DType, source, entry.Name);
            if (entry.Begin > entry.End || entry.End > dataLength)
            {
                throw new WeightFileException(source, $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}], outside the {dataLength} bytes of data.");
            }

            long expected = ByteLength(entry, size, source);
            if (entry.End - entry.Begin != expected)
            {
                throw new WeightFileException(source,
                    $"tensor '{entry.Name}' has shape {TensorSlot.FormatShape(entry.Shape)} of {entry.DType}, {expected} bytes, but its data_offsets span {entry.End - entry.Begin}.");
            }
        }

        // As the format requires, the tensors tile the data: in offset order each begins where the one before ends,
        // and the last ends with the file, so there are no holes, no overlaps and nothing after them.
        var ordered = new List<Entry>(tensors.Values);
        ordered.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long covered = 0;
        Entry? previous = null;
        foreach (Entry entry in ordered)
        {
            if (entry.Begin < covered)
            {
                throw new WeightFileException(source,
                    $"tensors '{previous!.Name}' (bytes {previous.Begin} to {previous.End}) and '{entry.Name}' (bytes {entry.Begin} to {entry.End}) overlap.");
            }

            if (entry.Begin > covered)
            {
                throw new WeightFileException(source,
                    $"bytes {covered} to {entry.Begin} of the data belong to no tensor (a hole before '{entry.Name}'): the file is corrupted.");
            }

            covered = entry.End;
            previous = entry;
        }

        if (covered != dataLength)
        {
            throw new WeightFileException(source,
                $"the tensors end at byte {covered} of the data, but the file has {dataLength} bytes of data: {dataLength - covered} bytes belong to no tensor.");
        }

        return new SafeTensorsFile(bytes, dataStart, tensors);
    }

    private static long ByteLength(Entry entry, int size, string source)
    {
        try
        {
            return checked(entry.Count * size);
        }
        catch (OverflowException)
        {
            throw new WeightFileException(source, $"tensor '{entry.Name}' has shape {TensorSlot.FormatShape(entry.Shape)}, too large for any file.");
        }
    }

    /// <summary>
    /// Converts the tensor's values to float into <paramref name="destination"/>, which has its count. Unless
    /// <paramref name="allowNonFinite"/>, a NaN or infinite value, or an F64 value beyond float's range, is refused.
    /// </summary>
    public void ReadFloats(Entry entry, Span<float> destination, string source, bool allowNonFinite)
    {
        ReadOnlySpan<byte> data = bytes.AsSpan(dataStart + (int)entry.Begin, (int)(entry.End - entry.Begin));
        switch (entry.DType)
        {
            case "F32":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(4 * i));
                }

                break;
            case "F64":
                for (int i = 0; i < destination.Length; i++)
                {
                    double value = BinaryPrimitives.ReadDoubleLittleEndian(data.Slice(8 * i));
                    destination[i] = (float)value;
                    if (!allowNonFinite && double.IsFinite(value) && !float.IsFinite(destination[i]))
                    {
                        throw new WeightFileException(source,
                            $"tensor '{entry.Name}' holds {value.ToString("R", CultureInfo.InvariantCulture)} at index {i}, beyond float's range (it would become infinite; pass allowNonFinite: true to import it anyway).");
                    }
                }

                break;
            case "F16":
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = HalfFloat.ToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(2 * i)));
                }

                break;
            case "BF16":
                // bfloat16 is the top half of a float32.
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(2 * i)) << 16);
                }

                break;
            default:
                throw new WeightFileException(source, $"tensor '{entry.Name}' is {entry.DType}; only F32, F64, F16 and BF16 tensors can be imported as float weights.");
        }

        if (!allowNonFinite)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                if (!float.IsFinite(destination[i]))
                {
                    throw new WeightFileException(source,
                        $"tensor '{entry.Name}' holds {destination[i].ToString(CultureInfo.InvariantCulture)} at index {i}; a weight that is not finite makes every output NaN "
                        + "(pass allowNonFinite: true to import it anyway).");
                }
            }
        }
    }

    private static readonly string[] KnownDTypes = ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    private static int ElementSize(string dtype, string source, string name) => dtype switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "F64" or "I64" or "U64" => 8,
        _ => throw new WeightFileException(source, $"tensor '{name}' has an unknown dtype '{dtype}' (safetensors knows {string.Join(", ", KnownDTypes)})."),
    };

    private static Dictionary<string, Entry> ReadHeader(ReadOnlySpan<byte> json, string source)
    {
        var tensors = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json);
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject, source, "the header is not a JSON object.");
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                reader.Read();
                if (name == "__metadata__")
                {
                    reader.Skip();
                    continue;
                }

                Expect(!tensors.ContainsKey(name), source, $"tensor '{name}' appears twice in the header.");
                tensors.Add(name, ReadEntry(ref reader, name, source));
            }

            // Only the spaces that pad the header to 8 bytes may follow the object.
            Expect(!reader.Read(), source, $"the header goes on after its JSON object (at byte {reader.TokenStartIndex}).");
        }
        catch (JsonException exception)
        {
            throw new WeightFileException(source, $"the header is not valid JSON: {exception.Message}");
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader.GetString on a name that is not valid UTF-8, or escapes a lone surrogate.
            throw new WeightFileException(source, $"the header holds a name that is not valid UTF-8 text: {exception.Message}");
        }

        return tensors;
    }

    private static Entry ReadEntry(ref Utf8JsonReader reader, string name, string source)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject, source, $"tensor '{name}' is not described by a JSON object.");
        string? dtype = null;
        long[]? shape = null;
        long[]? offsets = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string property = reader.GetString()!;
            reader.Read();
            switch (property)
            {
                case "dtype":
                    Expect(reader.TokenType == JsonTokenType.String, source, $"tensor '{name}' has a dtype that is not a string.");
                    dtype = reader.GetString();
                    break;
                case "shape":
                    shape = ReadIntegers(ref reader, name, property, source);
                    break;
                case "data_offsets":
                    offsets = ReadIntegers(ref reader, name, property, source);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        Expect(dtype is not null, source, $"tensor '{name}' has no dtype.");
        Expect(shape is not null, source, $"tensor '{name}' has no shape.");
        Expect(offsets is { Length: 2 }, source, $"tensor '{name}' needs data_offsets of two numbers [begin, end].");
        return new Entry(name, dtype!, shape!, offsets![0], offsets[1]);
    }

    private static long[] ReadIntegers(ref Utf8JsonReader reader, string name, string property, string source)
    {
        Expect(reader.TokenType == JsonTokenType.StartArray, source, $"tensor '{name}' has a {property} that is not an array.");
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Expect(reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) && value >= 0 && value <= int.MaxValue,
                source, $"tensor '{name}' has a {property} entry that is not a whole number from 0 to {int.MaxValue}.");
            values.Add(reader.GetInt64());
        }

        return values.ToArray();
    }

    private static void Expect(bool condition, string source, string problem)
    {
        if (!condition)
        {
            throw new WeightFileException(source, problem);
        }
    }
}
