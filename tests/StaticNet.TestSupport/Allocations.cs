using System;
using System.Diagnostics;
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
    /// Rounds and the measurement stop early for slow actions (after <see cref="RoundTime"/>, with at least
    /// <see cref="MinimumCalls"/> calls): one allocation per call shows in a few calls as surely as in a thousand.
    /// </summary>
    public static long Measure(Action action, int iterations = 1000)
    {
        int quietRounds = 0;
        for (int round = 0; round < 40 && quietRounds < 2; round++)
        {
            long start = GC.GetAllocatedBytesForCurrentThread();
            Repeat(action, 200);
            quietRounds = GC.GetAllocatedBytesForCurrentThread() == start ? quietRounds + 1 : 0;
            Thread.Sleep(20);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        Repeat(action, iterations);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private const int MinimumCalls = 30;

    private static readonly TimeSpan RoundTime = TimeSpan.FromMilliseconds(150);

    private static void Repeat(Action action, int calls)
    {
        long started = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls && (i < MinimumCalls || Stopwatch.GetElapsedTime(started) < RoundTime); i++)
        {
            action();
        }
    }
}
