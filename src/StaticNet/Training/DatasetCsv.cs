using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNet.Training;

/// <summary>Reading a dataset from a CSV file with a header row: the common case, so programs need no loader of their own.</summary>
public sealed partial class Dataset
{
    /// <summary>
    /// A classification dataset from a CSV file with a header row: the column <paramref name="labelColumn"/> holds each
    /// sample's class, either an index from 0 or a name (then <see cref="ClassNames"/> lists them in ordinal order), and
    /// becomes a one-hot target; every other column is a numeric feature. Empty lines are skipped; fields may be quoted.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a table: it names the file, the line and the column.</exception>
    public static Dataset FromCsv(string path, string labelColumn, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        CsvTable table = CsvTable.Read(path, separator);
        int label = table.Column(labelColumn);
        int[] features = Enumerable.Range(0, table.Header.Length).Where(column => column != label).ToArray();
        float[] inputs = table.Numbers(features);

        string[] values = table.Rows.Select(row => row.Fields[label]).ToArray();
        bool indices = values.All(value => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _));
        string[] names = indices ? [] : values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        int[] labels = indices
            ? values.Select(value => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray()
            : values.Select(value => Array.BinarySearch(names, value, StringComparer.Ordinal)).ToArray();
        int classes = indices ? labels.Max() + 1 : names.Length;
        if (classes < 2)
        {
            throw new InvalidDataException($"{path}: the label column '{labelColumn}' holds a single class; classification needs two or more.");
        }

        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[(i * classes) + labels[i]] = 1f;
        }

        return new Dataset(inputs, targets, features.Length, classes) { ClassNames = names };
    }

    /// <summary>
    /// A regression (or several-output) dataset from a CSV file with a header row: the <paramref name="targetColumns"/>, in
    /// that order, are each sample's target values; every other column is a numeric feature.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a table: it names the file, the line and the column.</exception>
    public static Dataset FromCsv(string path, IReadOnlyList<string> targetColumns, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (targetColumns.Count == 0)
        {
            throw new ArgumentException("Name at least one target column.", nameof(targetColumns));
        }

        CsvTable table = CsvTable.Read(path, separator);
        int[] targets = targetColumns.Select(table.Column).ToArray();
        int[] features = Enumerable.Range(0, table.Header.Length).Where(column => !targets.Contains(column)).ToArray();
        return new Dataset(table.Numbers(features), table.Numbers(targets), features.Length, targets.Length);
    }

    /// <summary>A CSV file's header and rows of fields, each row with its line number for messages.</summary>
    private sealed record CsvTable(string Path, string[] Header, IReadOnlyList<(int Line, string[] Fields)> Rows)
    {
        public static CsvTable Read(string path, char separator)
        {
            ArgumentNullException.ThrowIfNull(path);
            string[] lines;
            try
            {
                lines = File.ReadAllLines(path);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw new InvalidDataException($"{path}: cannot be read: {error.Message}", error);
            }

            var rows = new List<(int, string[])>();
            string[]? header = null;
            for (int i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim().Length == 0)
                {
                    continue;
                }

                string[] fields = Split(lines[i], separator, path, i + 1);
                if (header is null)
                {
                    header = fields;
                }
                else if (fields.Length != header.Length)
                {
                    throw new InvalidDataException($"{path} line {i + 1}: {fields.Length} fields, but the header has {header.Length}.");
                }
                else
                {
                    rows.Add((i + 1, fields));
                }
            }

            if (header is null || rows.Count == 0)
            {
                throw new InvalidDataException($"{path}: no header and rows of data.");
            }

            return new CsvTable(path, header, rows);
        }

        /// <summary>The index of the column named <paramref name="name"/> in the header.</summary>
        public int Column(string name)
        {
            int index = Array.IndexOf(Header, name);
            return index >= 0
                ? index
                : throw new InvalidDataException($"{Path}: no column '{name}'; the header has {string.Join(", ", Header.Select(h => $"'{h}'"))}.");
        }

        /// <summary>The given columns of every row as numbers, row after row.</summary>
        public float[] Numbers(int[] columns)
        {
            var values = new float[Rows.Count * columns.Length];
            for (int r = 0; r < Rows.Count; r++)
            {
                (int line, string[] fields) = Rows[r];
                for (int c = 0; c < columns.Length; c++)
                {
                    string field = fields[columns[c]];
                    if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    {
                        throw new InvalidDataException($"{Path} line {line}, column '{Header[columns[c]]}': '{field}' is not a finite number.");
                    }

                    values[(r * columns.Length) + c] = value;
                }
            }

            return values;
        }

        /// <summary>Splits one line into trimmed fields; a field in double quotes may hold the separator and "" for a quote.</summary>
        private static string[] Split(string line, char separator, string path, int number)
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == separator)
                {
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (quoted)
            {
                throw new InvalidDataException($"{path} line {number}: a quoted field is not closed.");
            }

            fields.Add(field.ToString().Trim());
            return fields.ToArray();
        }
    }
}
