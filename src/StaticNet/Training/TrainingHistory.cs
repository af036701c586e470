using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>Every epoch's report, and how training ended.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, int BestEpoch, bool StoppedEarly)
{
    /// <summary>
    /// Whether training was cancelled (<c>Fit</c>'s cancellation token): the last report is the epoch it was cancelled
    /// in, and the network holds the parameters of the last completed step, or, with early stopping and
    /// <see cref="Trainer.RestoreBestParameters"/>, those of the best epoch so far.
    /// </summary>
    public bool Cancelled { get; init; }

    /// <summary>The last epoch's report.</summary>
    public EpochReport Last => Epochs[Epochs.Count - 1];
}
