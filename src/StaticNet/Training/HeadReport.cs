namespace StaticNet.Training;

/// <summary>
/// One head's share of an epoch (see <see cref="EpochReport.Heads"/>): its own loss, unweighted, and its accuracy (NaN for
/// mean squared error); validation values are null without validation data.
/// </summary>
/// <param name="Name">The head's name.</param>
/// <param name="Loss">The head's loss function.</param>
/// <param name="TrainingLoss">Mean loss of the head over the epoch's training batches (training mode).</param>
/// <param name="TrainingAccuracy">Mean accuracy of the head over the epoch's training batches.</param>
/// <param name="ValidationLoss">Mean loss of the head on the validation data after the epoch.</param>
/// <param name="ValidationAccuracy">Mean accuracy of the head on the validation data after the epoch.</param>
public sealed record HeadReport(
    string Name,
    Loss Loss,
    float TrainingLoss,
    float TrainingAccuracy,
    float? ValidationLoss,
    float? ValidationAccuracy);
