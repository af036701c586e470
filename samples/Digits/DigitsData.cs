using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using StaticNet.Training;

namespace Digits;

/// <summary>The 8x8 digits: 64 pixels (0..16) and the digit per line, gzip-compressed.</summary>
public static class DigitsData
{
    public const int Pixels = 64;
    public const int Classes = 10;

    /// <summary>All 1,797 samples, pixels scaled to [0, 1], digits one-hot.</summary>
    public static Dataset Load(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        var images = new System.Collections.Generic.List<float[]>();
        var labels = new System.Collections.Generic.List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            float[] values = line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            images.Add(values[..Pixels].Select(v => v / 16f).ToArray());
            labels.Add((int)values[Pixels]);
        }

        return Dataset.ForClassification(images, labels, Classes);
    }
}
