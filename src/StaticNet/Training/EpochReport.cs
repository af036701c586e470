using System;
using System.Globalization;

namespace StaticNet.Training;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit(INetwork, Dataset)"/> achieved. Accuracies are NaN for
/// mean squared error; validation values are null without validation data. With several heads, the losses are the
/// weighted totals the network trains on, the accuracies the mean over its classification heads, and
/// <see cref="Heads"/> has each head's own.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainingLoss,
    float TrainingAccuracy,
    float? ValidationLoss,
    float? ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed)
{
    /// <summary>Each head's loss and accuracy, for a network with several; empty for a network with one output.</summary>
    public System.Collections.Generic.IReadOnlyList<HeadReport> Heads { get; init; } = [];

    /// <summary>Whether training ends after this epoch: the last of <see cref="Epochs"/>, or the one early stopping stops at.</summary>
    public bool IsLast { get; init; }

    /// <summary>
    /// One readable line: <c>epoch 3/20: loss 0.4123, accuracy 87.5%; validation loss 0.4411, accuracy 85.0%; learning rate
    /// 0.001; 1.2 s</c>, with each head's loss and accuracy after it when there are several. Accuracies only where the loss has one.
    /// </summary>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {Epoch}/{Epochs}: loss {LossText.Format(TrainingLoss)}{Accuracy(TrainingAccuracy)}");
        if (ValidationLoss is { } validationLoss)
        {
            text.Append(CultureInfo.InvariantCulture, $"; validation loss {LossText.Format(validationLoss)}{Accuracy(ValidationAccuracy ?? float.NaN)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; learning rate {LearningRate:G3}; {Elapsed.TotalSeconds:F1} s");
        foreach (HeadReport head in Heads)
        {
            text.Append(CultureInfo.InvariantCulture, $" | {head.Name}: loss {LossText.Format(head.TrainingLoss)}{Accuracy(head.TrainingAccuracy)}");
            if (head.ValidationLoss is { } headValidation)
            {
                text.Append(CultureInfo.InvariantCulture, $", validation {LossText.Format(headValidation)}{Accuracy(head.ValidationAccuracy ?? float.NaN)}");
            }
        }

        return text.ToString();
    }

    private static string Accuracy(float accuracy) =>
        float.IsNaN(accuracy) ? "" : string.Create(CultureInfo.InvariantCulture, $", accuracy {accuracy * 100:F1}%");
}
