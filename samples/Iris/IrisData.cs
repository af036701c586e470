using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Iris;

/// <summary>The Iris samples, standardised with the training set's mean and deviation.</summary>
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

    /// <summary>A seeded shuffle split into training and test indices.</summary>
    public (int[] Train, int[] Test) Split(double testFraction, int seed)
    {
        int[] order = Enumerable.Range(0, Labels.Length).ToArray();
        new Random(seed).Shuffle(order);
        int testCount = (int)Math.Round(order.Length * testFraction);
        return (order[testCount..], order[..testCount]);
    }

    /// <summary>Scales every feature to zero mean and unit deviation, using only the training rows.</summary>
    public void Standardise(int[] trainingRows)
    {
        for (int feature = 0; feature < 4; feature++)
        {
            double mean = trainingRows.Average(r => Features[r][feature]);
            double deviation = Math.Sqrt(trainingRows.Average(r => Math.Pow(Features[r][feature] - mean, 2)));
            foreach (float[] row in Features)
            {
                row[feature] = (float)((row[feature] - mean) / deviation);
            }
        }
    }

    public float[] OneHot(int row)
    {
        var target = new float[ClassNames.Length];
        target[Labels[row]] = 1f;
        return target;
    }
}
