using System;
using StaticNet;
using StaticNet.Training;

// XOR with the smallest network that can represent it: two tanh units and a sigmoid output.
var data = Dataset.FromRows(
    [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]],
    [[0f], [1f], [1f], [0f]]);
var network = new XorNet(seed: 2);
var trainer = new Trainer(new Adam(XorNet.ParameterCount, learningRate: 0.05f)) { Epochs = 500, BatchSize = 4, Seed = 1 };
TrainingHistory history = trainer.Fit(network, data);

Console.WriteLine(XorNet.Summary);
Console.WriteLine($"Loss after {history.Epochs.Count} epochs: {history.Last.TrainingLoss:F5}");
Console.WriteLine();
Console.WriteLine(" a  b | a XOR b | network");
Console.WriteLine("------+---------+-----------------");
for (int i = 0; i < data.Count; i++)
{
    float[] output = network.Predict(data.Input(i));
    Console.WriteLine($" {data.Input(i)[0]}  {data.Input(i)[1]} |    {data.Target(i)[0]}    | {output[0]:F4} -> {(output[0] >= 0.5f ? 1 : 0)}");
}

/// <summary>Two inputs, two hidden tanh units, one sigmoid output: 9 parameters.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(2, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
internal partial class XorNet { }
