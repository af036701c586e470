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
        Assert.Empty(data.ClassNames);
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
    [InlineData("a,b,label\n1,\"2,0\n", "line 2: a quoted field is not closed")]
    [InlineData("a,b,class\n1,2,0\n", "no column 'label'; the header has 'a', 'b', 'class'")]
    [InlineData("a,b,label\n", "no header and rows of data")]
    [InlineData("a,b,label\n1,2,0\n3,4,0\n", "holds a single class")]
    [InlineData("a,b,label\n1,NaN,0\n3,4,1\n", "'NaN' is not a finite number")]
    public void A_malformed_file_is_refused_naming_the_file_the_line_and_the_column(string text, string problem)
    {
        string path = Write(text);

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, "label"));

        Assert.StartsWith(path, error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_with_its_path()
    {
        string path = Path.Combine(directory, "absent.csv");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.FromCsv(path, "label"));

        Assert.StartsWith(path, error.Message);
    }
}
