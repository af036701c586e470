using System;
using System.ComponentModel;
using StaticNet.Training;

namespace StaticNet.Runtime;

/// <summary>
/// Inverted dropout with a mask drawn from a caller-controlled <see cref="SeededRandom"/>, so a
/// training step is reproducible. The mask holds each value's factor (0 or <c>1 / (1 - rate)</c>) and
/// is reused by <see cref="Backward"/>, so the gradient flows only through the kept values.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class DropoutKernels
{
    /// <summary>
    /// <c>output = input * mask</c> with a fresh mask. A rate of 0 keeps everything and draws no
    /// random numbers. <paramref name="input"/> and <paramref name="output"/> may be the same span.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> input, Span<float> output, Span<float> mask, float rate, ref SeededRandom random)
    {
        if (rate == 0f)
        {
            mask.Fill(1f);
            input.CopyTo(output);
            return;
        }

        float scale = 1f / (1f - rate);
        for (int i = 0; i < input.Length; i++)
        {
            float factor = random.NextDouble() >= rate ? scale : 0f;
            mask[i] = factor;
            output[i] = input[i] * factor;
        }
    }

    /// <summary><c>inputGradients = gradOutput * mask</c>, unless <paramref name="inputGradients"/> is empty.</summary>
    public static void Backward(ReadOnlySpan<float> gradOutput, ReadOnlySpan<float> mask, Span<float> inputGradients)
    {
        for (int i = 0; i < inputGradients.Length; i++)
        {
            inputGradients[i] = gradOutput[i] * mask[i];
        }
    }
}
