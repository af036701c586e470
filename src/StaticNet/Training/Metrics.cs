using System;

namespace StaticNet.Training;

/// <summary>How outputs are scored against targets: the accuracy that suits each loss.</summary>
public static class Metrics
{
    /// <summary>The index of the largest value (the first, on ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The share of correct outputs for one sample: for cross-entropy 1 or 0 (predicted class is the
    /// target's class); for binary cross-entropy the share of outputs on the right side of 0.5.
    /// Mean squared error has no accuracy: NaN.
    /// </summary>
    public static float Accuracy(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        switch (loss)
        {
            case Loss.CrossEntropy:
                return ArgMax(output) == ArgMax(target) ? 1f : 0f;
            case Loss.BinaryCrossEntropy:
                int correct = 0;
                for (int i = 0; i < output.Length; i++)
                {
                    correct += (output[i] >= 0.5f) == (target[i] >= 0.5f) ? 1 : 0;
                }

                return correct / (float)output.Length;
            default:
                return float.NaN;
        }
    }

    /// <summary>
    /// One sample's loss of <paramref name="output"/> (the activated outputs: probabilities for the classification losses)
    /// against <paramref name="target"/>, in double, as a head's report: probabilities are kept above 1e-30 so a
    /// confident wrong answer reads as a large loss, not infinity.
    /// </summary>
    public static double SampleLoss(Loss loss, ReadOnlySpan<float> output, ReadOnlySpan<float> target)
    {
        const double Smallest = 1e-30;
        double sum = 0;
        for (int i = 0; i < output.Length; i++)
        {
            double y = output[i];
            double t = target[i];
            sum += loss switch
            {
                StaticNet.Loss.CrossEntropy => t == 0 ? 0 : -t * Math.Log(Math.Max(y, Smallest)),
                StaticNet.Loss.BinaryCrossEntropy => -((t * Math.Log(Math.Max(y, Smallest))) + ((1 - t) * Math.Log(Math.Max(1 - y, Smallest)))),
                _ => (y - t) * (y - t),
            };
        }

        return loss == StaticNet.Loss.CrossEntropy ? sum : sum / output.Length;
    }
}
