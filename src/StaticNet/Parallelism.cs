using System;

namespace StaticNet;

/// <summary>
/// How many threads the batch methods (<c>ForwardBatch</c>, <c>BackwardBatch</c>, and so the trainer) may use. Their
/// large products are split over that many threads: dense layers by output rows and samples, convolutions by filters
/// and samples. Every value is computed by the same arithmetic whichever thread computes it, and sums over the batch
/// stay in sample order, so the results are bit-identical for any setting. Small products stay on the calling thread:
/// below a few tens of thousands of multiply-adds the hand-over costs more than it saves.
/// </summary>
public static class Parallelism
{
    private static int maxThreads = Environment.ProcessorCount;

    /// <summary>
    /// The most threads one batch call uses, counting the calling thread: the processor count by default; 1 keeps every
    /// call on the calling thread. One call at a time uses the extra threads; a call made while another holds them runs
    /// on its own thread alone.
    /// </summary>
    public static int MaxThreads
    {
        get => maxThreads;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value);
            maxThreads = value;
        }
    }
}
