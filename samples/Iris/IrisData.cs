using System;
using System.Globalization;
using System.IO;
using System.Linq;
using StaticNet.Training;

namespace Iris;

/// <summary>The Iris CSV (scikit-learn's layout: a header "rows,columns,class names...", then features and class index).</summary>
public sealed class IrisData
{
    private IrisData(float[][] features, int[] labels, string[] classNames)
    {
        Features = features;
        Labels = labels;
        ClassNames = classNames;
    }

    public float[][] Features { get; }

    public int[] Labels { get; }

    public string[] ClassNames { get; }

    public static IrisData Load(string path)
    {
        string[] lines = File.ReadAllLines(path);
        string[] classNames = lines[0].Split(',').Skip(2).ToArray();
        float[][] rows = lines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        return new IrisData(rows.Select(r => r[..4]).ToArray(), rows.Select(r => (int)r[4]).ToArray(), classNames);
    }

    /// <summary>All samples as one-hot classification data.</summary>
    public Dataset ToDataset() => Dataset.ForClassification(Features, Labels, ClassNames.Length);
}
