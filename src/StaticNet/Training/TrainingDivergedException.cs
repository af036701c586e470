using System;

namespace StaticNet.Training;

/// <summary>
/// Training produced a NaN or infinite loss, gradient or parameter. Thrown at once, naming where,
/// instead of letting NaN spread silently through the weights.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception for the given position (1-based; 0 when not known).</summary>
    public TrainingDivergedException(int epoch, int batch, string message)
        : base(message)
    {
        Epoch = epoch;
        Batch = batch;
    }

    /// <summary>The 1-based epoch, or 0 outside <see cref="Trainer.Fit(INetwork, Dataset, System.Threading.CancellationToken)"/>.</summary>
    public int Epoch { get; }

    /// <summary>The 1-based batch within the epoch, or 0 outside <see cref="Trainer.Fit(INetwork, Dataset, System.Threading.CancellationToken)"/>.</summary>
    public int Batch { get; }
}
