using System;

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Random erasing: sets a rectangle of 1 to the maximum height and width (each drawn uniformly), placed uniformly
/// where it fits, to a value in every channel.
/// </summary>
internal sealed class EraseStep(int maxHeight, int maxWidth, float value, double probability) : AugmentationStep(probability)
{
    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        int height = 1 + random.NextInt(Math.Min(maxHeight, shape.Height));
        int width = 1 + random.NextInt(Math.Min(maxWidth, shape.Width));
        int top = random.NextInt(shape.Height - height + 1);
        int left = random.NextInt(shape.Width - width + 1);
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            for (int y = top; y < top + height; y++)
            {
                sample.Slice((((channel * shape.Height) + y) * shape.Width) + left, width).Fill(value);
            }
        }
    }
}
