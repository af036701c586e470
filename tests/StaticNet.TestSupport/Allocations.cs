using System;
using System.Threading;

namespace StaticNet.TestSupport;

/// <summary>Measures managed allocations of steady-state code on the current thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Bytes allocated by <paramref name="iterations"/> calls of <paramref name="action"/>, measured
    /// after warming up. While the JIT promotes methods through its tiers, the instrumented (dynamic
    /// PGO) tier allocates a little on the calling thread; that is the JIT's cost, not the code's, so
    /// the warm-up runs until two rounds in a row allocate nothing (or gives up after a bounded time).
    /// </summary>
    public static long Measure(Action action, int iterations = 1000)
    {
        int quietRounds = 0;
        for (int round = 0; round < 40 && quietRounds < 2; round++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                action();
            }

            quietRounds = GC.GetAllocatedBytesForCurrentThread() == start ? quietRounds + 1 : 0;
            Thread.Sleep(20);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
