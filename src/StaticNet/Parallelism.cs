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

    /// <summary>
    /// Ends the worker threads the batch methods keep for their extra threads (they spin briefly after each call, then
    /// sleep) and waits for them to finish; the next call that splits its work starts them again. A host that unloads a
    /// collectible <c>AssemblyLoadContext</c> holding StaticNet needs nothing: the workers end by themselves when that
    /// context starts unloading. Call this where the threads must be gone at a known point. Safe at any time: a batch
    /// call in flight still completes, running the parts no worker took on its own thread.
    /// </summary>
    public static void StopWorkers() => Runtime.WorkerPool.StopAll();
}
