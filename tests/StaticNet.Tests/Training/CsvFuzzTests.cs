using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using StaticNet.Training;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Training;

/// <summary>
/// Thousands of mutations of small CSV files (quotes, separators, line breaks, spaces, signs, decimal points, empty and
/// non-UTF-8 fields, lines duplicated, dropped or swapped) read as a classification table: each is either refused with an
/// <see cref="InvalidDataException"/> naming the file (and the line, where a line is at fault) or read into exactly the
/// dataset that an independent reading of the same text gives. The reference below is written apart from
/// <c>CsvTable</c>: a regular expression per field instead of a character loop, to the same rules (README, "What the
/// runtime does with awkward input").
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
public sealed partial class CsvFuzzTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Seeds =
    [
        "length,width,species\n5.1,3.5,setosa\n4.9,3.0,setosa\n7.0,3.2,versicolor\n6.3,3.3,virginica\n",
        "a,b,label\n1,2,0\n3,4,1\n\n5,6,2\n-1.5e2,0.25,1\n",
        "\"x, y\",z,label\r\n\"1\",2,\"b\"\r\n 3 , 4 ,a\r\n5,\"6\",\"c \"\"q\"\"\"\r\n",
        "f,label\n0.5,cat\n1.5,dog\n2.5,cat\n",
    ];

    private static readonly string[] Insertions = ["\"", ",", "\n", "\r\n", " ", "x", "-", ".", "1", "\"\"", "0", "e", "\t", ";", "é", "\u00A0"];

    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-csvfuzz-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Every_mutated_file_is_read_as_the_reference_reads_it_or_refused_naming_the_file_and_line()
    {
        var random = new Random(29);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes = Mutate(random, Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]));
            string path = Path.Combine(directory, $"case{i}.csv");
            File.WriteAllBytes(path, bytes);
            string label = random.Next(6) == 0 ? "b" : Header(bytes);
            Reference expected = Reference.Read(bytes, label);
            Dataset? actual = null;
            string? error = null;
            try
            {
                actual = Dataset.FromCsv(path, label);
            }
            catch (InvalidDataException exception)
            {
                error = exception.Message;
            }

            string text = Encoding.UTF8.GetString(bytes);
            if (expected.Problem is { } problem)
            {
                Assert.True(error is not null, $"case {i}: the reference refuses ({problem}) but the file was read:\n{text}");
                Assert.StartsWith(path, error);
                if (expected.Line is { } line)
                {
                    Assert.Matches(@$"{Regex.Escape(path)} line \d+", error);
                }

                refused++;
                continue;
            }

            Assert.True(actual is not null, $"case {i}: the reference reads it but it was refused: {error}\n{text}");
            Assert.Equal(expected.ClassNames, actual!.ClassNames);
            Assert.Equal(expected.Inputs.Length, actual.Count * actual.InputSize);
            for (int s = 0; s < actual.Count; s++)
            {
                Assert.Equal(expected.Inputs.Skip(s * actual.InputSize).Take(actual.InputSize), actual.Input(s).ToArray());
                Assert.Equal(expected.Labels[s], actual.Label(s));
            }

            read++;
        }

        output.WriteLine($"CSV fuzz: {read} read, {refused} refused");
        Assert.True(read > 300 && refused > 300, $"{read} read, {refused} refused: the mutations should give plenty of both");
    }

    /// <summary>The label column: the last header field as written, unquoted (the seeds keep the label last).</summary>
    private static string Header(byte[] bytes)
    {
        string first = Encoding.UTF8.GetString(bytes).Split('\n').FirstOrDefault(l => l.Trim().Length > 0) ?? "";
        return first.TrimEnd('\r').Split(',')[^1].Trim().Trim('"');
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        var bytes = new List<byte>(seed);
        for (int m = random.Next(1, 4); m > 0; m--)
        {
            int at = random.Next(bytes.Count + 1);
            switch (random.Next(7))
            {
                case 0 or 1:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Insertions[random.Next(Insertions.Length)]));
                    break;
                case 2 when at < bytes.Count:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, 0xE9); // Latin-1 é: not UTF-8
                    break;
                case 4:
                {
                    string[] lines = Encoding.UTF8.GetString(bytes.ToArray()).Split('\n');
                    int a = random.Next(lines.Length);
                    int b = random.Next(lines.Length);
                    (lines[a], lines[b]) = random.Next(2) == 0 ? (lines[b], lines[a]) : (lines[a], lines[a]);
                    bytes = new List<byte>(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
                    break;
                }

                case 5 when at < bytes.Count && char.IsAsciiDigit((char)bytes[at]):
                    bytes[at] = (byte)"0123456789"[random.Next(10)];
                    break;
                default:
                {
                    // Empty the field around a position: everything between the nearest separators or line ends.
                    int start = at;
                    while (start > 0 && bytes[start - 1] is not (byte)',' and not (byte)'\n')
                    {
                        start--;
                    }

                    int end = at;
                    while (end < bytes.Count && bytes[end] is not (byte)',' and not (byte)'\n' and not (byte)'\r')
                    {
                        end++;
                    }

                    bytes.RemoveRange(start, end - start);
                    break;
                }
            }
        }

        return bytes.ToArray();
    }

    /// <summary>An independent reading of a classification CSV file: the dataset, or the problem and the line of it.</summary>
    private sealed partial record Reference(string? Problem, int? Line, float[] Inputs, int[] Labels, string[] ClassNames)
    {
        private static Reference Refuse(string problem, int? line = null) => new(problem, line, [], [], []);

        public static Reference Read(byte[] bytes, string label)
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                return Refuse("not UTF-8", 0);
            }

            string[] header = null!;
            var rows = new List<(int Line, string[] Fields)>();
            string[] lines = text.Split('\n');
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n].EndsWith('\r') ? lines[n][..^1] : lines[n];
                if (line.Trim(' ', '\t').Length == 0)
                {
                    continue;
                }

                // The whole line must be fields matched one after another, each followed by a comma or the end.
                var fields = new List<string>();
                int at = 0;
                while (true)
                {
                    Match field = Field().Match(line, at);
                    if (!field.Success || field.Index != at)
                    {
                        return Refuse("bad field", n + 1);
                    }

                    fields.Add(field.Groups["quoted"].Success ? field.Groups["quoted"].Value.Replace("\"\"", "\"") : field.Groups["plain"].Value.Trim(' ', '\t'));
                    at = field.Index + field.Length;
                    if (at == line.Length && !field.Value.EndsWith(','))
                    {
                        break;
                    }
                }

                if (header is null)
                {
                    if (fields.Distinct().Count() != fields.Count)
                    {
                        return Refuse("duplicate column", n + 1);
                    }

                    header = fields.ToArray();
                }
                else if (fields.Count != header.Length)
                {
                    return Refuse("field count", n + 1);
                }
                else
                {
                    rows.Add((n + 1, fields.ToArray()));
                }
            }

            if (header is null || rows.Count == 0)
            {
                return Refuse("no rows");
            }

            int labelColumn = Array.IndexOf(header, label);
            if (labelColumn < 0 || header.Length == 1)
            {
                return Refuse("no such column, or no features");
            }

            var inputs = new List<float>();
            foreach ((int line, string[] fields) in rows)
            {
                for (int c = 0; c < fields.Length; c++)
                {
                    if (c == labelColumn)
                    {
                        continue;
                    }

                    if (!float.TryParse(fields[c], NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
                    {
                        return Refuse("not a number", line);
                    }

                    inputs.Add(value);
                }
            }

            string[] values = rows.Select(r => r.Fields[labelColumn]).ToArray();
            int empty = Array.IndexOf(values, "");
            if (empty >= 0)
            {
                return Refuse("empty label", rows[empty].Line);
            }

            bool[] numeric = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)).ToArray();
            if (!numeric.Any(n => n))
            {
                string[] names = values.Distinct().OrderBy(v => v, StringComparer.Ordinal).ToArray();
                return names.Length < 2 ? Refuse("single class")
                    : new(null, null, inputs.ToArray(), values.Select(v => Array.IndexOf(names, v)).ToArray(), names);
            }

            int bad = Array.FindIndex(values, v => !Regex.IsMatch(v, "^[0-9]+$") || v.TrimStart('0').Length > 5 || int.Parse(v, CultureInfo.InvariantCulture) >= Dataset.MaxClassCount);
            if (bad >= 0)
            {
                return Refuse("not an index", rows[bad].Line);
            }

            int[] labels = values.Select(int.Parse).ToArray();
            int classes = labels.Max() + 1;
            return classes < 2 ? Refuse("single class")
                : new(null, null, inputs.ToArray(), labels, Enumerable.Range(0, classes).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        }

        /// <summary>A quoted field (spaces around it) or a plain one without quotes, then a comma or the end of the line.</summary>
        [GeneratedRegex("[ \\t]*(?:\"(?<quoted>(?:[^\"]|\"\")*)\"[ \\t]*|(?<plain>[^\",]*))(?:,|$)")]
        private static partial Regex Field();
    }
}
