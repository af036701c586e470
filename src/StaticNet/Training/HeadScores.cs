using System;
using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>
/// Sums of each head's loss and accuracy over samples, from the network's outputs: how a network with several heads
/// reports each task. The losses are computed from the outputs (probabilities for the classification heads), in double.
/// </summary>
internal sealed class HeadScores
{
    private readonly IReadOnlyList<OutputHead> heads;
    private readonly double[] losses;
    private readonly double[] correct;
    private int count;

    public HeadScores(IReadOnlyList<OutputHead> heads)
    {
        this.heads = heads;
        losses = new double[heads.Count];
        correct = new double[heads.Count];
    }

    /// <summary>Adds one sample: its outputs and target, each the heads' values one after another.</summary>
    public void Add(ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        for (int h = 0; h < heads.Count; h++)
        {
            OutputHead head = heads[h];
            ReadOnlySpan<float> y = output.Slice(head.Offset, head.Size);
            ReadOnlySpan<float> t = target.Slice(head.Offset, head.Size);
            losses[h] += Metrics.SampleLoss(head.Loss, y, t);
            correct[h] += Metrics.Accuracy(head.Loss, y, t);
        }

        count++;
    }

    /// <summary>Head <paramref name="index"/>'s mean loss and accuracy so far (NaN without samples).</summary>
    public (float Loss, float Accuracy) Mean(int index) =>
        count == 0 ? (float.NaN, float.NaN) : ((float)(losses[index] / count), (float)(correct[index] / count));

    /// <summary>One sample's accuracy over the classification heads (their mean; NaN when there are none).</summary>
    public static float Accuracy(IReadOnlyList<OutputHead> heads, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        double sum = 0;
        int scored = 0;
        for (int h = 0; h < heads.Count; h++)
        {
            // An indexed loop: foreach over the interface would allocate an enumerator per sample of every batch.
            OutputHead head = heads[h];
            if (head.Loss != StaticNet.Loss.MeanSquaredError)
            {
                sum += Metrics.Accuracy(head.Loss, output.Slice(head.Offset, head.Size), target.Slice(head.Offset, head.Size));
                scored++;
            }
        }

        return scored == 0 ? float.NaN : (float)(sum / scored);
    }

    public void Clear()
    {
        Array.Clear(losses);
        Array.Clear(correct);
        count = 0;
    }
}
