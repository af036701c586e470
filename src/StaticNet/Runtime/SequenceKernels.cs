using System;
using System.ComponentModel;

namespace StaticNet.Runtime;

/// <summary>Moves between a step-major sequence and its steps.</summary>
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

    private static void Check(int sequence, int step, string parameterName)
    {
        if (step == 0 || sequence < step || sequence % step != 0)
        {
            throw new ArgumentException($"A step of {step} values does not divide a sequence of {sequence}.", parameterName);
        }
    }
}
