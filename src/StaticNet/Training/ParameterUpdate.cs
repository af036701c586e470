using System;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Runtime;

namespace StaticNet.Training;

/// <summary>One optimizer's update rule for a vector of parameters at a given offset.</summary>
internal interface IParameterUpdate
{
    /// <summary>Updates <paramref name="parameter"/> from its gradient; state lives at <paramref name="offset"/>.</summary>
    void Apply(ref Vector<float> parameter, Vector<float> gradient, int offset);
}

/// <summary>
/// Runs an update rule over all parameters with SIMD. Each rule is written once, as vector code: the
/// last partial vector is padded with zeros on the stack, and optimizer state is allocated rounded up
/// to whole vectors, so no scalar copy of any rule exists to drift from it.
/// </summary>
internal static class ParameterUpdate
{
    public static int PaddedLength(int count) => (count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    /// <summary>
    /// Applies <paramref name="update"/> to every parameter. Large parameter sets are split into ranges of whole
    /// <see cref="Chunk"/>s over <see cref="Parallelism.MaxThreads"/> threads: each parameter's update is the same
    /// whichever thread applies it, and a large network's parameters and optimizer state then stream from two caches.
    /// </summary>
    public static unsafe void Run<TUpdate>(Span<float> parameters, ReadOnlySpan<float> gradients, ref TUpdate update)
        where TUpdate : struct, IParameterUpdate
    {
        // Range reads the gradients through unchecked references.
        SpanGuard.Length(gradients.Length, parameters.Length, nameof(gradients));
        int parts = Parts(parameters.Length);
        if (parts == 1)
        {
            Range(parameters, gradients, ref update, 0);
            return;
        }

        fixed (float* p = parameters, g = gradients)
        {
            var job = new Job(p, g, parameters.Length, Unsafe.AsPointer(ref update));
            WorkerPool.Run(&Part<TUpdate>, &job, parts);
        }
    }

    /// <summary>
    /// Whether every value is finite, checked in the same ranges, on as many threads, as <see cref="Run"/> updates them:
    /// the trainer's checks before and after a step then read each range on the core that updates it.
    /// </summary>
    public static unsafe bool AllFinite(ReadOnlySpan<float> values)
    {
        int parts = Parts(values.Length);
        if (parts == 1)
        {
            return float.IsFinite(TensorPrimitives.MaxMagnitude(values));
        }

        int notFinite = 0;
        fixed (float* v = values)
        {
            var job = new ValuesJob(v, values.Length, &notFinite);
            WorkerPool.Run(&CheckPart, &job, parts);
        }

        return notFinite == 0;
    }

    /// <summary>
    /// Sets every value to zero in the ranges, and on as many threads, that <see cref="Run"/> updates them: a gradient
    /// cleared by one thread would move every value written by another core's part of the last step back to it.
    /// </summary>
    public static unsafe void Clear(Span<float> values)
    {
        int parts = Parts(values.Length);
        if (parts == 1)
        {
            values.Clear();
            return;
        }

        fixed (float* v = values)
        {
            var job = new ValuesJob(v, values.Length, null);
            WorkerPool.Run(&ClearPart, &job, parts);
        }
    }

    private static unsafe void ClearPart(void* state, int part, int parts)
    {
        ref ValuesJob job = ref *(ValuesJob*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.Length, Chunk);
        new Span<float>(job.Values + start, end - start).Clear();
    }

    private static unsafe void CheckPart(void* state, int part, int parts)
    {
        ref ValuesJob job = ref *(ValuesJob*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.Length, Chunk);
        if (!float.IsFinite(TensorPrimitives.MaxMagnitude(new ReadOnlySpan<float>(job.Values + start, end - start))))
        {
            *job.NotFinite = 1; // read after every part has finished
        }
    }

    /// <summary>How many parts <see cref="Run"/>, <see cref="AllFinite"/> and <see cref="Clear"/> split <paramref name="length"/> values into: the same ranges for all three.</summary>
    private static int Parts(int length) => WorkerPool.Parts((long)length * WorkPerParameter, (length + Chunk - 1) / Chunk);

    /// <summary>Parameters per block of a split: 4 KB of each array.</summary>
    private const int Chunk = 1024;

    /// <summary>What one parameter's update weighs against a multiply-add, for <see cref="WorkerPool.Parts"/>: it reads and writes several arrays.</summary>
    private const int WorkPerParameter = 4;

    private static unsafe void Part<TUpdate>(void* state, int part, int parts)
        where TUpdate : struct, IParameterUpdate
    {
        ref Job job = ref *(Job*)state;
        (int start, int end) = WorkerPool.Range(part, parts, job.Length, Chunk);
        Range(
            new Span<float>(job.Parameters + start, end - start), new ReadOnlySpan<float>(job.Gradients + start, end - start),
            ref Unsafe.AsRef<TUpdate>(job.Update), start);
    }

    /// <summary>A split update, handed to its parts: the spans are pinned and the rule is on the caller's stack while they run.</summary>
    private readonly unsafe struct Job(float* parameters, float* gradients, int length, void* update)
    {
        public readonly float* Parameters = parameters, Gradients = gradients;
        public readonly int Length = length;
        public readonly void* Update = update;
    }

    /// <summary>A split check or clear of pinned values; <see cref="NotFinite"/> (the check's flag) is null for a clear.</summary>
    private readonly unsafe struct ValuesJob(float* values, int length, int* notFinite)
    {
        public readonly float* Values = values;
        public readonly int Length = length;
        public readonly int* NotFinite = notFinite;
    }

    /// <summary>The update of the parameters from <paramref name="offset"/> on (a whole number of vectors in).</summary>
    private static void Range<TUpdate>(Span<float> parameters, ReadOnlySpan<float> gradients, ref TUpdate update, int offset)
        where TUpdate : struct, IParameterUpdate
    {
        int width = Vector<float>.Count;
        ref float parameter0 = ref MemoryMarshal.GetReference(parameters);
        ref float gradient0 = ref MemoryMarshal.GetReference(gradients);
        int i = 0;

        // Whole vectors in place through references: the loop is bound by memory, and bounds-checked slices and
        // copies per vector took a third of its time.
        for (; i <= parameters.Length - width; i += width)
        {
            ref Vector<float> parameter = ref Unsafe.As<float, Vector<float>>(ref Unsafe.Add(ref parameter0, i));
            update.Apply(ref parameter, Unsafe.As<float, Vector<float>>(ref Unsafe.Add(ref gradient0, i)), offset + i);
        }

        int rest = parameters.Length - i;
        if (rest > 0)
        {
            Span<float> parameterTail = stackalloc float[width];
            Span<float> gradientTail = stackalloc float[width];
            parameterTail.Clear();
            gradientTail.Clear();
            parameters.Slice(i).CopyTo(parameterTail);
            gradients.Slice(i).CopyTo(gradientTail);
            var parameter = new Vector<float>(parameterTail);
            update.Apply(ref parameter, new Vector<float>(gradientTail), offset + i);
            parameter.CopyTo(parameterTail);
            parameterTail.Slice(0, rest).CopyTo(parameters.Slice(i));
        }
    }

    /// <summary>The vector of optimizer state at <paramref name="offset"/>, by reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref Vector<float> State(float[] state, int offset) =>
        ref MemoryMarshal.Cast<float, Vector<float>>(state.AsSpan(offset, Vector<float>.Count))[0];

    /// <summary>-1, 0 or 1 per element, as PyTorch's <c>sign</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> Sign(Vector<float> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
        - Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
}
