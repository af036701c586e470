using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace StaticNet.Training;

/// <summary>
/// Reading a dataset from a CSV file, so programs need no loader of their own. The file is read strictly (see
/// <see cref="CsvTable"/>): gzip and UTF-16 are recognised, anything that is not read as written is refused with an
/// <see cref="InvalidDataException"/> naming the file, the line and the column.
/// </summary>
public sealed partial class Dataset
{
    /// <summary>
    /// The most classes a CSV label column may make: a one-hot target holds a float per class for every sample, so a
    /// stray label such as 1000000000 is refused before it allocates gigabytes.
    /// </summary>
    public const int MaxClassCount = 65_536;

    /// <summary>
    /// A classification dataset from a CSV file with a header row: the column <paramref name="labelColumn"/> holds each
    /// sample's class and becomes a one-hot target; every other column is a numeric feature. Labels are either all class
    /// indices (whole numbers from 0: class <c>i</c> is index <c>i</c>) or all names (classes in ordinal order of the
    /// names); <see cref="ClassNames"/> lists the classes either way. Empty lines are skipped; fields may be quoted.
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not such a table (an empty label, numbers mixed with names or non-integer numbers among the labels, a
    /// class count over <see cref="MaxClassCount"/>, a single class, no feature column, a field that is not a finite number,
    /// a malformed line): it names the file, the line and the column.
    /// </exception>
    public static Dataset FromCsv(string path, string labelColumn, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        CsvTable table = CsvTable.Read(path, separator, hasHeader: true);
        return Classification(table, table.Column(labelColumn));
    }

    /// <summary>
    /// A classification dataset from a CSV file with or without a header row, its label in column
    /// <paramref name="labelColumn"/> counted from 0; otherwise as <see cref="FromCsv(string, string, char)"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a table: it names the file, the line and the column.</exception>
    public static Dataset FromCsv(string path, int labelColumn, bool hasHeader, char separator = ',')
    {
        CsvTable table = CsvTable.Read(path, separator, hasHeader);
        return Classification(table, table.Column(labelColumn));
    }

    /// <summary>
    /// A regression (or several-output) dataset from a CSV file with a header row: the <paramref name="targetColumns"/>, in
    /// that order, are each sample's target values; every other column is a numeric feature.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a table: it names the file, the line and the column.</exception>
    public static Dataset FromCsv(string path, IReadOnlyList<string> targetColumns, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        CsvTable table = CsvTable.Read(path, separator, hasHeader: true);
        return Regression(table, targetColumns.Select(table.Column).ToArray(), nameof(targetColumns));
    }

    /// <summary>
    /// A regression dataset from a CSV file with or without a header row, its targets in <paramref name="targetColumns"/>
    /// counted from 0; otherwise as <see cref="FromCsv(string, IReadOnlyList{string}, char)"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not such a table: it names the file, the line and the column.</exception>
    public static Dataset FromCsv(string path, IReadOnlyList<int> targetColumns, bool hasHeader, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        CsvTable table = CsvTable.Read(path, separator, hasHeader);
        return Regression(table, targetColumns.Select(table.Column).ToArray(), nameof(targetColumns));
    }

    private static Dataset Regression(CsvTable table, int[] targets, string parameter)
    {
        if (targets.Length == 0)
        {
            throw new ArgumentException("Name at least one target column.", parameter);
        }

        if (targets.Distinct().Count() != targets.Length)
        {
            int twice = targets.GroupBy(t => t).First(g => g.Count() > 1).Key;
            throw new ArgumentException($"Column {table.ColumnName(twice)} is named twice as a target.", parameter);
        }

        int[] features = FeatureColumns(table, targets);
        return new Dataset(table.Numbers(features), table.Numbers(targets), features.Length, targets.Length);
    }

    private static Dataset Classification(CsvTable table, int label)
    {
        int[] features = FeatureColumns(table, [label]);
        float[] inputs = table.Numbers(features);
        (int[] labels, string[] names) = Labels(table, label);
        int classes = names.Length;
        if (classes < 2)
        {
            throw new InvalidDataException($"{table.Path}: the label column {table.ColumnName(label)} holds a single class; classification needs two or more.");
        }

        if ((long)labels.Length * classes > Array.MaxLength)
        {
            throw new InvalidDataException(
                $"{table.Path}: {labels.Length} samples of {classes} classes need {(long)labels.Length * classes} one-hot target values, more than an array holds.");
        }

        var targets = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            targets[(i * classes) + labels[i]] = 1f;
        }

        return new Dataset(inputs, targets, features.Length, classes) { ClassNames = names };
    }

    /// <summary>
    /// Each row's class and the class names: all labels indices (whole numbers from 0; names "0", "1"...) or all names
    /// (in ordinal order). An empty label, or a label that is not an index where another is a number, is refused.
    /// </summary>
    private static (int[] Labels, string[] Names) Labels(CsvTable table, int column)
    {
        int firstNumber = -1;
        for (int r = 0; r < table.Rows.Count; r++)
        {
            (int line, string[] fields) = table.Rows[r];
            if (fields[column].Length == 0)
            {
                throw new InvalidDataException($"{table.Where(line, column)}: the label is empty; every sample needs a class.");
            }

            if (firstNumber < 0 && double.TryParse(fields[column], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                firstNumber = r;
            }
        }

        var labels = new int[table.Rows.Count];
        if (firstNumber < 0)
        {
            string[] names = table.Rows.Select(row => row.Fields[column]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (names.Length > MaxClassCount)
            {
                throw new InvalidDataException($"{table.Path}: the label column {table.ColumnName(column)} names {names.Length} classes, more than Dataset.MaxClassCount ({MaxClassCount}).");
            }

            for (int r = 0; r < labels.Length; r++)
            {
                labels[r] = Array.BinarySearch(names, table.Rows[r].Fields[column], StringComparer.Ordinal);
            }

            return (labels, names);
        }

        int classes = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            (int line, string[] fields) = table.Rows[r];
            string value = fields[column];
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long index))
            {
                bool tooLarge = value.All(char.IsAsciiDigit);
                throw new InvalidDataException(tooLarge
                    ? $"{table.Where(line, column)}: class index {value} is past Dataset.MaxClassCount ({MaxClassCount})."
                    : $"{table.Where(line, column)}: '{value}' is not a class index (a whole number from 0), but the label on line {table.Rows[firstNumber].Line} "
                      + $"('{table.Rows[firstNumber].Fields[column]}') is a number; write every label as an index, or every label as a name.");
            }

            if (index >= MaxClassCount)
            {
                throw new InvalidDataException($"{table.Where(line, column)}: class index {value} would make {index + 1} classes, more than Dataset.MaxClassCount ({MaxClassCount}).");
            }

            labels[r] = (int)index;
            classes = Math.Max(classes, (int)index + 1);
        }

        return (labels, Enumerable.Range(0, classes).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>Every column but <paramref name="taken"/>; a table of nothing else has no features and is refused.</summary>
    private static int[] FeatureColumns(CsvTable table, int[] taken)
    {
        int[] features = Enumerable.Range(0, table.ColumnCount).Where(column => !taken.Contains(column)).ToArray();
        return features.Length > 0
            ? features
            : throw new InvalidDataException($"{table.Path}: no feature columns: its only columns are the label or targets ({string.Join(", ", taken.Select(table.ColumnName))}).");
    }
}
