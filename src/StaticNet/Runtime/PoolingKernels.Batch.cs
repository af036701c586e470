using System;

namespace StaticNet.Runtime;

/// <summary>
/// Pooling over a batch of samples laid out one after another: one call per layer, split by samples over threads
/// when the batch is large, so that each core pools the samples its part of the convolution before wrote.
/// </summary>
public static unsafe partial class PoolingKernels
{
    /// <summary><see cref="MaxForward"/> for every sample.</summary>
    public static void MaxForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int channels, int inputHeight, int inputWidth, int size) =>
        EachSample(&MaxForwardSample, inputs, [], outputs, new PoolShape(channels, inputHeight, inputWidth, size), forward: true);

    /// <summary><see cref="MaxBackward"/> for every sample: overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void MaxBackwardBatch(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradOutputs, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size) =>
        EachSample(&MaxBackwardSample, inputs, gradOutputs, inputGradients, new PoolShape(channels, inputHeight, inputWidth, size), forward: false);

    /// <summary><see cref="AverageForward"/> for every sample.</summary>
    public static void AverageForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs, int channels, int inputHeight, int inputWidth, int size) =>
        EachSample(&AverageForwardSample, inputs, [], outputs, new PoolShape(channels, inputHeight, inputWidth, size), forward: true);

    /// <summary><see cref="AverageBackward"/> for every sample: overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void AverageBackwardBatch(ReadOnlySpan<float> gradOutputs, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size) =>
        EachSample(&AverageBackwardSample, [], gradOutputs, inputGradients, new PoolShape(channels, inputHeight, inputWidth, size), forward: false);

    private static void MaxForwardSample(ReadOnlySpan<float> input, ReadOnlySpan<float> unused, Span<float> output, PoolShape shape) =>
        MaxForward(input, output, shape.Channels, shape.InputHeight, shape.InputWidth, shape.Size);

    private static void MaxBackwardSample(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> inputGradients, PoolShape shape) =>
        MaxBackward(input, gradOutput, inputGradients, shape.Channels, shape.InputHeight, shape.InputWidth, shape.Size);

    private static void AverageForwardSample(ReadOnlySpan<float> input, ReadOnlySpan<float> unused, Span<float> output, PoolShape shape) =>
        AverageForward(input, output, shape.Channels, shape.InputHeight, shape.InputWidth, shape.Size);

    private static void AverageBackwardSample(ReadOnlySpan<float> unused, ReadOnlySpan<float> gradOutput, Span<float> inputGradients, PoolShape shape) =>
        AverageBackward(gradOutput, inputGradients, shape.Channels, shape.InputHeight, shape.InputWidth, shape.Size);

    /// <summary>
    /// Runs <paramref name="sample"/> on each sample's slices: <paramref name="inputs"/> (empty, or input-sized),
    /// <paramref name="gradOutputs"/> (empty, or output-sized) and <paramref name="results"/> (the outputs going forward,
    /// the input gradients going back).
    /// </summary>
    private static void EachSample(
        delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, PoolShape, void> sample,
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradOutputs, Span<float> results, PoolShape shape, bool forward)
    {
        if (results.IsEmpty)
        {
            return; // no input gradients wanted
        }

        int resultSize = forward ? shape.OutputSize : shape.InputSize;
        int batch = results.Length / Math.Max(resultSize, 1);
        if (results.Length != batch * resultSize || (!inputs.IsEmpty && inputs.Length != batch * shape.InputSize)
            || (!gradOutputs.IsEmpty && gradOutputs.Length != batch * shape.OutputSize))
        {
            throw new ArgumentException(
                $"Pooling a batch of {shape.Channels} x {shape.InputHeight} x {shape.InputWidth} samples was given {inputs.Length} inputs, "
                + $"{gradOutputs.Length} output gradients and {results.Length} results.");
        }

        int parts = WorkerPool.Parts((long)batch * shape.InputSize * ElementwiseSplit.WorkPerValue, batch); // as the activations: see there
        fixed (float* x = inputs, g = gradOutputs, y = results)
        {
            var job = new SampleJob(sample, x, g, y, shape, batch, forward);
            WorkerPool.Run(&SamplePart, &job, parts);
        }
    }

    private static void SamplePart(void* state, int part, int parts)
    {
        ref SampleJob job = ref *(SampleJob*)state;
        PoolShape shape = job.Shape;
        int resultSize = job.Forward ? shape.OutputSize : shape.InputSize;
        (int start, int end) = WorkerPool.Range(part, parts, job.Batch, 1);
        for (int sample = start; sample < end; sample++)
        {
            job.Sample(
                job.Inputs == null ? [] : new ReadOnlySpan<float>(job.Inputs + ((long)sample * shape.InputSize), shape.InputSize),
                job.GradOutputs == null ? [] : new ReadOnlySpan<float>(job.GradOutputs + ((long)sample * shape.OutputSize), shape.OutputSize),
                new Span<float>(job.Results + ((long)sample * resultSize), resultSize),
                shape);
        }
    }

    /// <summary>One pooling layer's shape.</summary>
    private readonly struct PoolShape(int channels, int inputHeight, int inputWidth, int size)
    {
        public readonly int Channels = channels, InputHeight = inputHeight, InputWidth = inputWidth, Size = size;

        public int InputSize => Channels * InputHeight * InputWidth;

        public int OutputSize => Channels * (InputHeight / Size) * (InputWidth / Size);
    }

    /// <summary>A batch pooling call, handed to its parts: the spans are pinned while they run (null where empty).</summary>
    private readonly struct SampleJob(
        delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, PoolShape, void> sample, float* inputs, float* gradOutputs, float* results,
        PoolShape shape, int batch, bool forward)
    {
        public readonly delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, PoolShape, void> Sample = sample;
        public readonly float* Inputs = inputs, GradOutputs = gradOutputs, Results = results;
        public readonly PoolShape Shape = shape;
        public readonly int Batch = batch;
        public readonly bool Forward = forward;
    }
}
