using System;
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Runtime;

/// <summary>
/// Batch normalisation over samples laid out one after another, each <c>channels × planeSize</c> values
/// (channels = <c>gamma.Length</c>; planeSize 1 after a flat layer, <c>H·W</c> after a CHW one), with
/// PyTorch's conventions: the batch's biased variance normalises, the unbiased one feeds the running
/// variance, <c>running = (1 - momentum) running + momentum batch</c>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class BatchNormKernels
{
    /// <summary>
    /// Inference: <c>output = gamma (input - runningMean) / sqrt(runningVariance + epsilon) + beta</c>, per
    /// channel, for every sample in <paramref name="input"/>. Input and output may be the same span.
    /// </summary>
    public static void InferenceForward(
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean,
        ReadOnlySpan<float> runningVariance,
        ReadOnlySpan<float> input,
        Span<float> output,
        int planeSize,
        float epsilon)
    {
        int channels = gamma.Length;
        int sampleSize = channels * planeSize;
        for (int start = 0; start < input.Length; start += sampleSize)
        {
            for (int c = 0; c < channels; c++)
            {
                float inverseStd = 1f / MathF.Sqrt(runningVariance[c] + epsilon);
                float scale = gamma[c] * inverseStd;
                float shift = beta[c] - (runningMean[c] * scale);
                int offset = start + (c * planeSize);
                ScaleShift(input.Slice(offset, planeSize), scale, shift, output.Slice(offset, planeSize));
            }
        }
    }

    /// <summary>
    /// Backpropagates <see cref="InferenceForward"/>, where the statistics are constants: adds
    /// <c>sum(gradOutput · normalised)</c> to the gamma gradients and <c>sum(gradOutput)</c> to the beta gradients,
    /// and overwrites <paramref name="inputGradients"/> with <c>gradOutput · gamma / sqrt(runningVariance + epsilon)</c>
    /// unless it is empty.
    /// </summary>
    public static void InferenceBackward(
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> runningMean,
        ReadOnlySpan<float> runningVariance,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradOutput,
        Span<float> gammaGradients,
        Span<float> betaGradients,
        Span<float> inputGradients,
        int planeSize,
        float epsilon)
    {
        int channels = gamma.Length;
        int sampleSize = channels * planeSize;
        for (int c = 0; c < channels; c++)
        {
            float mean = runningMean[c];
            float inverseStd = 1f / MathF.Sqrt(runningVariance[c] + epsilon);
            float scale = gamma[c] * inverseStd;
            float sumGradient = 0f;
            float sumGradientNormalised = 0f;
            for (int start = c * planeSize; start < input.Length; start += sampleSize)
            {
                for (int i = start; i < start + planeSize; i++)
                {
                    sumGradient += gradOutput[i];
                    sumGradientNormalised += gradOutput[i] * (input[i] - mean) * inverseStd;
                }

                if (!inputGradients.IsEmpty)
                {
                    TensorPrimitives.Multiply(gradOutput.Slice(start, planeSize), scale, inputGradients.Slice(start, planeSize));
                }
            }

            gammaGradients[c] += sumGradientNormalised;
            betaGradients[c] += sumGradient;
        }
    }

    /// <summary>
    /// Training: normalises each channel with the batch's own mean and biased variance, scales and shifts it,
    /// writes the mean and <c>1 / sqrt(variance + epsilon)</c> to <paramref name="batchMean"/> and
    /// <paramref name="batchInverseStd"/> for <see cref="TrainingBackward"/>, and moves the running statistics
    /// towards the batch's (the running variance towards the unbiased variance).
    /// </summary>
    /// <exception cref="ArgumentException">A channel has only one value in the batch, so it has no variance.</exception>
    public static void TrainingForward(
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> beta,
        Span<float> runningMean,
        Span<float> runningVariance,
        ReadOnlySpan<float> inputs,
        Span<float> outputs,
        Span<float> batchMean,
        Span<float> batchInverseStd,
        int planeSize,
        float momentum,
        float epsilon)
    {
        int channels = gamma.Length;
        int sampleSize = channels * planeSize;
        int count = inputs.Length / channels;
        if (count < 2)
        {
            throw new ArgumentException(
                $"Batch normalisation in training needs more than one value per channel, but the batch has {inputs.Length / sampleSize} "
                + $"sample(s) of {planeSize} value(s) per channel. Train with batches of at least 2 samples (PyTorch refuses this too).",
                nameof(inputs));
        }

        for (int c = 0; c < channels; c++)
        {
            // Two passes in double: the variance of values far from zero stays accurate.
            double sum = 0;
            for (int start = c * planeSize; start < inputs.Length; start += sampleSize)
            {
                foreach (float value in inputs.Slice(start, planeSize))
                {
                    sum += value;
                }
            }

            double mean = sum / count;
            double squares = 0;
            for (int start = c * planeSize; start < inputs.Length; start += sampleSize)
            {
                foreach (float value in inputs.Slice(start, planeSize))
                {
                    double deviation = value - mean;
                    squares += deviation * deviation;
                }
            }

            double variance = squares / count;
            float inverseStd = (float)(1 / Math.Sqrt(variance + epsilon));
            batchMean[c] = (float)mean;
            batchInverseStd[c] = inverseStd;
            runningMean[c] = ((1f - momentum) * runningMean[c]) + (momentum * (float)mean);
            runningVariance[c] = ((1f - momentum) * runningVariance[c]) + (momentum * (float)(squares / (count - 1)));

            float scale = gamma[c] * inverseStd;
            float shift = beta[c] - ((float)mean * scale);
            for (int start = c * planeSize; start < inputs.Length; start += sampleSize)
            {
                ScaleShift(inputs.Slice(start, planeSize), scale, shift, outputs.Slice(start, planeSize));
            }
        }
    }

    /// <summary>
    /// Backpropagates <see cref="TrainingForward"/>, where the statistics depend on every sample: with
    /// <c>x̂</c> the normalised input and <c>n</c> the values per channel, adds <c>sum(g x̂)</c> to the gamma
    /// gradients and <c>sum(g)</c> to the beta gradients, and overwrites <paramref name="inputGradients"/>
    /// (unless empty) with <c>gamma / sqrt(variance + epsilon) · (g - sum(g)/n - x̂ sum(g x̂)/n)</c>.
    /// </summary>
    public static void TrainingBackward(
        ReadOnlySpan<float> gamma,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> gradOutputs,
        ReadOnlySpan<float> batchMean,
        ReadOnlySpan<float> batchInverseStd,
        Span<float> gammaGradients,
        Span<float> betaGradients,
        Span<float> inputGradients,
        int planeSize)
    {
        int channels = gamma.Length;
        int sampleSize = channels * planeSize;
        int count = inputs.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            float mean = batchMean[c];
            float inverseStd = batchInverseStd[c];
            double sumGradient = 0;
            double sumGradientNormalised = 0;
            for (int start = c * planeSize; start < inputs.Length; start += sampleSize)
            {
                for (int i = start; i < start + planeSize; i++)
                {
                    sumGradient += gradOutputs[i];
                    sumGradientNormalised += gradOutputs[i] * (inputs[i] - mean) * inverseStd;
                }
            }

            gammaGradients[c] += (float)sumGradientNormalised;
            betaGradients[c] += (float)sumGradient;
            if (inputGradients.IsEmpty)
            {
                continue;
            }

            float scale = gamma[c] * inverseStd;
            float meanGradient = (float)(sumGradient / count);
            float meanGradientNormalised = (float)(sumGradientNormalised / count);
            for (int start = c * planeSize; start < inputs.Length; start += sampleSize)
            {
                for (int i = start; i < start + planeSize; i++)
                {
                    float normalised = (inputs[i] - mean) * inverseStd;
                    inputGradients[i] = scale * (gradOutputs[i] - meanGradient - (normalised * meanGradientNormalised));
                }
            }
        }
    }

    /// <summary><c>output = input · scale + shift</c>.</summary>
    private static void ScaleShift(ReadOnlySpan<float> input, float scale, float shift, Span<float> output)
    {
        TensorPrimitives.Multiply(input, scale, output);
        TensorPrimitives.Add(output, shift, output);
    }
}
