using System;
using System.Globalization;

namespace StaticNet.Training;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit(INetwork, Dataset, System.Threading.CancellationToken)"/> achieved. Accuracies are NaN for
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

    /// <summary>
    /// Whether training ends after this epoch: the last of <see cref="Epochs"/>, the one early stopping stops at, or one
    /// cut short (<see cref="Cancelled"/>, <see cref="Failed"/>).
    /// </summary>
    public bool IsLast { get; init; }

    /// <summary>
    /// Whether training was cancelled during this epoch: the losses and accuracies are over the batches it completed
    /// (NaN if none), and there is no validation.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>
    /// Whether training failed during this epoch (the exception <c>Fit</c> throws next, such as
    /// <see cref="TrainingDivergedException"/>): the losses and accuracies are over the batches it completed.
    /// </summary>
    public bool Failed { get; init; }

    /// <summary>
    /// The mean over the epoch's batches of the L2 norm of each batch's mean gradient, before any clipping; NaN unless
    /// the trainer computed it (<see cref="Trainer.TrackGradientNorms"/>, <see cref="Trainer.MaxGradientNorm"/>,
    /// <see cref="Trainer.BatchCompleted"/>).
    /// </summary>
    public float GradientNorm { get; init; } = float.NaN;

    /// <summary>Each parameter tensor's mean gradient norm over the epoch, with <see cref="Trainer.TrackGradientNorms"/>; else empty.</summary>
    public System.Collections.Generic.IReadOnlyList<TensorGradientNorm> TensorGradientNorms { get; init; } = [];

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

        text.Append(CultureInfo.InvariantCulture, $"; learning rate {LearningRate:G3}");
        if (!float.IsNaN(GradientNorm))
        {
            text.Append(CultureInfo.InvariantCulture, $"; gradient norm {GradientNorm:G3}");
        }

        text.Append(CultureInfo.InvariantCulture, $"; {Elapsed.TotalSeconds:F1} s{(Cancelled ? "; cancelled" : Failed ? "; failed" : "")}");
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
