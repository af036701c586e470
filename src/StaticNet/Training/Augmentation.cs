using System;
using System.Collections.Generic;
using StaticNet.Training.Augmentations;

namespace StaticNet.Training;

/// <summary>
/// Random transforms applied by the <see cref="Trainer"/> to each training batch as it is assembled (never to
/// validation or test data, and never to the <see cref="Dataset"/> itself): more data from the data you have.
/// Transforms (noise; for images shifts, rotation, scaling, flips, brightness, contrast and random erasing) run in
/// the order they are added, each with its own probability per sample:
/// <c>new Augmentation(DigitCnn.InputShape).Shift(1).Erase(3, 3).Noise(0.05f)</c>. The shape comes from the network's
/// compile-time <c>InputShape</c>, so a transform that needs an image is refused on a flat network as it is added.
/// The trainer draws from a seeded stream of its own: the same seed gives the same augmented batches. Not thread-safe
/// (it keeps scratch for its transforms), like the trainer that uses it.
/// </summary>
public sealed class Augmentation
{
    private readonly List<AugmentationStep> steps = [];
    private float[] scratch = [];

    /// <summary>Augmentation of samples of <paramref name="shape"/>: the network's <c>InputShape</c>.</summary>
    public Augmentation(SampleShape shape)
    {
        if (shape.Size <= 0)
        {
            throw new ArgumentException("Give the network's InputShape: this shape holds no values.", nameof(shape));
        }

        Shape = shape;
    }

    /// <summary>The shape of the samples this augments.</summary>
    public SampleShape Shape { get; }

    /// <summary>
    /// The largest size of a fill, an erasing value, a noise deviation or a brightness offset: far beyond normalised data,
    /// and small enough that squares of such values in a loss stay far from float's range.
    /// </summary>
    public const float MaxValue = 1e6f;

    /// <summary>The number of transforms added.</summary>
    public int Count => steps.Count;

    /// <summary>Adds Gaussian noise of <paramref name="standardDeviation"/> to every value (0 leaves samples unchanged).</summary>
    public Augmentation Noise(float standardDeviation, double probability = 1)
    {
        if (!(standardDeviation >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "Noise: the standard deviation is a finite number, 0 or more.");
        }

        AugmentationStep.CheckedValue(standardDeviation, nameof(standardDeviation), nameof(Noise), "the standard deviation");
        return Add(new NoiseStep(standardDeviation, AugmentationStep.Checked(probability, nameof(Noise))));
    }

    /// <summary>
    /// Translates images by whole pixels: up to <paramref name="maxPixels"/> up or down and left or right, each drawn
    /// uniformly (0 leaves samples unchanged); the uncovered border is set to <paramref name="fill"/>.
    /// </summary>
    public Augmentation Shift(int maxPixels, float fill = 0, double probability = 1)
    {
        RequireImage(nameof(Shift));
        if (maxPixels < 0 || maxPixels >= Math.Max(Shape.Height, Shape.Width))
        {
            throw new ArgumentOutOfRangeException(nameof(maxPixels), maxPixels, $"Shift: at most {Math.Max(Shape.Height, Shape.Width) - 1} pixels for images of {Shape}.");
        }

        return Add(new ShiftStep(maxPixels, AugmentationStep.CheckedValue(fill, nameof(fill), nameof(Shift), "the fill"), AugmentationStep.Checked(probability, nameof(Shift))));
    }

    /// <summary>Mirrors images left to right, with <paramref name="probability"/> (half of them by default).</summary>
    public Augmentation FlipHorizontal(double probability = 0.5)
    {
        RequireImage(nameof(FlipHorizontal));
        return Add(new FlipStep(horizontal: true, AugmentationStep.Checked(probability, nameof(FlipHorizontal))));
    }

    /// <summary>Mirrors images top to bottom, with <paramref name="probability"/> (half of them by default).</summary>
    public Augmentation FlipVertical(double probability = 0.5)
    {
        RequireImage(nameof(FlipVertical));
        return Add(new FlipStep(horizontal: false, AugmentationStep.Checked(probability, nameof(FlipVertical))));
    }

    /// <summary>
    /// Rotates images about their centre by an angle drawn uniformly from -<paramref name="maxDegrees"/> to
    /// <paramref name="maxDegrees"/> (0 leaves samples unchanged), resampling bilinearly; what comes from outside the
    /// image is <paramref name="fill"/>.
    /// </summary>
    public Augmentation Rotate(double maxDegrees, float fill = 0, double probability = 1)
    {
        RequireImage(nameof(Rotate));
        if (!(maxDegrees >= 0 && maxDegrees <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegrees), maxDegrees, "Rotate: the largest angle lies between 0 and 180 degrees.");
        }

