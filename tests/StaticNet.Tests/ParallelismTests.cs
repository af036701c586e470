using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Runtime.InteropServices;
using StaticNet.Runtime;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The tests that change the process-wide thread settings run alone: other tests' allocation counts would see workers start.</summary>
[CollectionDefinition(nameof(ThreadSettings), DisableParallelization = true)]
public sealed class ThreadSettings;

/// <summary>
/// Batch methods split over threads give the results of one thread, bit for bit: every kernel split (the minimum work
/// per part lowered to one multiply-add) at two, three and four threads, on every batch test network.
/// </summary>
[Collection(nameof(ThreadSettings))]
public unsafe class ParallelismTests
{
    public static TheoryData<string> Networks => new(BatchNetworks.Deterministic.Concat(BatchNetworks.WithDropout).Concat(BatchNetworks.WithBatchNorm));

    [Theory]
    [MemberData(nameof(Networks))]
    public void Batch_results_are_bit_identical_for_any_thread_count(string name)
    {
        float[] oneThread = WithThreads(1, WorkerPool.DefaultMinimumWorkPerPart, () => BatchResults(name, batch: 29));
        foreach (int threads in new[] { 2, 3, 4 })
        {
            float[] split = WithThreads(threads, 1, () => BatchResults(name, batch: 29));
            AssertSameBits(oneThread, split, $"{name} on {threads} threads");
        }
    }

    [Fact]
    public void Parts_run_on_the_workers() => AssertAPartRunsOnAWorker();

    [Fact]
    public void Stopped_workers_start_again_on_the_next_split_call()
    {
        AssertAPartRunsOnAWorker();
        Parallelism.StopWorkers();
        AssertAPartRunsOnAWorker();
        Parallelism.StopWorkers(); // twice in a row, and with nothing running, is harmless
        Parallelism.StopWorkers();
        AssertAPartRunsOnAWorker();
    }

    private static void AssertAPartRunsOnAWorker()
    {
        INetwork network = new WideNet(seed: 1);
        var random = new Random(2);
        float[] inputs = RandomData.Uniform(random, 16 * WideNet.InputSize, 1.0);
        var outputs = new float[16 * WideNet.OutputSize];
        long before = WorkerPool.WorkerParts;
        var clock = Stopwatch.StartNew();
        WithThreads(2, WorkerPool.DefaultMinimumWorkPerPart, () =>
        {
            // A worker that has gone to sleep (or is still starting) may wake after the caller took every part: try until
            // one lands, for a while.
            while (WorkerPool.WorkerParts == before && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                network.ForwardBatch(inputs, outputs);
            }

            return 0;
        });

        Assert.True(WorkerPool.WorkerParts > before, "No part of a 64 x 3000 layer's batch ran on a worker in 10 seconds.");
    }

    [Fact]
    public void Training_gives_the_same_parameters_on_one_thread_and_on_two()
    {
        float[] Train(int threads) => WithThreads(threads, WorkerPool.DefaultMinimumWorkPerPart, () =>
        {
            var network = new WideNet(seed: 3);
            var random = new Random(4);
            var data = new Dataset(
                RandomData.Uniform(random, 96 * WideNet.InputSize, 1.0), BatchNetworks.Targets(random, network, 96), WideNet.InputSize, WideNet.OutputSize);
            new Trainer(new Adam(WideNet.ParameterCount, 0.001f)) { Epochs = 2, BatchSize = 32, Seed = 5 }.Fit(network, data);
            return network.Parameters;
        });

        AssertSameBits(Train(1), Train(2), "WideNet after two epochs of Adam");
    }

    [Fact]
    public void Split_batches_allocate_nothing_once_warm()
    {
        INetwork network = new ConvPoolNet(seed: 1);
        var random = new Random(6);
        const int Batch = 24;
        float[] inputs = RandomData.Uniform(random, Batch * network.InputSize, 1.0);
        float[] targets = BatchNetworks.Targets(random, network, Batch);
        var outputs = new float[Batch * network.OutputSize];
        var gradients = new float[network.Parameters.Length];
        var dropout = new SeededRandom(7);
        var optimizer = new Adam(network.Parameters.Length);

        long allocated = WithThreads(2, 1, () => Allocations.Measure(() =>
        {
            network.ForwardBatch(inputs, outputs);
            network.BackwardBatch(inputs, targets, gradients, outputs, ref dropout);
            optimizer.Step(network.Parameters, gradients);
        }));

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(10, 1, 4)]
    [InlineData(10, 4, 3)]
    [InlineData(1352, 16, 2)]
    [InlineData(29, 6, 4)]
    [InlineData(3, 4, 2)]
    public void Ranges_cover_the_items_once_and_split_on_whole_blocks(int count, int granularity, int parts)
    {
        int next = 0;
        for (int part = 0; part < parts; part++)
        {
            (int start, int end) = WorkerPool.Range(part, parts, count, granularity);
            Assert.Equal(next, start);
            Assert.True(end >= start);
            Assert.True(end == count || end % granularity == 0, $"part {part} ends at {end}, inside a block of {granularity}");
            next = end;
        }

        Assert.Equal(count, next);
    }

