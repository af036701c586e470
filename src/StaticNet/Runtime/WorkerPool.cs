using System;
using System.Diagnostics;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif
using System.Threading;

namespace StaticNet.Runtime;

/// <summary>
/// Fork-join for the batch kernels: a call splits its work into parts, runs part 0 itself, hands the others to
/// background workers and waits for them. Allocation-free once the workers exist: the job is a struct on the caller's
/// stack, handed over as a pointer beside a function pointer that runs one part; both stay valid because the caller
/// does not return before every part is done. Workers spin for a while after each job (a training step calls the
/// kernels in quick succession) and then sleep until woken; they end when this assembly's collectible load context
/// unloads or on <see cref="StopAll"/>, and the next call that splits its work starts new ones.
/// </summary>
/// <remarks>
/// One call at a time uses the workers. A call that finds them busy (another thread's call, or a kernel called from
/// a part) runs all its parts itself, one after another. That gives the same results, because the kernels split their
/// work so that each value is computed by the same arithmetic whichever part computes it.
/// </remarks>
internal static unsafe class WorkerPool
{
    /// <summary>
    /// Multiply-adds below which another part does not pay. Handing a part to a spinning worker and waiting for it costs
    /// about half a microsecond on a two-core EPYC VM, but the worker must also pull the part's data from the other
    /// core's cache: a dense layer's backward pass of 32 samples broke even at 64 x 64 (262,144 multiply-adds in two
    /// parts) and lost at 32 x 32. Tests lower it to split every kernel.
    /// </summary>
    internal static long MinimumWorkPerPart = DefaultMinimumWorkPerPart;

    /// <summary>The measured default of <see cref="MinimumWorkPerPart"/>.</summary>
    internal const long DefaultMinimumWorkPerPart = 65_536;

    /// <summary>How long a worker spins for the next job before it sleeps.</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000; // 200 us

    /// <summary>The most parts of one job: they are counted in 16 bits of <see cref="ticket"/>.</summary>
    private const int MaximumParts = 1024;

    private static readonly object Growing = new();
    private static Worker[] workers = [];
    private static bool watchingUnload;

    private static int busy;
    private static int lastGeneration;

    /// <summary>
    /// The current job's generation (high 32 bits), its part count (next 16) and the next part to claim (low 16), in one
    /// word, so that a part is claimed for the job it belongs to or not at all.
    /// </summary>
    private static long ticket;

    private static int pending;
    private static delegate*<void*, int, int, void> work;
    private static void* job;
    private static Exception? failure;

    /// <summary>Parts that ran on a worker rather than on the calling thread, since the process started: for tests.</summary>
    internal static long WorkerParts;

    /// <summary>
    /// How many parts to split <paramref name="blocks"/> independent blocks of work into, <paramref name="work"/>
    /// multiply-adds in all: at most <see cref="Parallelism.MaxThreads"/>, and none smaller than <see cref="MinimumWorkPerPart"/>.
    /// </summary>
    public static int Parts(long work, int blocks)
    {
        int threads = Parallelism.MaxThreads;
        if (threads <= 1 || blocks <= 1 || work < 2 * MinimumWorkPerPart)
        {
            return 1;
        }

        return (int)Math.Min(Math.Min(Math.Min(threads, blocks), work / MinimumWorkPerPart), MaximumParts);
    }

    /// <summary>
    /// Part <paramref name="part"/> of <paramref name="parts"/> of <paramref name="count"/> items taken in blocks of
    /// <paramref name="granularity"/>: every boundary but the end falls on a whole block, so a kernel's blocking (which
    /// items it computes together) is the same as in one part, and the last part takes the remainder.
    /// </summary>
    public static (int Start, int End) Range(int part, int parts, int count, int granularity)
    {
        int blocks = (count + granularity - 1) / granularity;
        int start = (int)((long)part * blocks / parts) * granularity;
        int end = (int)((long)(part + 1) * blocks / parts) * granularity;
        return (Math.Min(start, count), Math.Min(end, count));
    }

    /// <summary>
    /// Runs <c>body(state, part, parts)</c> for every part and returns when all are done. The calling thread runs part 0
    /// and then takes any part no worker has claimed, so a worker that is slow to wake costs nothing: it finds every part taken.
    /// </summary>
    public static void Run(delegate*<void*, int, int, void> body, void* state, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (int part = 0; part < parts; part++)
            {
                body(state, part, parts);
            }

            return;
        }

