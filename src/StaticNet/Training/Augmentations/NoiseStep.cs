using System;
using System.Numerics.Tensors;

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Adds Gaussian noise of a given standard deviation to every value. Box-Muller over whole spans: each 64-bit draw
/// gives two 24-bit uniforms, which SIMD logarithms, square roots, sines and cosines turn into two normal values.
/// </summary>
internal sealed class NoiseStep(float standardDeviation, double probability) : AugmentationStep(probability)
{
    /// <summary>Floats of scratch per sample value: four spans of half the sample's length, rounded up.</summary>
    public const int ScratchPerValue = 2;

    private const float Unit = 1f / (1 << 24);

    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        if (standardDeviation == 0)
        {
            return; // adding zeros would still turn -0 into +0
        }

        int pairs = (sample.Length + 1) / 2;
        Span<float> radius = scratch[..pairs];
        Span<float> angle = scratch.Slice(pairs, pairs);
        Span<float> sine = scratch.Slice(2 * pairs, pairs);
        Span<float> cosine = scratch.Slice(3 * pairs, pairs);
        for (int i = 0; i < pairs; i++)
        {
            ulong bits = random.NextUInt64();
            radius[i] = ((bits >> 40) + 1) * Unit;           // in (0, 1]: its logarithm is finite
            angle[i] = (bits & 0xFFFFFF) * Unit;             // in [0, 1)
        }

        // r = sd * sqrt(-2 ln u1), angle = 2 pi u2; the pair is (r cos, r sin).
        TensorPrimitives.Log(radius, radius);
        TensorPrimitives.Multiply(radius, -2f * standardDeviation * standardDeviation, radius);
        TensorPrimitives.Sqrt(radius, radius);
        TensorPrimitives.Multiply(angle, 2 * MathF.PI, angle);
        TensorPrimitives.Sin(angle, sine);     // Sin and Cos are vectorised; SinCos, measured, is not
        TensorPrimitives.Cos(angle, cosine);

        Span<float> first = sample[..pairs];
        Span<float> second = sample[pairs..];
        TensorPrimitives.MultiplyAdd(cosine, radius, first, first);
        TensorPrimitives.MultiplyAdd(sine[..second.Length], radius[..second.Length], second, second);
    }
}
