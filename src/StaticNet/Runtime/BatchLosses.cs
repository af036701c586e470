using System;
using System.ComponentModel;

namespace StaticNet.Runtime;

/// <summary>
/// The losses of <see cref="LossFunctions"/> over a batch of samples laid out one after another: each returns
/// the mean loss over the batch and writes the gradient of that mean, so every sample's gradient is divided
/// by the batch size (PyTorch's <c>reduction='mean'</c> over the batch).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class BatchLosses
{
    /// <summary>The batch mean of <see cref="LossFunctions.MeanSquaredError"/>.</summary>
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> gradOutputs, int outputSize)
    {
        int batch = outputs.Length / outputSize;
        double loss = 0;
        for (int start = 0; start < outputs.Length; start += outputSize)
        {
            loss += LossFunctions.MeanSquaredError(
                outputs.Slice(start, outputSize), targets.Slice(start, outputSize), gradOutputs.Slice(start, outputSize));
        }

        return Mean(loss, gradOutputs, batch);
    }

    /// <summary>
    /// The batch mean of <see cref="LossFunctions.SoftmaxCrossEntropy"/>; writes every sample's probabilities to
    /// <paramref name="probabilities"/>.
    /// </summary>
    public static float SoftmaxCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> probabilities, Span<float> gradLogits, int outputSize)
    {
        int batch = logits.Length / outputSize;
        double loss = 0;
        for (int start = 0; start < logits.Length; start += outputSize)
        {
            loss += LossFunctions.SoftmaxCrossEntropy(
                logits.Slice(start, outputSize),
                targets.Slice(start, outputSize),
                probabilities.Slice(start, outputSize),
                gradLogits.Slice(start, outputSize));
        }

        return Mean(loss, gradLogits, batch);
    }

    /// <summary>The batch mean of <see cref="LossFunctions.SigmoidBinaryCrossEntropy"/>.</summary>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> gradLogits, int outputSize)
    {
        int batch = logits.Length / outputSize;
        double loss = 0;
        for (int start = 0; start < logits.Length; start += outputSize)
        {
            loss += LossFunctions.SigmoidBinaryCrossEntropy(
                logits.Slice(start, outputSize), targets.Slice(start, outputSize), gradLogits.Slice(start, outputSize));
        }

        return Mean(loss, gradLogits, batch);
    }

    private static float Mean(double loss, Span<float> gradients, int batch)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(gradients, 1f / batch, gradients);
        return (float)(loss / batch);
    }
}
