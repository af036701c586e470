using System;
using StaticNet.Runtime;

namespace StaticNet.Tests;

/// <summary>The thread settings for a while: <see cref="Parallelism.MaxThreads"/> and the minimum work per part, then the defaults again.</summary>
internal readonly struct ThreadScope : IDisposable
{
    private readonly int savedThreads;

    public ThreadScope(int threads, long minimumWork)
    {
        savedThreads = Parallelism.MaxThreads;
        Parallelism.MaxThreads = threads;
        WorkerPool.MinimumWorkPerPart = minimumWork;
    }

    public void Dispose()
    {
        Parallelism.MaxThreads = savedThreads;
        WorkerPool.MinimumWorkPerPart = WorkerPool.DefaultMinimumWorkPerPart;
    }
}
