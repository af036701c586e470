using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>Every epoch's report, and how training ended.</summary>
public sealed record TrainingHistory(IReadOnlyList<EpochReport> Epochs, int BestEpoch, bool StoppedEarly)
{
    /// <summary>The last epoch's report.</summary>
    public EpochReport Last => Epochs[Epochs.Count - 1];
}
