using System;
using System.Runtime.InteropServices;
using System.Threading;
using StaticNet.Runtime;
using Xunit;

namespace StaticNet.Tests;

[Network]
[Input(1)]
[Dense(8)]
public partial class WideningNet { }

/// <summary>Batches too large for an array, and per-thread scratch that must not keep a huge batch's memory forever.</summary>
public class ScratchAndBatchLimitTests
{
    [Fact]
    public void A_batch_whose_output_length_overflows_int_is_an_argument_error_naming_the_span()
    {
        // 300 million one-value inputs (1.2 GB of address space, never touched) ask for 2.4 billion outputs.
        const int Samples = 300_000_000;
        unsafe
        {
            void* memory = NativeMemory.Alloc((nuint)Samples * sizeof(float));
            try
            {
                var inputs = new ReadOnlySpan<float>(memory, Samples);
                var parameters = new float[WideningNet.ParameterCount];

                ArgumentException forward = Assert.Throws<ArgumentException>(() => WideningNet.ForwardBatch(parameters, new ReadOnlySpan<float>(memory, Samples), new float[8]));
                ArgumentException backward = Assert.Throws<ArgumentException>(() => WideningNet.BackwardBatch(
                    parameters, new ReadOnlySpan<float>(memory, Samples), new float[8], new float[WideningNet.ParameterCount], []));

                Assert.Equal("outputs", forward.ParamName);
                Assert.Contains("must have length 2400000000 (300000000 samples of 8)", forward.Message);
                Assert.Equal("targets", backward.ParamName);
                Assert.Equal(Samples, inputs.Length);
            }
            finally
            {
                NativeMemory.Free(memory);
            }
        }
    }

    [Fact]
    public void Scratch_for_a_batch_larger_than_an_array_is_an_argument_error_with_the_largest_batch_that_fits()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => ThreadScratch.ForBatch(1 << 30, 4, 16, "inputs"));

        Assert.Equal("inputs", error.ParamName);
        Assert.Contains($"pass at most {(Array.MaxLength - 16) / 4} samples per call", error.Message);
    }

    [Fact]
    public void The_outer_batch_buffer_is_apart_from_the_scratch_single_sample_code_takes()
    {
        Span<float> outer = ThreadScratch.ForBatchOuter(64, 1352, "inputs");
        outer.Fill(1f);
        ThreadScratch.Get(64 * 1352).Fill(2f);

        Assert.Equal(64 * 1352, outer.Length);
        Assert.True(outer.IndexOfAnyExcept(1f) < 0, "the single-sample scratch overwrote the batch's values");
        ArgumentException error = Assert.Throws<ArgumentException>(() => ThreadScratch.ForBatchOuter(1 << 30, 4, "inputs"));
        Assert.Contains($"pass at most {Array.MaxLength / 4} samples per call", error.Message);
    }

    [Fact]
    public void A_thread_keeps_small_scratch_but_not_a_huge_batch_and_can_release_it()
    {
        long allocatedForSmall = 0, allocatedAgain = 0, allocatedAfterHuge = 0, allocatedAfterRelease = 0;
        var thread = new Thread(() =>
        {
            allocatedForSmall = Measure(() => ThreadScratch.Get(1000));
            allocatedAgain = Measure(() => ThreadScratch.Get(1000));
            ThreadScratch.Get(ThreadScratch.DefaultRetainedLimit + 1)[0] = 1f; // served, but not kept
            allocatedAfterHuge = Measure(() => ThreadScratch.Get(1000));
            ThreadScratch.Release();
            allocatedAfterRelease = Measure(() => ThreadScratch.Get(1000));
        });
        thread.Start();
        thread.Join();

        Assert.True(allocatedForSmall >= 4000, $"first use allocates the buffer ({allocatedForSmall} B)");
        Assert.Equal(0, allocatedAgain);
        Assert.Equal(0, allocatedAfterHuge); // the 1,000-float buffer is still the kept one
        Assert.True(allocatedAfterRelease >= 4000, $"after Release the buffer is allocated again ({allocatedAfterRelease} B)");
    }

    private static long Measure(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
