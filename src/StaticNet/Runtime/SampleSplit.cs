using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace StaticNet.Runtime;

/// <summary>
/// Runs a network's single-sample code over a large batch on several threads: the batch is split into ranges of
/// whole samples, and each range runs the same code it would run on one thread, so every output is the same.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static unsafe class SampleSplit
{
    /// <summary>Runs the network on the samples in <paramref name="inputs"/>, writing theirs to <paramref name="outputs"/>.</summary>
    public delegate void Samples(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// <paramref name="body"/> over the whole batch: on the calling thread, or split over up to
    /// <see cref="Parallelism.MaxThreads"/> threads when <paramref name="workPerSample"/> multiply-adds per sample make it pay.
    /// The lengths are the caller's, checked.
    /// </summary>
    public static void Run(
        Samples body, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, Span<float> outputs, int inputSize, int outputSize, long workPerSample)
    {
        int batch = inputs.Length / inputSize;
        int parts = WorkerPool.Parts(batch * Math.Max(workPerSample, 1), batch);
        if (parts == 1)
        {
            body(parameters, inputs, outputs);
            return;
        }

        fixed (float* p = parameters, x = inputs, y = outputs)
        {
            var job = new Job(body, p, parameters.Length, x, y, inputSize, outputSize, batch);
            WorkerPool.Run(&Part, Unsafe.AsPointer(ref job), parts);
        }
    }

    private static void Part(void* state, int part, int parts)
    {
        ref Job job = ref Unsafe.AsRef<Job>(state);
        (int start, int end) = WorkerPool.Range(part, parts, job.Batch, 1);
        job.Body(
            new ReadOnlySpan<float>(job.Parameters, job.ParameterCount),
            new ReadOnlySpan<float>(job.Inputs + ((long)start * job.InputSize), (end - start) * job.InputSize),
            new Span<float>(job.Outputs + ((long)start * job.OutputSize), (end - start) * job.OutputSize));
    }

    /// <summary>A split batch, on the caller's stack while its parts run; the spans are pinned.</summary>
    private readonly struct Job(Samples body, float* parameters, int parameterCount, float* inputs, float* outputs, int inputSize, int outputSize, int batch)
    {
        public readonly Samples Body = body;
        public readonly float* Parameters = parameters, Inputs = inputs, Outputs = outputs;
        public readonly int ParameterCount = parameterCount, InputSize = inputSize, OutputSize = outputSize, Batch = batch;
    }
}
