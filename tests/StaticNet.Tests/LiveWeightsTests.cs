using System;
using System.Threading;
using System.Threading.Tasks;
using StaticNet.Benchmarks;
using Xunit;

namespace StaticNet.Tests;

public class LiveWeightsTests
{
    /// <summary>Set <c>v</c> holds <c>v</c> everywhere, so a reader sees at once whether it got one set whole.</summary>
    private static float[] Set(long version, int length) => Array.ConvertAll(new float[length], _ => (float)version);

    [Fact]
    [Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)] // a concurrency stress of the same code on either build
    public async Task Readers_never_see_a_mix_of_two_sets_while_a_writer_publishes()
    {
        const int length = 1024;
        const int reads = 2_000_000;
        const int swaps = 5_000;
        var live = new LiveWeights(Set(1, length));
        long torn = 0, readsDone = 0;
        using var readersDone = new CountdownEvent(2);

        Task Reader() => Task.Run(() =>
        {
            for (int i = 0; i < reads / 2; i++)
            {
                using LiveWeights.Lease weights = live.Read();
                if (weights.Span.IndexOfAnyExcept((float)weights.Version) >= 0)
                {
                    Interlocked.Increment(ref torn);
                }
            }

            Interlocked.Add(ref readsDone, reads / 2);
            readersDone.Signal();
        });

        Task writer = Task.Run(() =>
        {
            var next = new float[length];
            while (!readersDone.IsSet || live.Version < swaps)
            {
                next.AsSpan().Fill(live.Version + 1);
                live.Publish(next);
            }
        });

        await Task.WhenAll(Reader(), Reader(), writer);

        Assert.Equal(0, torn);
        Assert.Equal(reads, readsDone);
        Assert.True(live.Version >= swaps, $"{live.Version} sets published");
        Assert.True(live.BufferCount <= 4, $"{live.BufferCount} buffers for two readers");
    }

    [Fact]
    public void A_held_lease_keeps_its_set_while_newer_ones_are_published()
    {
        var live = new LiveWeights(Set(1, 64));
        using (LiveWeights.Lease held = live.Read())
        {
            for (long version = 2; version <= 11; version++)
            {
                live.Publish(Set(version, 64));
            }

            Assert.Equal(1, held.Version);
            Assert.True(held.Span.IndexOfAnyExcept(1f) < 0);
            using LiveWeights.Lease latest = live.Read();
            Assert.Equal(11, latest.Version);
            Assert.True(latest.Span.IndexOfAnyExcept(11f) < 0);
        }

        Assert.Equal(11, live.Version);
        Assert.True(live.BufferCount <= 3, $"{live.BufferCount} buffers for one held lease");
    }

    [Fact]
    public void A_packing_live_set_holds_PackParameters_copy_for_the_packed_calls()
    {
        var first = new float[N3.ParameterCount];
        var second = new float[N3.ParameterCount];
        N3.Initialize(first, seed: 1);
        N3.Initialize(second, seed: 2);
        var live = new LiveWeights(first, N3.PackParameters);
        live.Publish(second);

        var packed = new float[N3.ParameterCount];
        N3.PackParameters(second, packed);
        using LiveWeights.Lease weights = live.Read();
        Assert.Equal(packed, weights.Span.ToArray());
        var output = new float[N3.OutputSize];
        var expected = new float[N3.OutputSize];
        N3.ForwardPacked(weights.Span, new float[N3.InputSize], output);
        N3.ForwardPacked(packed, new float[N3.InputSize], expected);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Reading_allocates_nothing()
    {
        var live = new LiveWeights(Set(1, 256));
        float sum = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            using LiveWeights.Lease weights = live.Read();
            sum += weights.Span[i % 256];
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000f, sum);
    }

    [Fact]
    public void A_set_of_the_wrong_length_or_with_a_NaN_is_refused_and_the_current_one_stays()
    {
        var live = new LiveWeights(Set(1, 4));

        ArgumentException wrongLength = Assert.Throws<ArgumentException>(() => live.Publish(new float[3]));
        ArgumentException notFinite = Assert.Throws<ArgumentException>(() => live.Publish([1f, 2f, float.NaN, 4f]));
        Assert.Throws<ArgumentException>(() => live.Publish([1f, float.PositiveInfinity, 3f, 4f]));
        Assert.Throws<ArgumentException>(() => new LiveWeights([]));
        Assert.Throws<ArgumentException>(() => new LiveWeights([float.NaN]));

        Assert.Contains("Expected 4 parameters, got 3", wrongLength.Message);
        Assert.Contains("Parameter 2 is NaN", notFinite.Message);
        Assert.Equal(1, live.Version);
        using LiveWeights.Lease weights = live.Read();
        Assert.Equal(new[] { 1f, 1f, 1f, 1f }, weights.Span.ToArray());
    }
}