    [Fact]
    public void A_failing_part_is_rethrown_after_every_part_has_finished_and_the_workers_still_work()
    {
        var finished = new int[4];
        using (new ThreadScope(4, 1))
        {
            fixed (int* counts = finished)
            {
                var error = Assert.Throws<InvalidOperationException>(() => RunParts(&FailOnPartTwo, finished, 4));
                Assert.Equal("part 2", error.Message);
                Assert.Equal([1, 1, 0, 1], finished);

                WorkerPool.Run(&Count, counts, 4);
                Assert.Equal([2, 2, 1, 2], finished);
            }
        }
    }

    [Fact]
    public void A_split_call_from_inside_a_part_runs_its_parts_on_its_own_thread()
    {
        var finished = new int[4 * 4];
        using (new ThreadScope(4, 1))
        {
            fixed (int* counts = finished)
            {
                WorkerPool.Run(&Nested, counts, 4);
            }
        }

        Assert.All(finished, count => Assert.Equal(1, count));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2047)]
    [InlineData(4999)]
    public void The_trainers_split_checks_find_a_value_that_is_not_finite_in_any_part_and_clear_every_part(int bad)
    {
        float[] values = RandomData.Uniform(new Random(10), 5000, 1.0);
        using (new ThreadScope(3, 1))
        {
            Assert.True(ParameterUpdate.AllFinite(values));
            values[bad] = float.NaN;
            Assert.False(ParameterUpdate.AllFinite(values));
            values[bad] = float.NegativeInfinity;
            Assert.False(ParameterUpdate.AllFinite(values));
            ParameterUpdate.Clear(values);
        }

        Assert.All(values, value => Assert.Equal(0f, value));
    }

    [Fact]
    public void MaxThreads_refuses_zero()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.MaxThreads = 0);
    }

    private static void FailOnPartTwo(void* state, int part, int parts)
    {
        if (part == 2)
        {
            throw new InvalidOperationException("part 2");
        }

        ((int*)state)[part]++;
    }

    private static void Count(void* state, int part, int parts) => ((int*)state)[part]++;

    private static void Nested(void* state, int part, int parts) => WorkerPool.Run(&Count, (int*)state + (4 * part), 4);

    private static void RunParts(delegate*<void*, int, int, void> body, int[] counts, int parts)
    {
        fixed (int* state = counts)
        {
            WorkerPool.Run(body, state, parts);
        }
    }

    /// <summary>Runs <paramref name="action"/> with the given settings, restoring the defaults after.</summary>
    private static T WithThreads<T>(int threads, long minimumWork, Func<T> action)
    {
        using (new ThreadScope(threads, minimumWork))
        {
            return action();
        }
    }

    /// <summary>ForwardBatch's outputs, BackwardBatch's loss, outputs and gradients, and the network's state after, in one array.</summary>
    private static float[] BatchResults(string name, int batch)
    {
        INetwork network = BatchNetworks.Create(name, seed: 1);
        var random = new Random(8);
        float[] inputs = RandomData.Uniform(random, batch * network.InputSize, 1.0);
        float[] targets = BatchNetworks.Targets(random, network, batch);
        var inference = new float[batch * network.OutputSize];
        var training = new float[batch * network.OutputSize];
        var gradients = new float[network.Parameters.Length];
        var dropout = new SeededRandom(9);
        network.ForwardBatch(inputs, inference);
        float loss = network.BackwardBatch(inputs, targets, gradients, training, ref dropout);
        return [.. inference, loss, .. training, .. gradients, .. network.State];
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        ReadOnlySpan<int> expectedBits = MemoryMarshal.Cast<float, int>(expected), actualBits = MemoryMarshal.Cast<float, int>(actual);
        int first = expectedBits.CommonPrefixLength(actualBits);
        Assert.True(first == expected.Length, $"{what}: value {first} is {(first < actual.Length ? actual[first] : 0)}, not {(first < expected.Length ? expected[first] : 0)}.");
    }
}
