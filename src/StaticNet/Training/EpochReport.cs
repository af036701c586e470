using System;

namespace StaticNet.Training;

/// <summary>
/// What one epoch of <see cref="Trainer.Fit(INetwork, Dataset)"/> achieved. Accuracies are NaN for
/// mean squared error; validation values are null without validation data.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    int Epochs,
    float TrainingLoss,
    float TrainingAccuracy,
    float? ValidationLoss,
    float? ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed);
