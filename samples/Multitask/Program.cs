using System;
using System.IO;
using System.Linq;
using Digits;
using Multitask;
using StaticNet;
using StaticNet.Training;

// Multitask learning: one network learns which digit an 8x8 image shows and whether it is odd, on a shared trunk with
// a head per task, against two single-task networks of the same trunk. With little data the shared trunk learns from
// both tasks' labels at once. Each run trains on the same images with the same optimizer and seed.
Dataset all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
(Dataset pool, Dataset testDigits) = all.Split(testFraction: 0.3, seed: 2);
(Dataset trainingDigits, _) = pool.Split(testFraction: 0.75, seed: 3);
Dataset training = WithParity(trainingDigits);
Dataset test = WithParity(testDigits);
Console.WriteLine($"{training.Count} training and {test.Count} test images; each target is the digit (10 values) and whether it is odd (1).");
Console.WriteLine(DigitAndParityNet.Summary);

var both = new DigitAndParityNet(seed: 1);
TrainingHistory history = Train(both, training);
EpochReport last = history.Epochs[history.BestEpoch - 1];
foreach (HeadReport head in last.Heads)
{
    Console.WriteLine($"  head '{head.Name}' ({head.Loss}) at the kept epoch {history.BestEpoch}: training loss {head.TrainingLoss:F4}, "
        + $"validation loss {head.ValidationLoss:F4}, accuracy {head.ValidationAccuracy:P1}");
}

var measured = Evaluation.MeasureHeads(both, test);
var digit = new DigitNet(seed: 1);
Train(digit, trainingDigits);
var parity = new ParityNet(seed: 1);
Train(parity, OnlyParity(training));
float digitAlone = Evaluation.Measure(digit, testDigits).Accuracy;
float parityAlone = Evaluation.Measure(parity, OnlyParity(test)).Accuracy;

Console.WriteLine();
Console.WriteLine($"Test accuracy on {test.Count} unseen images   one network, two heads   two single-task networks");
Console.WriteLine($"  which digit                           {measured[0].Accuracy,8:P1}              {digitAlone,8:P1}");
Console.WriteLine($"  odd or even                           {measured[1].Accuracy,8:P1}              {parityAlone,8:P1}");
Console.WriteLine($"  parameters                            {DigitAndParityNet.ParameterCount,8:N0}              {DigitNet.ParameterCount + ParityNet.ParameterCount,8:N0}");

TrainingHistory Train(INetwork network, Dataset data)
{
    var trainer = new Trainer(new Adam(network.Parameters.Length, learningRate: 3e-3f))
    {
        Epochs = 80,
        BatchSize = 16,
        Seed = 1,
        ValidationFraction = 0.15,
        EarlyStoppingPatience = 15,
    };
    return trainer.Fit(network, data);
}

// The digit's one-hot target followed by 1 for an odd digit, 0 for an even one.
static Dataset WithParity(Dataset digits) => Dataset.FromRows(
    Enumerable.Range(0, digits.Count).Select(i => digits.Input(i).ToArray()).ToArray(),
    Enumerable.Range(0, digits.Count).Select(i => digits.Target(i).ToArray().Append(Metrics.ArgMax(digits.Target(i)) % 2).ToArray()).ToArray());

// The parity target alone.
static Dataset OnlyParity(Dataset withParity) => Dataset.FromRows(
    Enumerable.Range(0, withParity.Count).Select(i => withParity.Input(i).ToArray()).ToArray(),
    Enumerable.Range(0, withParity.Count).Select(i => new[] { withParity.Target(i)[10] }).ToArray());
