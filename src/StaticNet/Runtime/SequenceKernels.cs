using System;
using System.ComponentModel;

namespace StaticNet.Runtime;

/// <summary>The step-by-step kernels of step-major sequences: the last step, and a dense layer on every step.</summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class SequenceKernels
{
    /// <summary>The sequence's last step: <paramref name="output"/> (one step's features) receives the end of <paramref name="sequence"/>.</summary>
    public static void LastStep(ReadOnlySpan<float> sequence, Span<float> output)
    {
        Check(sequence.Length, output.Length, nameof(output));
        sequence.Slice(sequence.Length - output.Length).CopyTo(output);
    }

    /// <summary>The gradient of <see cref="LastStep"/>: <paramref name="gradient"/> into the last step, zeros into every other.</summary>
    public static void LastStepBackward(ReadOnlySpan<float> gradient, Span<float> sequenceGradients)
    {
        if (sequenceGradients.IsEmpty)
        {
            return;
        }

        Check(sequenceGradients.Length, gradient.Length, nameof(gradient));
        int earlier = sequenceGradients.Length - gradient.Length;
        sequenceGradients.Slice(0, earlier).Clear();
        gradient.CopyTo(sequenceGradients.Slice(earlier));
    }

    /// <summary>
    /// <c>output = W x + b</c> for every step of <paramref name="input"/>, one step at a time through
    /// <see cref="DenseKernels.Forward"/>: the kernel a streamed step runs, so the whole sequence and the stream agree
    /// to the bit. <paramref name="weights"/> is <c>[units, features]</c>, the biases' length the units.
    /// </summary>
    public static void DenseEachStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
    {
        int units = biases.Length;
        if (output.Length == units && units != 0 && weights.Length == units * input.Length)
        {
            DenseKernels.Forward(weights, biases, input, output); // one step, as a streamed step brings it: no divisions
            return;
        }

        int features = units == 0 ? 0 : weights.Length / units;
        if (units == 0 || features == 0 || weights.Length != units * features || input.Length % features != 0 || output.Length != input.Length / features * units)
        {
            throw new ArgumentException(
                $"A dense layer of {features} inputs and {units} units on every step cannot map {input.Length} values to {output.Length}.", nameof(output));
        }

        for (int step = 0; step < input.Length / features; step++)
        {
            DenseKernels.Forward(weights, biases, input.Slice(step * features, features), output.Slice(step * units, units));
        }
    }

    private static void Check(int sequence, int step, string parameterName)
    {
        if (step == 0 || sequence < step || sequence % step != 0)
        {
            throw new ArgumentException($"A step of {step} values does not divide a sequence of {sequence}.", parameterName);
        }
    }
}
