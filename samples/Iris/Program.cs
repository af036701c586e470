using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Iris;

// Train a 4-8-3 classifier on 70% of Fisher's Iris data with minibatch SGD and momentum, using the
// generated IrisNet.Backward, then measure it on the held-out 30% and run it on a few flowers.
IrisData data = IrisData.Load(Path.Combine(AppContext.BaseDirectory, "iris.csv"));
(int[] train, int[] test) = data.Split(testFraction: 0.3, seed: 7);
data.Standardise(train);
Console.WriteLine(IrisNet.Summary);

var random = new Random(1);
var parameters = new float[IrisNet.ParameterCount];
InitialiseUniform(parameters.AsSpan(IrisNet.Layer1.WeightOffset, IrisNet.Layer1.WeightCount), IrisNet.Layer1.InputSize, random);
InitialiseUniform(parameters.AsSpan(IrisNet.Layer2.WeightOffset, IrisNet.Layer2.WeightCount), IrisNet.Layer2.InputSize, random);

const int Epochs = 100;
const int BatchSize = 10;
const float LearningRate = 0.01f;
const float Momentum = 0.9f;
var gradients = new float[IrisNet.ParameterCount];
var velocity = new float[IrisNet.ParameterCount];
var clock = Stopwatch.StartNew();
for (int epoch = 1; epoch <= Epochs; epoch++)
{
    random.Shuffle(train);
    float epochLoss = 0f;
    for (int start = 0; start < train.Length; start += BatchSize)
    {
        int[] batch = train[start..Math.Min(start + BatchSize, train.Length)];
        Array.Clear(gradients);
        foreach (int row in batch)
        {
            epochLoss += IrisNet.Backward(parameters, data.Features[row], data.OneHot(row), gradients, Span<float>.Empty);
        }

        // Mean gradient over the batch, then a momentum step (PyTorch's SGD formulation).
        for (int i = 0; i < parameters.Length; i++)
        {
            velocity[i] = (Momentum * velocity[i]) + (gradients[i] / batch.Length);
            parameters[i] -= LearningRate * velocity[i];
        }
    }

    if (epoch % 20 == 0)
    {
        Console.WriteLine($"epoch {epoch,3}: mean training loss {epochLoss / train.Length:F4}, test accuracy {Accuracy(test):P1}");
    }
}

Console.WriteLine($"Trained in {clock.Elapsed.TotalMilliseconds:F0} ms.");
Console.WriteLine($"Test accuracy on {test.Length} held-out flowers: {Accuracy(test):P1}");
Console.WriteLine();
var probabilities = new float[IrisNet.OutputSize];
foreach (int row in test.Take(5))
{
    IrisNet.Forward(parameters, data.Features[row], probabilities);
    int predicted = ArgMax(probabilities);
    Console.WriteLine($"flower {row,3}: predicted {data.ClassNames[predicted],-10} ({probabilities[predicted]:P1}), actually {data.ClassNames[data.Labels[row]]}");
}

double Accuracy(int[] rows)
{
    var output = new float[IrisNet.OutputSize];
    return rows.Count(row =>
    {
        IrisNet.Forward(parameters, data.Features[row], output);
        return ArgMax(output) == data.Labels[row];
    }) / (double)rows.Length;
}

static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

// Glorot-style uniform weights in +-sqrt(6 / (fanIn + fanOut)); biases stay zero.
static void InitialiseUniform(Span<float> weights, int fanIn, Random random)
{
    int fanOut = weights.Length / fanIn;
    double limit = Math.Sqrt(6.0 / (fanIn + fanOut));
    for (int i = 0; i < weights.Length; i++)
    {
        weights[i] = (float)(((random.NextDouble() * 2) - 1) * limit);
    }
}