        return Add(new AffineStep(maxDegrees, 1, 1, AugmentationStep.CheckedValue(fill, nameof(fill), nameof(Rotate), "the fill"), AugmentationStep.Checked(probability, nameof(Rotate))));
    }

    /// <summary>
    /// Scales images about their centre by a factor drawn uniformly from <paramref name="minScale"/> to
    /// <paramref name="maxScale"/> (above 1 zooms in), resampling bilinearly; what comes from outside the image is
    /// <paramref name="fill"/>. Right after <see cref="Rotate"/> (or before it), both for every sample with the same
    /// fill, the two are one resampling: half the work and one blur.
    /// </summary>
    public Augmentation Scale(double minScale, double maxScale, float fill = 0, double probability = 1)
    {
        RequireImage(nameof(Scale));
        if (!(minScale > 0 && minScale <= maxScale && double.IsFinite(maxScale)))
        {
            throw new ArgumentOutOfRangeException(nameof(minScale), minScale, $"Scale: the factors are positive and finite, the smaller first (got {minScale} to {maxScale}).");
        }

        return Add(new AffineStep(0, minScale, maxScale, AugmentationStep.CheckedValue(fill, nameof(fill), nameof(Scale), "the fill"), AugmentationStep.Checked(probability, nameof(Scale))));
    }

    /// <summary>Adds to each channel of an image an offset drawn uniformly from -<paramref name="maxDelta"/> to <paramref name="maxDelta"/>.</summary>
    public Augmentation Brightness(float maxDelta, double probability = 1)
    {
        RequireImage(nameof(Brightness));
        if (!(maxDelta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(maxDelta), maxDelta, "Brightness: the largest offset is a finite number, 0 or more.");
        }

        AugmentationStep.CheckedValue(maxDelta, nameof(maxDelta), nameof(Brightness), "the largest offset");
        return Add(new ColourStep(maxDelta, 0, AugmentationStep.Checked(probability, nameof(Brightness))));
    }

    /// <summary>
    /// Scales each channel of an image about its mean by a factor drawn uniformly from 1 - <paramref name="maxChange"/>
    /// to 1 + <paramref name="maxChange"/>. Right after <see cref="Brightness"/> (or before it), both for every sample,
    /// the two are one pass over the image.
    /// </summary>
    public Augmentation Contrast(float maxChange, double probability = 1)
    {
        RequireImage(nameof(Contrast));
        if (!(maxChange >= 0 && maxChange <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(maxChange), maxChange, "Contrast: the largest change of the factor lies between 0 and 1.");
        }

        return Add(new ColourStep(0, maxChange, AugmentationStep.Checked(probability, nameof(Contrast))));
    }

    /// <summary>
    /// Random erasing: sets a rectangle of 1 to <paramref name="maxHeight"/> rows and 1 to <paramref name="maxWidth"/>
    /// columns (each drawn uniformly, placed uniformly inside the image) to <paramref name="value"/> in every channel.
    /// </summary>
    public Augmentation Erase(int maxHeight, int maxWidth, float value = 0, double probability = 0.5)
    {
        RequireImage(nameof(Erase));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxHeight);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxWidth);
        return Add(new EraseStep(maxHeight, maxWidth, AugmentationStep.CheckedValue(value, nameof(value), nameof(Erase), "the value"), AugmentationStep.Checked(probability, nameof(Erase))));
    }

    /// <summary>
    /// Transforms <paramref name="samples"/> (whole samples of <see cref="Shape"/>, one after another) in place, drawing
    /// from <paramref name="random"/>. Allocation-free.
    /// </summary>
    public void Apply(Span<float> samples, ref SeededRandom random)
    {
        int size = Shape.Size;
        if (samples.Length % size != 0)
        {
            throw new ArgumentException($"Expected whole samples of {size} values ({Shape}), but got {samples.Length} values.", nameof(samples));
        }

        for (int start = 0; start < samples.Length; start += size)
        {
            Span<float> sample = samples.Slice(start, size);
            foreach (AugmentationStep step in steps)
            {
                if (step.Probability >= 1 || random.NextDouble() < step.Probability)
                {
                    step.Apply(sample, Shape, ref random, scratch);
                }
            }
        }
    }

    private Augmentation Add(AugmentationStep step)
    {
        if (steps.Count > 0 && steps[^1].FuseWith(step) is { } fused)
        {
            step = fused;
            steps[^1] = fused;
        }
        else
        {
            steps.Add(step);
        }

        // Allocated as transforms are added, so applying them allocates nothing.
        if (step.ScratchLength(Shape) > scratch.Length)
        {
            scratch = new float[step.ScratchLength(Shape)];
        }

        return this;
    }

    private void RequireImage(string transform)
    {
        if (!Shape.IsImage)
        {
            throw new InvalidOperationException(
                $"{transform} transforms images, but the network's input is a flat vector {Shape}: declare it [Input(channels, height, width)].");
        }
    }
}
