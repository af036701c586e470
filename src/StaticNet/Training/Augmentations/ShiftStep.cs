using System;

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Translates an image by whole pixels, up to a maximum each way in both directions (drawn uniformly), filling the
/// uncovered border with a value.
/// </summary>
internal sealed class ShiftStep(int maxPixels, float fill, double probability) : AugmentationStep(probability)
{
    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        int down = random.NextInt((2 * maxPixels) + 1) - maxPixels;
        int right = random.NextInt((2 * maxPixels) + 1) - maxPixels;
        if (down == 0 && right == 0)
        {
            return;
        }

        sample.CopyTo(scratch);
        int height = shape.Height, width = shape.Width;
        // The columns that stay inside the image, the same for every row.
        int firstColumn = Math.Max(0, right), endColumn = Math.Min(width, width + right);
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            for (int y = 0; y < height; y++)
            {
                Span<float> row = sample.Slice(((channel * height) + y) * width, width);
                int sourceY = y - down;
                if (sourceY < 0 || sourceY >= height || firstColumn >= endColumn)
                {
                    row.Fill(fill);
                    continue;
                }

                row[..firstColumn].Fill(fill);
                scratch.Slice((((channel * height) + sourceY) * width) + firstColumn - right, endColumn - firstColumn).CopyTo(row[firstColumn..endColumn]);
                row[endColumn..].Fill(fill);
            }
        }
    }
}
