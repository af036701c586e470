using System;
using StaticNet.Training;

namespace Iris;

/// <summary>Scales each feature to zero mean and unit deviation, with statistics from the training data only.</summary>
public sealed class Standardiser
{
    private readonly float[] mean;
    private readonly float[] deviation;

    public Standardiser(Dataset training)
    {
        mean = new float[training.InputSize];
        deviation = new float[training.InputSize];
        for (int feature = 0; feature < training.InputSize; feature++)
        {
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < training.Count; i++)
            {
                double value = training.Input(i)[feature];
                sum += value;
                squares += value * value;
            }

            double average = sum / training.Count;
            mean[feature] = (float)average;
            deviation[feature] = (float)Math.Sqrt(Math.Max(squares / training.Count - (average * average), 1e-12));
        }
    }

    /// <summary>
    /// Parameters of the same network that take raw measurements: standardisation folded into the first dense layer.
    /// Its weights W (outputs x inputs) and biases b see (x - mean) / deviation, which equals x through
    /// W / deviation and b - W (mean / deviation). A program that bakes these needs no statistics of its own.
    /// </summary>
    public float[] FoldIntoFirstLayer(ReadOnlySpan<float> parameters, int weightOffset, int biasOffset, int outputs)
    {
        float[] folded = parameters.ToArray();
        int inputs = mean.Length;
        for (int output = 0; output < outputs; output++)
        {
            double shift = 0;
            for (int input = 0; input < inputs; input++)
            {
                int weight = weightOffset + (output * inputs) + input;
                shift += (double)parameters[weight] * mean[input] / deviation[input];
                folded[weight] = parameters[weight] / deviation[input];
            }

            folded[biasOffset + output] = (float)(parameters[biasOffset + output] - shift);
        }

        return folded;
    }

    public Dataset Apply(Dataset data)
    {
        var inputs = new float[data.Count * data.InputSize];
        var targets = new float[data.Count * data.TargetSize];
        for (int i = 0; i < data.Count; i++)
        {
            ReadOnlySpan<float> input = data.Input(i);
            for (int feature = 0; feature < input.Length; feature++)
            {
                inputs[(i * data.InputSize) + feature] = (input[feature] - mean[feature]) / deviation[feature];
            }

            data.Target(i).CopyTo(targets.AsSpan(i * data.TargetSize));
        }

        return new Dataset(inputs, targets, data.InputSize, data.TargetSize);
    }
}
