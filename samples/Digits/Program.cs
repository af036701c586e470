using System;
using System.Diagnostics;
using System.IO;
using Digits;
using StaticNet.Training;

// Train an MLP on 80% of the 8x8 digits (a tenth of that held out for early stopping), report
// accuracy on the untouched 20%, and draw the training curves into digits-training.svg.
Dataset all = DigitsData.Load(Path.Combine(AppContext.BaseDirectory, "digits.csv.gz"));
(Dataset training, Dataset test) = all.Split(fraction: 0.2, seed: 1);
Console.WriteLine(DigitsMlp.Summary);
Console.WriteLine($"{training.Count} training and {test.Count} test images.");

var network = new DigitsMlp(seed: 1);
var trainer = new Trainer(new Adam(DigitsMlp.ParameterCount, learningRate: 2e-3f))
{
    Epochs = 60,
    BatchSize = 32,
    Seed = 1,
    ValidationFraction = 0.1,
    EarlyStoppingPatience = 8,
    Schedule = new CosineDecay(period: 60, minimum: 1e-4f),
    Progress = new SynchronousProgress<EpochReport>(ProgressBar.Draw),
};
var clock = Stopwatch.StartNew();
TrainingHistory history = trainer.Fit(network, training);
Console.WriteLine();
Console.WriteLine($"Trained in {clock.Elapsed.TotalSeconds:F2} s; "
    + (history.StoppedEarly ? $"stopped early, kept epoch {history.BestEpoch}." : $"kept epoch {history.BestEpoch}."));

(float testLoss, float testAccuracy) = trainer.Evaluate(network, test);
Console.WriteLine($"Test accuracy on {test.Count} unseen digits: {testAccuracy:P1} (loss {testLoss:F4})");

string chart = Path.GetFullPath("digits-training.svg");
TrainingChart.Write(history, chart);
Console.WriteLine($"Training curves written to {chart}");