        try
        {
            Worker[] team = Workers(parts - 1);
            int generation = ++lastGeneration;
            work = body;
            job = state;
            failure = null;
            Volatile.Write(ref pending, parts);

            // Part 0 is the caller's, never claimed by a worker: the kernels split the same data the same way call after
            // call, so the caller's share stays in its core's cache from one call to the next (a worker that won part 0
            // moved it over, and the caller then pulled it back: N2's training step ran slower on two cores than on one).
            Interlocked.Exchange(ref ticket, ((long)generation << 32) | ((long)parts << 16) | 1); // a full fence: the fields first
            for (int i = 0; i < parts - 1; i++)
            {
                team[i].Wake();
            }

            RunPart(0, parts, isWorker: false);
            RunParts(generation, isWorker: false);

            // Even when a part failed, the workers read the caller's stack and spans: wait for them before leaving.
            var spinner = default(SpinWait);
            while (Volatile.Read(ref pending) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }

            if (failure is { } thrown)
            {
                failure = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown);
            }
        }
        finally
        {
            Volatile.Write(ref busy, 0);
        }
    }

    /// <summary>Claims and runs parts of job <paramref name="generation"/> until none is left.</summary>
    private static void RunParts(int generation, bool isWorker)
    {
        while (true)
        {
            long current = Volatile.Read(ref ticket);
            int parts = (int)(current >> 16) & 0xFFFF, next = (int)current & 0xFFFF;
            if ((int)(current >> 32) != generation || next >= parts)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref ticket, current + 1, current) != current)
            {
                continue;
            }

            // Claimed: the job cannot end before this part does, so its fields stay this job's until then.
            RunPart(next, parts, isWorker);
        }
    }

    private static void RunPart(int part, int parts, bool isWorker)
    {
        try
        {
            work(job, part, parts);
        }
        catch (Exception thrown)
        {
            Interlocked.CompareExchange(ref failure, thrown, null);
        }

        if (isWorker)
        {
            Interlocked.Increment(ref WorkerParts);
        }

        Interlocked.Decrement(ref pending);
    }

    /// <summary>
    /// At least <paramref name="count"/> running workers, started on first need and again after <see cref="StopAll"/>. The
    /// first start subscribes to the unloading of this assembly's load context, if that context is collectible.
    /// </summary>
    private static Worker[] Workers(int count)
    {
        Worker[] team = workers;
        if (team.Length >= count && AllRunning(team, count))
        {
            return team;
        }

        lock (Growing)
        {
            if (!watchingUnload)
            {
                watchingUnload = true;
                StopOnUnload();
            }

            var grown = new Worker[Math.Max(count, workers.Length)];
            for (int i = 0; i < grown.Length; i++)
            {
                grown[i] = i < workers.Length && !workers[i].Stopped ? workers[i] : new Worker(i + 1);
            }

            workers = grown;
            return grown;
        }
    }

    private static bool AllRunning(Worker[] team, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (team[i].Stopped)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A collectible load context (a game engine's editor or a plugin host reloading an assembly) cannot be collected
    /// while a thread runs its code: when this assembly's context starts unloading, the workers end. (netstandard2.1 has
    /// no load contexts: Unity reloads its domain, which ends the threads; <see cref="Parallelism.StopWorkers"/> too.)
    /// </summary>
    private static void StopOnUnload()
    {
#if NET8_0_OR_GREATER
        if (AssemblyLoadContext.GetLoadContext(typeof(WorkerPool).Assembly) is { IsCollectible: true } context)
        {
            context.Unloading += _ => StopAll();
        }
#endif
    }

    /// <summary>
    /// Ends every worker thread and waits (a second at most each) for them to finish: a worker in the middle of a part
    /// finishes it first. A later call that splits its work starts new workers.
    /// </summary>
    internal static void StopAll()
    {
        Worker[] team;
        lock (Growing)
        {
            team = workers;
            foreach (Worker worker in team)
            {
                worker.Stop();
            }
        }

        foreach (Worker worker in team)
        {
            worker.Join(TimeSpan.FromSeconds(1));
        }
    }

    private sealed class Worker
    {
        private const int Spinning = 0, Asleep = 1, Ended = 2;

        private readonly SemaphoreSlim wake = new(0);
        private readonly Thread thread;
        private int condition;

        /// <summary>The last generation this worker saw: read on the creating thread, before the job it is made for is published.</summary>
        private int seen = (int)(Volatile.Read(ref ticket) >> 32);

        public Worker(int index)
        {
            thread = new Thread(Loop) { IsBackground = true, Name = $"StaticNet worker {index}" };
            thread.Start();
        }

        /// <summary>Whether the worker has been told to end: it takes no more parts.</summary>
        public bool Stopped => Volatile.Read(ref condition) == Ended;

        /// <summary>Wakes the worker if it sleeps; a spinning worker sees the new job by itself, an ended one never does.</summary>
        public void Wake()
        {
            if (Interlocked.CompareExchange(ref condition, Spinning, Asleep) == Asleep)
            {
                wake.Release();
            }
        }

        /// <summary>Tells the worker to end once it has no part to finish.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref condition, Ended) == Asleep)
            {
                wake.Release();
            }
        }

        /// <summary>Waits for the worker's thread to end, unless it is the calling thread.</summary>
        public void Join(TimeSpan timeout)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join(timeout);
            }
        }

        private void Loop()
        {
            while (NextGeneration(seen) is int generation)
            {
                seen = generation;
                RunParts(seen, isWorker: true);
            }
        }

        /// <summary>Waits for a job newer than <paramref name="last"/>, spinning first, then asleep; null once told to end.</summary>
        private int? NextGeneration(int last)
        {
            while (true)
            {
                long spinUntil = Stopwatch.GetTimestamp() + SpinTicks;
                do
                {
                    if (Stopped)
                    {
                        return null;
                    }

                    int current = (int)(Volatile.Read(ref ticket) >> 32);
                    if (current != last)
                    {
                        return current;
                    }

                    Thread.SpinWait(1);
                }
                while (Stopwatch.GetTimestamp() < spinUntil);

                if (Interlocked.CompareExchange(ref condition, Asleep, Spinning) != Spinning)
                {
                    return null; // told to end
                }

                if ((int)(Volatile.Read(ref ticket) >> 32) != last && Interlocked.CompareExchange(ref condition, Spinning, Asleep) == Asleep)
                {
                    continue; // a job came in before its caller saw this worker asleep: no release is coming
                }

                wake.Wait(); // released by the caller that found this worker asleep, or by Stop
            }
        }
    }
}
