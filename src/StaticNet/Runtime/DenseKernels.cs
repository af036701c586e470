using System;
using System.Numerics.Tensors;

namespace StaticNet.Runtime;

/// <summary>
/// The matrix-vector products of a dense layer whose weights are stored <c>[outputs, inputs]</c>
/// row-major (PyTorch's <c>nn.Linear</c> layout). Generated code calls these for layers too large
/// to unroll; the lengths it passes are compile-time constants.
/// </summary>
public static class DenseKernels
{
    /// <summary><c>output = weights · input + biases</c>.</summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
    {
        int inputs = input.Length;
        for (int row = 0; row < output.Length; row++)
        {
            output[row] = biases[row] + TensorPrimitives.Dot(weights.Slice(row * inputs, inputs), input);
        }
    }

    /// <summary>
    /// Backpropagates through <c>z = W x + b</c>: adds <c>gradZ ⊗ x</c> into
    /// <paramref name="weightGradients"/> and <c>gradZ</c> into <paramref name="biasGradients"/>, and
    /// overwrites <paramref name="inputGradients"/> with <c>Wᵀ gradZ</c> unless it is empty.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradZ,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients)
    {
        int inputs = input.Length;
        TensorPrimitives.Add(biasGradients, gradZ, biasGradients);
        for (int row = 0; row < gradZ.Length; row++)
        {
            Span<float> weightGradientRow = weightGradients.Slice(row * inputs, inputs);
            TensorPrimitives.MultiplyAdd(input, gradZ[row], weightGradientRow, weightGradientRow);
        }

        if (inputGradients.IsEmpty)
        {
            return;
        }

        inputGradients.Clear();
        for (int row = 0; row < gradZ.Length; row++)
        {
            TensorPrimitives.MultiplyAdd(weights.Slice(row * inputs, inputs), gradZ[row], inputGradients, inputGradients);
        }
    }

    /// <summary>
    /// <see cref="Forward"/> for every sample of a batch: <paramref name="inputs"/> holds the samples one after
    /// another, and <paramref name="outputs"/> receives theirs in the same order.
    /// </summary>
    public static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int outputSize = biases.Length;
        int inputSize = weights.Length / outputSize;
        for (int sample = 0; sample < outputs.Length / outputSize; sample++)
        {
            Forward(weights, biases, inputs.Slice(sample * inputSize, inputSize), outputs.Slice(sample * outputSize, outputSize));
        }
    }

    /// <summary>
    /// <see cref="Backward"/> for every sample of a batch: the parameter gradients of all samples are added up,
    /// and <paramref name="inputGradients"/> (unless empty) receives each sample's input gradients in order.
    /// </summary>
    public static void BackwardBatch(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> gradZ,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients)
    {
        int outputSize = biasGradients.Length;
        int inputSize = weights.Length / outputSize;
        for (int sample = 0; sample < gradZ.Length / outputSize; sample++)
        {
            Backward(
                weights,
                inputs.Slice(sample * inputSize, inputSize),
                gradZ.Slice(sample * outputSize, outputSize),
                weightGradients,
                biasGradients,
                inputGradients.IsEmpty ? Span<float>.Empty : inputGradients.Slice(sample * inputSize, inputSize));
        }
    }
}
