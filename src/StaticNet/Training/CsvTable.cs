using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace StaticNet.Training;

/// <summary>
/// A CSV file read strictly, so that a file is either read as written or refused with an
/// <see cref="InvalidDataException"/> naming the file, the line and the column (never a silent wrong value):
/// <list type="bullet">
/// <item>bytes: gzip by its magic bytes; text in UTF-8 (with or without a byte-order mark) or UTF-16 with its mark;
/// anything else, such as a Latin-1 file whose accents are not UTF-8, is refused where the first such byte is;</item>
/// <item>lines end in LF or CRLF; blank lines are skipped; a field may not span lines;</item>
/// <item>fields are trimmed of spaces and tabs; a quoted field starts with its quote, may hold the separator and
/// <c>""</c> for a quote, and ends at its closing quote (only spaces may follow before the separator); a quote
/// anywhere else (<c>1"0"</c>, <c>"1"0</c>) is refused;</item>
/// <item>with a header, column names are unique; every row has the header's (or the first row's) number of fields.</item>
/// </list>
/// </summary>
internal sealed class CsvTable
{
    private CsvTable(string path, string[]? header, List<(int Line, string[] Fields)> rows, int columns)
    {
        Path = path;
        Header = header;
        Rows = rows;
        ColumnCount = columns;
    }

    public string Path { get; }

    /// <summary>The column names, or null for a file without a header (columns are then known by index).</summary>
    public string[]? Header { get; }

    /// <summary>Each row's fields with its line number (from 1) for messages.</summary>
    public List<(int Line, string[] Fields)> Rows { get; }

    public int ColumnCount { get; }

    public static CsvTable Read(string path, char separator, bool hasHeader)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (separator is '"' or '\r' or '\n' or ' ')
        {
            throw new ArgumentException($"'{separator}' cannot separate fields: it is a quote, a line end or a space.", nameof(separator));
        }

        string text = Decode(path, ReadBytes(path));
        var rows = new List<(int, string[])>();
        string[]? header = null;
        int columns = -1;
        int line = 0;
        foreach (string raw in text.Split('\n'))
        {
            line++;
            string content = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (content.AsSpan().Trim(" \t").Length == 0)
            {
                continue;
            }

            string[] fields = Split(content, separator, path, line, header);
            if (columns < 0)
            {
                columns = fields.Length;
                if (hasHeader)
                {
                    CheckHeader(fields, path, line);
                    header = fields;
                    continue;
                }
            }

            if (fields.Length != columns)
            {
                throw new InvalidDataException($"{path} line {line}: {fields.Length} fields, but {(hasHeader ? "the header has" : "the first row has")} {columns}.");
            }

            rows.Add((line, fields));
        }

        if (rows.Count == 0)
        {
            throw new InvalidDataException(hasHeader ? $"{path}: no header and rows of data." : $"{path}: no rows of data.");
        }

