using System;
using System.Diagnostics;
using System.IO;
using Iris;
using StaticNet.Training;

// Train a 4-8-3 classifier on 70% of Fisher's Iris data, report it on the held-out 30%, and run it
// on a few flowers. Everything the network does is code the generator wrote into IrisNet.
// With `--save file.snw`, also save the trained weights (standardisation folded in, so they take raw
// centimetres) for samples/BakedIris to compile into its assembly.
string? savePath = args is ["--save", string path] ? path : null;
if (args.Length > 0 && savePath is null)
{
    Console.Error.WriteLine("usage: Iris [--save weights.snw]");
    return 2;
}

Dataset flowers = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), labelColumn: "species");
Console.WriteLine(IrisNet.Summary);

var clock = Stopwatch.StartNew();
IrisExperiment.Result result = IrisExperiment.Run(flowers, seed: 7, new SynchronousProgress<EpochReport>(report =>
{
    if (report.Epoch % 20 == 0)
    {
        Console.WriteLine($"epoch {report.Epoch,3}: training loss {report.TrainingLoss:F4}, accuracy {report.TrainingAccuracy:P1}; "
            + $"validation loss {report.ValidationLoss:F4}, accuracy {report.ValidationAccuracy:P1}");
    }
}));
Console.WriteLine($"Trained in {clock.Elapsed.TotalMilliseconds:F0} ms (including JIT); "
    + (result.History.StoppedEarly ? $"stopped early, kept epoch {result.History.BestEpoch}." : $"best epoch {result.History.BestEpoch}."));
Console.WriteLine($"Test accuracy on {result.Test.Count} held-out flowers: {result.TestAccuracy:P1}");
Console.WriteLine();

var probabilities = new float[IrisNet.OutputSize];
for (int i = 0; i < 5; i++)
{
    result.Network.Predict(result.Test.Input(i), probabilities);
    int predicted = Metrics.ArgMax(probabilities);
    Console.WriteLine($"held-out flower {i}: predicted {flowers.ClassNames[predicted],-10} ({probabilities[predicted]:P1}), "
        + $"actually {flowers.ClassNames[result.Test.Label(i)]}");
}

if (savePath is not null)
{
    IrisNet.SaveWeights(savePath, result.RawInputParameters());
    Console.WriteLine();
    Console.WriteLine($"Saved the weights for raw measurements to {Path.GetFullPath(savePath)}");
}

return 0;
