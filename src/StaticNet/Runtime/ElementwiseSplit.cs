using System;

namespace StaticNet.Runtime;

/// <summary>
/// An element-wise kernel over a batch's activations, split into ranges over threads when the spans are large (a
/// convolution's batch: hundreds of thousands of values). Each part then works on the samples whose values the
/// batch convolution split the same way already wrote on its core, instead of one core pulling them all over.
/// </summary>
internal static unsafe class ElementwiseSplit
{
    /// <summary>Values per block of a split.</summary>
    private const int Block = 1024;

    /// <summary>
    /// What one value weighs against a multiply-add when deciding to split. Not its arithmetic: what a split saves is
    /// moving the value between cores. Weighed as one, N4's ReLU stayed on one thread below 32 samples while the
    /// convolution before it split, and its training step ran 20-30% slower on two cores than on one at 4 to 16.
    /// </summary>
    internal const int WorkPerValue = 8;

    /// <summary>
    /// <c>kernel(first, second, result)</c> over the whole spans, or over matching ranges of them in parts. The kernel
    /// computes each value from the same position of its inputs, so a split changes nothing. The lengths are the caller's, checked.
    /// </summary>
    public static void Run(
        delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, void> kernel, ReadOnlySpan<float> first, ReadOnlySpan<float> second, Span<float> result)
    {
        int parts = Parts(result.Length);
        if (parts == 1)
        {
            kernel(first, second, result);
            return;
        }

        fixed (float* a = first, b = second, y = result)
        {
            var job = new Job(kernel, a, b, y, result.Length);
            WorkerPool.Run(&Part, &job, parts);
        }
    }

    /// <summary>
    /// Whether spans of <paramref name="length"/> values are split: callers test it first, so that the one-sample
    /// <c>Forward</c> calls their kernel directly rather than through a function pointer.
    /// </summary>
    public static bool Splits(int length) => Parts(length) > 1;

    private static int Parts(int length) => WorkerPool.Parts((long)length * WorkPerValue, (length + Block - 1) / Block);

    private static void Part(void* state, int part, int parts)
    {
        ref Job job = ref *(Job*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.Length, Block);
        job.Kernel(
            new ReadOnlySpan<float>(job.First + start, end - start), new ReadOnlySpan<float>(job.Second + start, end - start),
            new Span<float>(job.Result + start, end - start));
    }

    private readonly struct Job(delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, void> kernel, float* first, float* second, float* result, int length)
    {
        public readonly delegate*<ReadOnlySpan<float>, ReadOnlySpan<float>, Span<float>, void> Kernel = kernel;
        public readonly float* First = first, Second = second, Result = result;
        public readonly int Length = length;
    }
}
