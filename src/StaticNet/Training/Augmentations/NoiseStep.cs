using System;

namespace StaticNet.Training.Augmentations;

/// <summary>Adds Gaussian noise of a given standard deviation to every value.</summary>
internal sealed class NoiseStep(float standardDeviation, double probability) : AugmentationStep(probability)
{
    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            sample[i] += (float)(random.NextGaussian() * standardDeviation);
        }
    }
}
