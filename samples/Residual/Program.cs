using System;
using System.IO;
using System.Linq;
using Digits;
using Residual;
using StaticNet;
using StaticNet.Training;

// The vanishing gradient and its cure. Two networks of twelve sigmoid layers learn the 8x8 digits with the same
// optimizer, data and seed: a plain chain, and the same layers with skip connections. Before training, the gradient
// of the plain chain's first layers is orders of magnitude smaller than its last's, so they barely learn; the skip
// connections carry it back undiminished. The accuracy curves of both go to residual-training.svg.
Dataset all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
(Dataset training, Dataset test) = all.Split(testFraction: 0.2, seed: 1);
Console.WriteLine($"{training.Count} training and {test.Count} test images; twelve sigmoid layers of 32, with and without skip connections.");
Console.WriteLine();

var plain = new PlainDeepNet(seed: 1);
var residual = new ResidualDeepNet(seed: 1);
double[] plainNorms = GradientNorms(plain, PlainDeepNet.TensorSlots);
double[] residualNorms = GradientNorms(residual, ResidualDeepNet.TensorSlots);
Console.WriteLine("Gradient norm of each dense layer's weights at the start (mean gradient of the first 256 training images):");
Console.WriteLine("  layer     plain chain    with skips");
for (int i = 0; i < plainNorms.Length; i++)
{
    Console.WriteLine($"  {i + 1,5}  {plainNorms[i],12:0.00e+00}  {residualNorms[i],12:0.00e+00}");
}

Console.WriteLine($"  first layer / last layer: plain chain {plainNorms[0] / plainNorms[^1]:0.0e+00}, with skips {residualNorms[0] / residualNorms[^1]:0.0e+00}");
Console.WriteLine();

TrainingHistory plainHistory = Train("plain chain", plain);
TrainingHistory residualHistory = Train("with skips", residual);
string chart = SampleOutput.File("residual-training.svg");
ComparisonChart.Write(chart, ("plain chain", plainHistory), ("with skip connections", residualHistory));
Console.WriteLine($"Accuracy curves written to {chart}");

TrainingHistory Train(string name, INetwork network)
{
    var trainer = new Trainer(new Sgd(network.Parameters.Length, learningRate: 0.05f, momentum: 0.9f))
    {
        Epochs = 25,
        BatchSize = 32,
        Seed = 1,
        ValidationFraction = 0.1,
    };
    TrainingHistory history = trainer.Fit(network, training);
    (_, float accuracy) = trainer.Evaluate(network, test);
    string curve = string.Join(" ", history.Epochs.Where(e => e.Epoch % 5 == 0).Select(e => $"{e.ValidationAccuracy:P0}"));
    Console.WriteLine($"{name,-12}: validation accuracy every 5 epochs {curve}; test accuracy {accuracy:P1}");
    return history;
}

// The norm of each dense layer's weight gradient, first layer first, for the mean loss of the first 256 training images.
double[] GradientNorms(INetwork network, System.Collections.Generic.IReadOnlyList<StaticNet.Storage.TensorSlot> slots)
{
    const int Count = 256;
    float[] inputs = Enumerable.Range(0, Count).SelectMany(i => training.Input(i).ToArray()).ToArray();
    float[] targets = Enumerable.Range(0, Count).SelectMany(i => training.Target(i).ToArray()).ToArray();
    var gradients = new float[network.Parameters.Length];
    var random = new SeededRandom(1);
    network.BackwardBatch(inputs, targets, gradients, Span<float>.Empty, ref random);
    return slots.Where(slot => slot.Role == "weights")
        .Select(slot => Math.Sqrt(gradients.AsSpan(slot.Offset, slot.Count).ToArray().Sum(g => (double)g * g)))
        .ToArray();
}
