using System;
using System.Diagnostics;
using System.IO;
using Digits;
using StaticNet;
using StaticNet.Training;

// Train an MLP, a CNN with dropout, and the same CNN with batch normalisation on the same 80% of the
// 8x8 digits (a tenth of it held out for early stopping), compare them on the untouched 20%, and draw
// their training curves as SVG files. Then save the convolutional networks, reload them and check.
// `--augment` runs the augmentation experiment instead (AugmentationExperiment.cs).
Dataset all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
(Dataset training, Dataset test) = all.Split(testFraction: 0.2, seed: 1);

// With --augment: the augmentation experiment instead (a tenth of the digits, with and without), and a strip of
// augmented digits.
if (args is ["--augment"])
{
    AugmentationExperiment.Run(training, test);
    string strip = SampleOutput.File("digits-augmented.svg");
    AugmentedDigitsStrip.Write(training, AugmentationExperiment.Augmentation(), rows: 6, copies: 7, strip);
    Console.WriteLine($"Augmented digits drawn in {strip}");
    return;
}

Console.WriteLine($"{training.Count} training and {test.Count} test images.");

float mlp = Train("MLP", new DigitsMlp(seed: 1), DigitsMlp.Summary, DigitsMlp.ParameterCount, "digits-mlp-training.svg");
var cnnNetwork = new DigitsCnn(seed: 1);
float cnn = Train("CNN", cnnNetwork, DigitsCnn.Summary, DigitsCnn.ParameterCount, "digits-cnn-training.svg");
var normNetwork = new DigitsNormCnn(seed: 1);
float norm = Train("CNN with batch norm", normNetwork, DigitsNormCnn.Summary, DigitsNormCnn.ParameterCount, "digits-cnn-batchnorm-training.svg");
Console.WriteLine($"Test accuracy: MLP {mlp:P1}, CNN {cnn:P1}, CNN with batch norm {norm:P1}.");

// Save each CNN (the batch-norm one with its running statistics), load it into a new object, and
// check that the reloaded network scores the same.
string weights = SampleOutput.File("digits-cnn.snw");
cnnNetwork.Save(weights);
Report("CNN", weights, DigitsCnn.Load(weights));
string normWeights = SampleOutput.File("digits-cnn-batchnorm.snw");
normNetwork.Save(normWeights);
Report("CNN with batch norm", normWeights, DigitsNormCnn.Load(normWeights));

void Report(string name, string path, INetwork reloaded) =>
    Console.WriteLine($"Saved the {name} to {path} ({new FileInfo(path).Length:N0} bytes); reloaded, it scores {Evaluation.Measure(reloaded, test).Accuracy:P1}.");

float Train(string name, INetwork network, string summary, int parameterCount, string chartFile)
{
    Console.WriteLine();
    Console.WriteLine(summary);
    var trainer = new Trainer(new Adam(parameterCount, learningRate: 2e-3f))
    {
        Epochs = 60,
        BatchSize = 32,
        Seed = 1,
        ValidationFraction = 0.1,
        EarlyStoppingPatience = 15,
        Schedule = new CosineDecay(period: 60, minimum: 1e-4f),
        Progress = new ConsoleProgress(),
    };
    var clock = Stopwatch.StartNew();
    TrainingHistory history = trainer.Fit(network, training);
    (float testLoss, float testAccuracy) = trainer.Evaluate(network, test);
    Console.WriteLine($"{name}: trained in {clock.Elapsed.TotalSeconds:F2} s, kept epoch {history.BestEpoch}; "
        + $"test accuracy on {test.Count} unseen digits {testAccuracy:P1} (loss {testLoss:F4}).");
    string chart = SampleOutput.File(chartFile);
    TrainingChart.Write(history, chart);
    Console.WriteLine($"Training curves written to {chart}");
    return testAccuracy;
}
