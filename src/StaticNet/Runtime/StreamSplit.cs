using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace StaticNet.Runtime;

/// <summary>
/// Runs a network's many-stream step (<c>StepBatch</c>) over several threads: the streams are split into ranges of whole
/// blocks of lanes, and each range runs the code it would run on one thread. Streams are independent, so every stream's
/// state and output are the same on any number of threads.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static unsafe class StreamSplit
{
    /// <summary>Advances the streams in <paramref name="states"/> by their steps in <paramref name="inputs"/>, writing their outputs.</summary>
    public delegate void Streams(ReadOnlySpan<float> parameters, Span<float> states, ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// <paramref name="body"/> over every stream: on the calling thread, or split over up to
    /// <see cref="Parallelism.MaxThreads"/> threads when <paramref name="workPerStream"/> multiply-adds per stream make it
    /// pay. The lengths are the caller's, checked.
    /// </summary>
    public static void Run(
        Streams body, ReadOnlySpan<float> parameters, Span<float> states, ReadOnlySpan<float> inputs, Span<float> outputs,
        int stateSize, int inputSize, int outputSize, long workPerStream)
    {
        int streams = inputs.Length / inputSize;
        int parts = WorkerPool.Parts(streams * Math.Max(workPerStream, 1), streams / StreamLanes.Count);
        if (parts <= 1)
        {
            body(parameters, states, inputs, outputs);
            return;
        }

        fixed (float* p = parameters, s = states, x = inputs, y = outputs)
        {
            var job = new Job(body, p, parameters.Length, s, x, y, stateSize, inputSize, outputSize, streams);
            WorkerPool.Run(&Part, Unsafe.AsPointer(ref job), parts);
        }
    }

    private static void Part(void* state, int part, int parts)
    {
        ref Job job = ref Unsafe.AsRef<Job>(state);
        (int start, int end) = WorkerPool.Range(part, parts, job.Count, StreamLanes.Count);
        job.Body(
            new ReadOnlySpan<float>(job.Parameters, job.ParameterCount),
            new Span<float>(job.States + ((long)start * job.StateSize), (end - start) * job.StateSize),
            new ReadOnlySpan<float>(job.Inputs + ((long)start * job.InputSize), (end - start) * job.InputSize),
            new Span<float>(job.Outputs + ((long)start * job.OutputSize), (end - start) * job.OutputSize));
    }

    /// <summary>A split set of streams, on the caller's stack while its parts run; the spans are pinned.</summary>
    private readonly struct Job(
        Streams body, float* parameters, int parameterCount, float* states, float* inputs, float* outputs, int stateSize, int inputSize, int outputSize, int count)
    {
        public readonly Streams Body = body;
        public readonly float* Parameters = parameters, States = states, Inputs = inputs, Outputs = outputs;
        public readonly int ParameterCount = parameterCount, StateSize = stateSize, InputSize = inputSize, OutputSize = outputSize, Count = count;
    }
}
