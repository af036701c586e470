using System;
using System.Diagnostics;
using System.IO;
using Digits;
using StaticNet;
using StaticNet.Training;

// Train an MLP and a CNN with dropout on the same 80% of the 8x8 digits (a tenth of it held out for
// early stopping), compare them on the untouched 20%, and draw both training curves as SVG files.
Dataset all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
(Dataset training, Dataset test) = all.Split(fraction: 0.2, seed: 1);
Console.WriteLine($"{training.Count} training and {test.Count} test images.");

float mlp = Train("MLP", new DigitsMlp(seed: 1), DigitsMlp.Summary, DigitsMlp.ParameterCount, "digits-mlp-training.svg");
var cnnNetwork = new DigitsCnn(seed: 1);
float cnn = Train("CNN", cnnNetwork, DigitsCnn.Summary, DigitsCnn.ParameterCount, "digits-cnn-training.svg");
Console.WriteLine($"Test accuracy: MLP {mlp:P1}, CNN {cnn:P1}.");

// Save the CNN, load it into a new object, and check the reloaded network scores the same.
string weights = Path.GetFullPath("digits-cnn.snw");
cnnNetwork.Save(weights);
DigitsCnn reloaded = DigitsCnn.Load(weights);
float reloadedAccuracy = Evaluation.Measure(reloaded, test).Accuracy;
Console.WriteLine($"Saved the CNN to {weights} ({new FileInfo(weights).Length:N0} bytes); reloaded, it scores {reloadedAccuracy:P1}.");

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
        Progress = new SynchronousProgress<EpochReport>(ProgressBar.Draw),
    };
    var clock = Stopwatch.StartNew();
    TrainingHistory history = trainer.Fit(network, training);
    (float testLoss, float testAccuracy) = trainer.Evaluate(network, test);
    Console.WriteLine($"{name}: trained in {clock.Elapsed.TotalSeconds:F2} s, kept epoch {history.BestEpoch}; "
        + $"test accuracy on {test.Count} unseen digits {testAccuracy:P1} (loss {testLoss:F4}).");
    string chart = Path.GetFullPath(chartFile);
    TrainingChart.Write(history, chart);
    Console.WriteLine($"Training curves written to {chart}");
    return testAccuracy;
}
