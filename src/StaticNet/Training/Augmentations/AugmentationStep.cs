using System;

namespace StaticNet.Training.Augmentations;

/// <summary>One transform of an <see cref="Augmentation"/>, applied to a sample with some probability.</summary>
internal abstract class AugmentationStep(double probability)
{
    /// <summary>The chance that a sample gets this transform.</summary>
    public double Probability { get; } = probability;

    /// <summary>
    /// One step doing this and then <paramref name="next"/> in a single pass over the sample, where the two combine
    /// exactly; null where they do not (the default).
    /// </summary>
    public virtual AugmentationStep? FuseWith(AugmentationStep next) => null;

    /// <summary>Floats of scratch this transform needs for samples of <paramref name="shape"/>: by default one sample.</summary>
    public virtual int ScratchLength(SampleShape shape) => shape.Size;

    /// <summary>
    /// Transforms <paramref name="sample"/> in place, drawing what it needs from <paramref name="random"/>;
    /// <paramref name="scratch"/> holds at least <see cref="ScratchLength"/> floats, for transforms that read values
    /// they overwrite or work in between.
    /// </summary>
    public abstract void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch);

    /// <summary>
    /// A fill, an erasing value, a noise deviation or a brightness offset: finite and at most
    /// <see cref="Augmentation.MaxValue"/> in size, else an <see cref="ArgumentOutOfRangeException"/> naming the parameter.
    /// </summary>
    public static float CheckedValue(float value, string parameter, string transform, string what)
    {
        if (!(Math.Abs(value) <= Augmentation.MaxValue))
        {
            throw new ArgumentOutOfRangeException(parameter, value,
                $"{transform}: {what} is a finite number of size at most {Augmentation.MaxValue:0.#e0}; a NaN, infinite or huge value would reach the loss and diverge training as if the data were at fault.");
        }

        return value;
    }

    /// <summary>Refuses a probability outside [0, 1] (NaN included), naming the transform.</summary>
    public static double Checked(double probability, string transform)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, $"{transform}: a probability lies between 0 and 1.");
        }

        return probability;
    }
}
