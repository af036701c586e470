using System;

namespace StaticNet.Training.Augmentations;

/// <summary>Mirrors an image left to right (<c>horizontal</c>) or top to bottom.</summary>
internal sealed class FlipStep(bool horizontal, double probability) : AugmentationStep(probability)
{
    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        int height = shape.Height, width = shape.Width;
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            Span<float> plane = sample.Slice(channel * height * width, height * width);
            if (horizontal)
            {
                for (int y = 0; y < height; y++)
                {
                    plane.Slice(y * width, width).Reverse();
                }

                continue;
            }

            Span<float> row = scratch[..width];
            for (int top = 0, bottom = height - 1; top < bottom; top++, bottom--)
            {
                plane.Slice(top * width, width).CopyTo(row);
                plane.Slice(bottom * width, width).CopyTo(plane.Slice(top * width, width));
                row.CopyTo(plane.Slice(bottom * width, width));
            }
        }
    }
}
