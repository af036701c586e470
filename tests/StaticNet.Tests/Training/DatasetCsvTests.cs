using System;
using System.IO;
using System.Linq;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>Datasets from CSV files with a header row: classification by a label column, regression by target columns.</summary>
public sealed class DatasetCsvTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-csv-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string text)
    {
        string path = Path.Combine(directory, $"data{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Class_names_become_one_hot_targets_in_ordinal_order()
    {
        string path = Write("length,species,width\n5.1,setosa,3.5\n\n6.2,\"virginica\",2.9\n5.9,versicolor,3.0\n");

        Dataset data = Dataset.FromCsv(path, labelColumn: "species");

        Assert.Equal((3, 2, 3), (data.Count, data.InputSize, data.TargetSize));
        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassNames);
        Assert.Equal([6.2f, 2.9f], data.Input(1).ToArray());
        Assert.Equal([0, 2, 1], Enumerable.Range(0, 3).Select(data.Label));
        Assert.Equal(data.ClassNames, data.Split(testFraction: 0.34, seed: 1, stratify: false).Test.ClassNames);
    }

    [Fact]
    public void Class_indices_are_used_as_they_are()
    {
        Dataset data = Dataset.FromCsv(Write("a;b;digit\n1;2;0\n3;4;3\n"), "digit", separator: ';');

        Assert.Equal(4, data.TargetSize);
        Assert.Equal(["0", "1", "2", "3"], data.ClassNames);
        Assert.Equal(3, data.Label(1));
    }

    [Fact]
    public void Target_columns_make_a_regression_dataset_in_their_order()
    {
        Dataset data = Dataset.FromCsv(Write("x,price,y,rent\n1,100,2,10\n3,300,4,30\n"), ["rent", "price"]);

        Assert.Equal((2, 2), (data.InputSize, data.TargetSize));
        Assert.Equal([3f, 4f], data.Input(1).ToArray());
        Assert.Equal([30f, 300f], data.Target(1).ToArray());
    }

    [Theory]
    [InlineData("a,b,label\n1,2,0\n1,x,1\n", "line 3, column 'b': 'x' is not a finite number")]
    [InlineData("a,b,label\n1,2,0\n1,2\n", "line 3: 2 fields, but the header has 3")]
    [InlineData("a,b,label\n1,\"2,0\n", "line 2, column 'b': a quoted field (from character 3) is not closed on its line")]
    [InlineData("a,b,class\n1,2,0\n", "no column 'label'; the header has 'a', 'b', 'class'")]
    [InlineData("a,b,label\n", "no header and rows of data")]
    [InlineData("a,b,label\n1,2,0\n3,4,0\n", "holds a single class")]
    [InlineData("a,b,label\n1,NaN,0\n3,4,1\n", "'NaN' is not a finite number")]
    // Issue 29, item 4: each of these was a silent wrong result (or a raw exception) before.
    [InlineData("a,label\n1,0\n2,\n3,1\n", "line 3, column 'label': the label is empty")]
    [InlineData("a,label\n1,0\n2,x\n3,1\n", "line 3, column 'label': 'x' is not a class index (a whole number from 0), but the label on line 2 ('0') is a number")]
    [InlineData("a,label\n1,0\n2,-1\n3,1\n", "line 3, column 'label': '-1' is not a class index")]
    [InlineData("a,label\n1,0\n2,1.0\n3,1\n", "line 3, column 'label': '1.0' is not a class index")]
    [InlineData("a,label\n\"1\"0,0\n2,1\n", "line 2, column 'a': '0' follows a closing quote (character 4)")]
    [InlineData("a,label\n1\"0\",0\n2,1\n", "line 2, column 'a': a quote inside an unquoted field (character 2)")]
    [InlineData("a,label,label\n1,0,1\n", "line 1, column 2 (from 0): the header names 'label' twice (columns 1 and 2, from 0)")]
    [InlineData("a,label\n1,0\n2,1000000000\n", "line 3, column 'label': class index 1000000000 would make 1000000001 classes, more than Dataset.MaxClassCount (65536)")]
    [InlineData("a,label\n1,0\n2,2147483647\n", "class index 2147483647 would make 2147483648 classes")]
    [InlineData("a,label\n1,0\n2,99999999999999999999999\n", "class index 99999999999999999999999 is past Dataset.MaxClassCount")]
    [InlineData("label\n0\n1\n", "no feature columns: its only columns are the label or targets ('label')")]
    public void A_malformed_file_is_refused_naming_the_file_the_line_and_the_column(string text, string problem)
    {
        string path = Write(text);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, "label"));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_Latin_1_file_is_refused_where_its_first_accent_is_and_UTF_8_or_UTF_16_is_read()
    {
        // "café" and "cafè" in Latin-1: 0xE9 and 0xE8, which UTF-8 cannot read (they used to merge into "caf?").
        string latin1 = Path.Combine(directory, "latin1.csv");
        File.WriteAllBytes(latin1, [.. "a,label\n1,caf"u8, 0xE9, .. "\n2,caf"u8, 0xE8, (byte)'\n']);
        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(latin1, "label"));
        Assert.Contains($"{latin1} line 2, character 6: the text is not UTF-8", error.Message);

        foreach (System.Text.Encoding encoding in new System.Text.Encoding[] { new System.Text.UTF8Encoding(true), System.Text.Encoding.Unicode, System.Text.Encoding.BigEndianUnicode })
        {
            string path = Path.Combine(directory, $"{encoding.WebName}.csv");
            File.WriteAllText(path, "a,label\n1,café\n2,cafè\n", encoding);
            Dataset data = Dataset.FromCsv(path, "label");
            Assert.Equal(["cafè", "café"], data.ClassNames); // ordinal: U+00E8 before U+00E9
        }
    }

    [Fact]
    public void A_gzip_file_is_read_by_its_magic_bytes_whatever_its_name()
    {
        string path = Path.Combine(directory, "table.csv");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write("x,label\n1.5,b\n2.5,a\n"u8);
        }

        Dataset data = Dataset.FromCsv(path, "label");

        Assert.Equal(["a", "b"], data.ClassNames);
        Assert.Equal([1.5f, 2.5f], [data.Input(0)[0], data.Input(1)[0]]);
        Assert.Equal([1, 0], [data.Label(0), data.Label(1)]);

        byte[] whole = File.ReadAllBytes(path);
        foreach (byte[] broken in new[] { whole[..^6], whole[..^1], [0x1F, 0x8B, 8, 0, 1, 2, 3] })
        {
            string cut = Path.Combine(directory, "broken.csv.gz");
            File.WriteAllBytes(cut, broken);
            Assert.Contains($"{cut}: it is gzip-compressed, but does not decompress", Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(cut, "label")).Message);
        }
    }

    [Fact]
    public void A_file_without_a_header_takes_its_columns_by_index()
    {
        string path = Write("1,2,1\n3,4,0\n5,6,2\n");

        Dataset data = Dataset.FromCsv(path, labelColumn: 2, hasHeader: false);
        Assert.Equal((3, 2, 3), (data.Count, data.InputSize, data.TargetSize));
        Assert.Equal([3f, 4f], data.Input(1).ToArray());
        Assert.Equal([1, 0, 2], Enumerable.Range(0, 3).Select(data.Label));

        Dataset regression = Dataset.FromCsv(path, [0], hasHeader: false);
        Assert.Equal([3f], regression.Target(1).ToArray());
        Assert.Equal([4f, 0f], regression.Input(1).ToArray());

        Assert.Contains("line 2, column 0 (from 0): 'x' is not a finite number",
            Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(Write("1,0\nx,1\n"), 1, hasHeader: false)).Message);
        Assert.Contains("no column 3; its rows have 3 columns, 0 to 2", Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, 3, hasHeader: false)).Message);
        Assert.Throws<ArgumentException>(() => Dataset.FromCsv(path, [0, 0], hasHeader: false));
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        string path = Path.Combine(directory, "absent.csv");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, "label"));

        Assert.StartsWith(path, error.Message);
    }
}
