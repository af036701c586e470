using System;
using System.Numerics.Tensors;

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Brightness and contrast, each channel on its own: adds an offset drawn uniformly from [-maxBrightness,
/// maxBrightness], and scales the channel's values about their mean by a factor drawn uniformly from
/// [1 - maxContrast, 1 + maxContrast].
/// </summary>
internal sealed class ColourStep(float maxBrightness, float maxContrast, double probability) : AugmentationStep(probability)
{
    // Fields rather than captured parameters: FuseWith reads another step's.
    private readonly float maxBrightness = maxBrightness;
    private readonly float maxContrast = maxContrast;

    /// <summary>
    /// A brightness and a contrast one after the other (either order: contrast about the mean commutes with an offset),
    /// both for every sample, as one pass.
    /// </summary>
    public override AugmentationStep? FuseWith(AugmentationStep step) =>
        step is ColourStep next && Probability >= 1 && next.Probability >= 1
            && ((maxContrast == 0 && next.maxBrightness == 0) || (maxBrightness == 0 && next.maxContrast == 0))
            ? new ColourStep(maxBrightness + next.maxBrightness, maxContrast + next.maxContrast, 1)
            : null;

    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        int plane = shape.Height * shape.Width;
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            Span<float> values = sample.Slice(channel * plane, plane);
            float offset = maxBrightness == 0 ? 0 : (float)(((random.NextDouble() * 2) - 1) * maxBrightness);
            float factor = maxContrast == 0 ? 1 : (float)(1 + (((random.NextDouble() * 2) - 1) * maxContrast));
            if (factor != 1)
            {
                // mean + (v - mean) * factor, as v * factor + mean * (1 - factor), with the brightness offset folded in.
                float mean = TensorPrimitives.Sum(values) / plane;
                TensorPrimitives.Multiply(values, factor, values);
                TensorPrimitives.Add(values, (mean * (1 - factor)) + offset, values);
            }
            else if (offset != 0)
            {
                TensorPrimitives.Add(values, offset, values);
            }
        }
    }
}
