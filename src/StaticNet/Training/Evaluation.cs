using System;
using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>Measures a network on data without training it: mean loss, and accuracy where the loss has one.</summary>
public static class Evaluation
{
    /// <summary>
    /// The mean loss and accuracy (NaN for mean squared error) of <paramref name="network"/> on
    /// <paramref name="data"/>, with dropout off. Allocates two small buffers per call.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the network, or a sample cannot be scored (the trainer refuses it too): not finite, or a cross-entropy target outside [0, 1].</exception>
    public static (float Loss, float Accuracy) Measure(INetwork network, Dataset data)
    {
        RequireScorable(network, data);
        return Measure(network, data, new float[network.Parameters.Length], new float[network.OutputSize]);
    }

    // heads: given for a network with several heads, each head's loss and accuracy are added to it from the same forward
    // pass that scores the sample, so a trainer's validation runs it once.
    internal static (float Loss, float Accuracy) Measure(INetwork network, Dataset data, float[] gradients, float[] outputs, HeadScores? heads = null)
    {
        CheckShapes(network, data);
        double loss = 0;
        double correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            loss += network.Backward(data.Input(i), data.Target(i), gradients, Span<float>.Empty);
            if (heads is null)
            {
                correct += Score(network, data, i, outputs);
                continue;
            }

            network.Forward(data.Input(i), outputs);
            heads.Add(outputs, data.Target(i));
            correct += HeadScores.Accuracy(network.Heads, outputs, data.Target(i));
        }

        return ((float)(loss / data.Count), (float)(correct / data.Count));
    }

    private static void RequireScorable(INetwork network, Dataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        CheckShapes(network, data);
        SampleCheck.RequireScorable(network, data, nameof(data), "Data");
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the data's sample sizes fit the network.</summary>
    internal static void CheckShapes(INetwork network, Dataset data)
    {
        if (data.InputSize != network.InputSize || data.TargetSize != network.OutputSize)
        {
            throw new ArgumentException(
                $"The network takes {network.InputSize} inputs and gives {network.OutputSize} outputs, "
                + $"but the data has {data.InputSize} inputs and {data.TargetSize} targets per sample.", nameof(data));
        }
    }

    /// <summary>
    /// Each head's mean loss (its own, unweighted) and accuracy (NaN for mean squared error) on <paramref name="data"/>,
    /// from <c>Forward</c>: how well a network with several heads does each task. Allocates its buffers.
    /// </summary>
    /// <exception cref="ArgumentException">The data does not fit the network, or a sample cannot be scored.</exception>
    public static IReadOnlyList<(string Name, float Loss, float Accuracy)> MeasureHeads(INetwork network, Dataset data)
    {
        RequireScorable(network, data);
        HeadScores scores = ScoreHeads(network, data, new float[network.OutputSize]);
        var result = new (string, float, float)[network.Heads.Count];
        for (int h = 0; h < result.Length; h++)
        {
            (float loss, float accuracy) = scores.Mean(h);
            result[h] = (network.Heads[h].Name, loss, accuracy);
        }

        return result;
    }

    internal static HeadScores ScoreHeads(INetwork network, Dataset data, float[] outputs)
    {
        var scores = new HeadScores(network.Heads);
        for (int i = 0; i < data.Count; i++)
        {
            network.Forward(data.Input(i), outputs);
            scores.Add(outputs, data.Target(i));
        }

        return scores;
    }

    /// <summary>
    /// One sample's accuracy; only classification losses run the forward pass it needs. With several heads, the mean
    /// over the classification heads.
    /// </summary>
    internal static float Score(INetwork network, Dataset data, int row, float[] outputs)
    {
        if (network.Heads.Count > 1)
        {
            network.Forward(data.Input(row), outputs);
            return HeadScores.Accuracy(network.Heads, outputs, data.Target(row));
        }

        if (network.Loss == Loss.MeanSquaredError)
        {
            return float.NaN;
        }

        network.Forward(data.Input(row), outputs);
        return Metrics.Accuracy(network.Loss, outputs, data.Target(row));
    }
}
