using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using StaticNet.Training;

namespace Digits;

/// <summary>
/// What augmentation buys when labelled data is scarce: the CNN trained on a tenth of the digits, once on the images as
/// they are and once with each batch augmented, both tested on the same unseen digits.
/// </summary>
public static class AugmentationExperiment
{
    /// <summary>
    /// Half the images moved by a pixel, and light noise: a digit stays the same digit. Measured on this data, rotation
    /// and scaling cost accuracy instead: resampling an 8x8 image blurs it more than the turn teaches.
    /// </summary>
    public static Augmentation Augmentation() =>
        new Augmentation(DigitsCnn.InputShape).Shift(1, probability: 0.5).Noise(0.05f);

    public static (float Plain, float Augmented) Run(Dataset training, Dataset test, int epochs = 300, int seeds = 3)
    {
        // A tenth of all the digits (an eighth of the 80% training part), stratified: about 18 of each.
        (_, Dataset few) = training.Split(testFraction: 0.125, seed: 2);
        Console.WriteLine($"The CNN on {few.Count} training digits, tested on {test.Count} unseen ones, {epochs} epochs, "
            + $"mean test accuracy over {seeds} seeds (initial weights, shuffles, dropout and augmentation):");
        float plain = Train("without augmentation", few, test, null, epochs, seeds);
        float augmented = Train("with augmentation   ", few, test, Augmentation(), epochs, seeds);
        Console.WriteLine($"Augmentation changed test accuracy by {(augmented - plain) * 100:+0.0;-0.0} points.");
        return (plain, augmented);
    }

    private static float Train(string name, Dataset few, Dataset test, Augmentation? augmentation, int epochs, int seeds)
    {
        var clock = Stopwatch.StartNew();
        var accuracies = new float[seeds];
        for (int seed = 1; seed <= seeds; seed++)
        {
            var network = new DigitsCnn(seed);
            var trainer = new Trainer(new Adam(DigitsCnn.ParameterCount, learningRate: 2e-3f))
            {
                Epochs = epochs,
                BatchSize = 16,
                Seed = seed,
                Augmentation = augmentation,
            };
            trainer.Fit(network, few);
            accuracies[seed - 1] = Evaluation.Measure(network, test).Accuracy;
        }

        float mean = accuracies.Average();
        Console.WriteLine($"  {name}: {mean:P1} ({string.Join(", ", accuracies.Select(a => a.ToString("P1", CultureInfo.InvariantCulture)))}; "
            + $"trained in {clock.Elapsed.TotalSeconds:F1} s)");
        return mean;
    }
}
