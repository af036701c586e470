using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Training;

namespace StaticNet.Benchmarks;

/// <summary>
/// What data augmentation adds to one SGD step of N4 on a batch of 32. Each step copies the batch into a buffer of its
/// own first, as the trainer does whether it augments or not, so the difference is the transforms alone. Each step
/// starts from the same parameters: a benchmark that kept training would drift into other, denormal-laden numbers.
/// The transforms are also timed alone (after the same copy): BenchmarkDotNet runs each case in a process of its own,
/// and the step's time moved by 5 to 10 % between processes here, more than the smaller transforms cost; a transform's
/// own time over the step's is the steadier measure.
/// </summary>
public class AugmentationCost
{
    private const int Batch = 32;
    private float[] initial = [];
    private float[] parameters = [];
    private float[] gradients = [];
    private float[] samples = [];
    private float[] batch = [];
    private float[] targets = [];
    private Sgd sgd = null!;
    private Augmentation pixelMoves = null!;
    private Augmentation noise = null!;
    private Augmentation resampling = null!;
    private SeededRandom random = new(1);

    [GlobalSetup]
    public void Setup()
    {
        parameters = new float[N4.ParameterCount];
        N4.Initialize(parameters, seed: 1);
        initial = (float[])parameters.Clone();
        gradients = new float[N4.ParameterCount];
        var values = new Random(1);
        samples = new float[Batch * N4.InputSize];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)values.NextDouble();
        }

        batch = new float[samples.Length];
        targets = new float[Batch * N4.OutputSize];
        for (int i = 0; i < Batch; i++)
        {
            targets[(i * N4.OutputSize) + values.Next(N4.OutputSize)] = 1;
        }

        sgd = new Sgd(N4.ParameterCount, learningRate: 0.01f);
        pixelMoves = new Augmentation(N4.InputShape).Shift(2).FlipHorizontal().Erase(8, 8);
        noise = new Augmentation(N4.InputShape).Noise(0.05f);
        resampling = new Augmentation(N4.InputShape).Rotate(10).Scale(0.9, 1.1).Brightness(0.1f).Contrast(0.2f);
    }

    [Benchmark(Baseline = true, Description = "step")]
    public void Step()
    {
        samples.CopyTo(batch, 0);
        Train();
    }

    [Benchmark(Description = "step, shift + flip + erase")]
    public void StepWithPixelMoves()
    {
        samples.CopyTo(batch, 0);
        pixelMoves.Apply(batch, ref random);
        Train();
    }

    [Benchmark(Description = "step, noise")]
    public void StepWithNoise()
    {
        samples.CopyTo(batch, 0);
        noise.Apply(batch, ref random);
        Train();
    }

    [Benchmark(Description = "step, rotate + scale + brightness + contrast")]
    public void StepWithResampling()
    {
        samples.CopyTo(batch, 0);
        resampling.Apply(batch, ref random);
        Train();
    }

    [Benchmark(Description = "copy only")]
    public void Copy() => samples.CopyTo(batch, 0);

    [Benchmark(Description = "copy, shift + flip + erase")]
    public void PixelMovesAlone()
    {
        samples.CopyTo(batch, 0);
        pixelMoves.Apply(batch, ref random);
    }

    [Benchmark(Description = "copy, noise")]
    public void NoiseAlone()
    {
        samples.CopyTo(batch, 0);
        noise.Apply(batch, ref random);
    }

    [Benchmark(Description = "copy, rotate + scale + brightness + contrast")]
    public void ResamplingAlone()
    {
        samples.CopyTo(batch, 0);
        resampling.Apply(batch, ref random);
    }

    private void Train()
    {
        initial.CopyTo(parameters, 0);
        Array.Clear(gradients);
        N4.BackwardBatch(parameters, batch, targets, gradients, Span<float>.Empty);
        sgd.Step(parameters, gradients);
    }
}
