using System;
using StaticNet.Training;

namespace Digits;

/// <summary>One line per epoch: a bar of the epochs done, the losses and accuracies.</summary>
public static class ProgressBar
{
    private const int Width = 24;

    public static void Draw(EpochReport report)
    {
        int filled = report.Epoch * Width / report.Epochs;
        string bar = new string('#', filled) + new string('.', Width - filled);
        Console.WriteLine(
            $"epoch {report.Epoch,2}/{report.Epochs} [{bar}] loss {report.TrainingLoss:F4} acc {report.TrainingAccuracy:P1}"
            + $" | val loss {report.ValidationLoss:F4} acc {report.ValidationAccuracy:P1} | lr {report.LearningRate:G3}");
    }
}
