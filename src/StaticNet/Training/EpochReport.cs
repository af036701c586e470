using System;

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
}