        return new CsvTable(path, header, rows, columns);
    }

    /// <summary>The index of the column named <paramref name="name"/> in the header.</summary>
    public int Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Header is null)
        {
            throw new ArgumentException("The file has no header: name its columns by index.", nameof(name));
        }

        int index = Array.IndexOf(Header, name);
        return index >= 0
            ? index
            : throw new InvalidDataException($"{Path}: no column '{name}'; the header has {string.Join(", ", Array.ConvertAll(Header, h => $"'{h}'"))}.");
    }

    /// <summary>Column <paramref name="index"/> (from 0), checked against the table's width.</summary>
    public int Column(int index) => index >= 0 && index < ColumnCount
        ? index
        : throw new InvalidDataException($"{Path}: no column {index}; its rows have {ColumnCount} columns, 0 to {ColumnCount - 1}.");

    /// <summary>How messages name column <paramref name="index"/>: its header name in quotes, or its index from 0.</summary>
    public string ColumnName(int index) => ColumnName(Header, index);

    private static string ColumnName(string[]? header, int index) =>
        header is not null && index < header.Length ? $"'{header[index]}'" : string.Create(CultureInfo.InvariantCulture, $"{index} (from 0)");

    /// <summary>Where a field is, for messages: <c>data.csv line 4, column 'width'</c>.</summary>
    public string Where(int line, int column) => $"{Path} line {line}, column {ColumnName(column)}";

    /// <summary>The given columns of every row as finite numbers, row after row.</summary>
    public float[] Numbers(int[] columns)
    {
        var values = new float[checked(Rows.Count * columns.Length)];
        for (int r = 0; r < Rows.Count; r++)
        {
            (int line, string[] fields) = Rows[r];
            for (int c = 0; c < columns.Length; c++)
            {
                string field = fields[columns[c]];
                if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                {
                    throw new InvalidDataException($"{Where(line, columns[c])}: '{field}' is not a finite number.");
                }

                values[(r * columns.Length) + c] = value;
            }
        }

        return values;
    }

    private static byte[] ReadBytes(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"{path}: cannot be read: {error.Message}", error);
        }

        if (bytes is [0x1F, 0x8B, ..])
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var text = new MemoryStream();
                gzip.CopyTo(text);

                // The decompressor ends quietly at a cut; gzip's trailer holds the length (mod 2^32) the whole text has.
                uint length = bytes.Length >= 18 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) : uint.MaxValue;
                if (length != (uint)text.Length)
                {
                    throw new InvalidDataException($"it decompresses to {text.Length} bytes, but its trailer says {length}: the file is cut short or damaged.");
                }

                return text.ToArray();
            }
            catch (Exception error) when (error is InvalidDataException or IOException)
            {
                throw new InvalidDataException($"{path}: it is gzip-compressed, but does not decompress: {error.Message}", error);
            }
        }

        if (bytes is [(byte)'P', (byte)'K', 3, 4, ..])
        {
            throw new InvalidDataException($"{path}: it is a zip archive, not a CSV file; extract the CSV file from it.");
        }

        return bytes;
    }

    /// <summary>UTF-16 by its byte-order mark, else strict UTF-8; text in another encoding is refused where it first fails.</summary>
    private static string Decode(string path, byte[] bytes)
    {
        (Encoding encoding, int skip) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ((Encoding)new UTF8Encoding(false, true), 3),
            [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
            _ => (new UTF8Encoding(false, true), 0),
        };
        try
        {
            return encoding.GetString(bytes, skip, bytes.Length - skip);
        }
        catch (DecoderFallbackException)
        {
            if (skip == 0 || encoding is UTF8Encoding)
            {
                (int line, int column) = FirstInvalidUtf8(bytes.AsSpan(skip));
                throw new InvalidDataException(
                    $"{path} line {line}, character {column}: the text is not UTF-8 (a Latin-1 or Windows-1252 file, perhaps, whose accented letters UTF-8 cannot read); save it as UTF-8.");
            }

            throw new InvalidDataException($"{path}: it starts with a UTF-16 byte-order mark, but is not UTF-16 text.");
        }
    }

    /// <summary>The line and the column (in characters, from 1) of the first byte that is not UTF-8.</summary>
    private static (int Line, int Column) FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int line = 1;
        int column = 1;
        int consumed;
        while ((consumed = Utf8SequenceLength(bytes)) > 0)
        {
            (line, column) = bytes[0] == (byte)'\n' ? (line + 1, 1) : (line, column + 1);
            bytes = bytes[consumed..];
        }

        return (line, column);
    }

    /// <summary>
    /// The length of the well-formed UTF-8 sequence <paramref name="bytes"/> starts with, or 0 (none, or the end): the
    /// Unicode standard's table of well-formed sequences, so no overlong form, surrogate or value past U+10FFFF.
    /// </summary>
    internal static int Utf8SequenceLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            return 0;
        }

        byte lead = bytes[0];
        (int length, byte low, byte high) = lead switch
        {
            < 0x80 => (1, (byte)0, (byte)0),
            >= 0xC2 and <= 0xDF => (2, (byte)0x80, (byte)0xBF),
            0xE0 => (3, (byte)0xA0, (byte)0xBF),
            >= 0xE1 and <= 0xEC or 0xEE or 0xEF => (3, (byte)0x80, (byte)0xBF),
            0xED => (3, (byte)0x80, (byte)0x9F),
            0xF0 => (4, (byte)0x90, (byte)0xBF),
            >= 0xF1 and <= 0xF3 => (4, (byte)0x80, (byte)0xBF),
            0xF4 => (4, (byte)0x80, (byte)0x8F),
            _ => (0, (byte)0, (byte)0),
        };
        if (length == 0 || bytes.Length < length)
        {
            return 0;
        }

        if (length == 1)
        {
            return 1;
        }

        // The second byte's range depends on the lead (it rules out overlong forms and surrogates); the rest are any continuation.
        if (bytes[1] < low || bytes[1] > high)
        {
            return 0;
        }

        for (int i = 2; i < length; i++)
        {
            if (bytes[i] < 0x80 || bytes[i] > 0xBF)
            {
                return 0;
            }
        }

        return length;
    }

    private static void CheckHeader(string[] header, string path, int line)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < header.Length; i++)
        {
            if (seen.TryGetValue(header[i], out int first))
            {
                throw new InvalidDataException(
                    $"{path} line {line}, column {ColumnName(null, i)}: the header names '{header[i]}' twice (columns {first} and {i}, from 0); a column name must be unique.");
            }

            seen[header[i]] = i;
        }
    }

    /// <summary>Splits one line into trimmed fields (see the class remarks); <paramref name="number"/> is its line for messages.</summary>
    private static string[] Split(string line, char separator, string path, int number, string[]? header)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t' && line[i] != separator)
            {
                i++;
            }

            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int opening = i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new InvalidDataException($"{path} line {number}, column {ColumnName(header, fields.Count)}: a quoted field (from character {opening + 1}) is not closed on its line.");
                    }

                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(line[i++]);
                    }
                }

                while (i < line.Length && line[i] is ' ' or '\t' && line[i] != separator)
                {
                    i++;
                }

                if (i < line.Length && line[i] != separator)
                {
                    throw new InvalidDataException($"{path} line {number}, column {ColumnName(header, fields.Count)}: '{line[i]}' follows a closing quote (character {i + 1}); quote the whole field.");
                }

                fields.Add(field.ToString());
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != separator)
                {
                    if (line[i] == '"')
                    {
                        throw new InvalidDataException($"{path} line {number}, column {ColumnName(header, fields.Count)}: a quote inside an unquoted field (character {i + 1}); quote the whole field and double the quote.");
                    }

                    i++;
                }

                fields.Add(line.AsSpan(start, i - start).Trim(" \t").ToString());
            }

            if (i >= line.Length)
            {
                return fields.ToArray();
            }

            i++; // the separator
        }
    }
}
