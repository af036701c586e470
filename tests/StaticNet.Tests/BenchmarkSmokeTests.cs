using System;
using System.Linq;
using StaticNet.Benchmarks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The StaticNet rows of tests/StaticNet.Benchmarks, a few iterations each as a smoke test, never timed: the same
/// networks (its Networks.cs, compiled into this project) through the same calls, on one thread and on all cores. Each
/// scenario must run without allocating, agree with the one-sample path, and leave finite values. (The benchmark
/// project itself, with its ONNX Runtime and TorchSharp peers, is not in the solution: libtorch alone is about 1 GB.)
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
[Collection(nameof(ThreadSettings))]
public class BenchmarkSmokeTests
{
    private const int Iterations = 3;

    [Fact]
    public void Inference_rows_run_and_the_packed_forms_agree()
    {
        Check(N1.ParameterCount, N1.InputSize, N1.OutputSize, N1.Initialize, N1.Forward, N1.ForwardBatch, N1.PackParameters, N1.ForwardPacked, N1.ForwardBatchPacked);
        Check(N2.ParameterCount, N2.InputSize, N2.OutputSize, N2.Initialize, N2.Forward, N2.ForwardBatch, N2.PackParameters, N2.ForwardPacked, N2.ForwardBatchPacked);
        Check(N3.ParameterCount, N3.InputSize, N3.OutputSize, N3.Initialize, N3.Forward, N3.ForwardBatch, N3.PackParameters, N3.ForwardPacked, N3.ForwardBatchPacked);
        Check(N4.ParameterCount, N4.InputSize, N4.OutputSize, N4.Initialize, N4.Forward, N4.ForwardBatch);
    }

    [Fact]
    public void Training_step_rows_run_on_one_thread_and_on_all_cores_with_the_same_result()
    {
        Train(N1.ParameterCount, N1.InputSize, N1.OutputSize, N1.Initialize, N1.BackwardBatch);
        Train(N2.ParameterCount, N2.InputSize, N2.OutputSize, N2.Initialize, N2.BackwardBatch);
        Train(N3.ParameterCount, N3.InputSize, N3.OutputSize, N3.Initialize, N3.BackwardBatch);
        Train(N4.ParameterCount, N4.InputSize, N4.OutputSize, N4.Initialize, N4.BackwardBatch);
    }

    [Fact]
    public void Streaming_rows_run_without_allocating_and_StepPacked_agrees_with_Step()
    {
        Stream(S1.ParameterCount, S1.StreamStateCount, S1.Initialize, S1.PackParameters, S1.Step, S1.StepPacked);
        Stream(S2.ParameterCount, S2.StreamStateCount, S2.Initialize, S2.PackParameters, S2.Step, S2.StepPacked);
    }

    private delegate void StepMethod(ReadOnlySpan<float> parameters, Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>A hundred steps of an audio-like signal through <c>Step</c> and <c>StepPacked</c>, as the streaming rows call them.</summary>
    private static void Stream(int parameterCount, int stateCount, Initializer initialize, PackMethod pack, StepMethod step, StepMethod stepPacked)
    {
        var parameters = new float[parameterCount];
        initialize(parameters, 1);
        var packed = new float[parameterCount];
        pack(parameters, packed);
        var state = new float[stateCount];
        var packedState = new float[stateCount];
        var input = new float[1];
        var output = new float[1];
        var packedOutput = new float[1];
        int t = 0;
        RunWithoutAllocating(() =>
        {
            for (int i = 0; i < 33; i++, t++)
            {
                input[0] = MathF.Sin(t * 0.3f);
                step(parameters, state, input, output);
                stepPacked(packed, packedState, input, packedOutput);
            }
        });

        Assert.True(float.IsFinite(output[0]));
        Tolerance.Close(output, packedOutput, 1e-4, "StepPacked against Step after a hundred steps");
    }

    private delegate void Initializer(Span<float> parameters, int seed);

    private delegate void ForwardMethod(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output);

    private delegate void PackMethod(ReadOnlySpan<float> parameters, Span<float> packed);

    private delegate float BackwardBatchMethod(ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parameterGradients, Span<float> outputs);

    /// <summary>
    /// Batch 1 (Forward, ForwardPacked) and batch 64 (ForwardBatch, one thread and all cores; ForwardBatchPacked), as the
    /// benchmark rows call them.
    /// </summary>
    private static void Check(
        int parameterCount, int inputSize, int outputSize, Initializer initialize, ForwardMethod forward, ForwardMethod forwardBatch,
        PackMethod? pack = null, ForwardMethod? forwardPacked = null, ForwardMethod? forwardBatchPacked = null)
    {
        const int Batch = 64;
        var parameters = new float[parameterCount];
        initialize(parameters, 1);
        var random = new Random(1);
        float[] inputs = Enumerable.Range(0, Batch * inputSize).Select(_ => (float)random.NextDouble()).ToArray();
        var single = new float[outputSize];
        var batchOutputs = new float[Batch * outputSize];
        float[] packed = pack is null ? [] : new float[parameterCount];
        pack?.Invoke(parameters, packed);
        var packedOutput = new float[outputSize];
        var packedBatchOutputs = new float[Batch * outputSize];

        RunWithoutAllocating(() =>
        {
            forward(parameters, inputs.AsSpan(0, inputSize), single);
            forwardPacked?.Invoke(packed, inputs.AsSpan(0, inputSize), packedOutput);
            Parallelism.MaxThreads = 1;
            forwardBatch(parameters, inputs, batchOutputs);
            Parallelism.MaxThreads = Environment.ProcessorCount;
            forwardBatch(parameters, inputs, batchOutputs);
            forwardBatchPacked?.Invoke(packed, inputs, packedBatchOutputs);
        });

        Assert.True(single.All(float.IsFinite) && batchOutputs.All(float.IsFinite));
        Tolerance.Close(single, batchOutputs.AsSpan(0, outputSize), 1e-5, "ForwardBatch's first sample against Forward");
        if (forwardPacked is not null)
        {
            Tolerance.Close(single, packedOutput, 1e-5, "ForwardPacked against Forward");
        }

        if (forwardBatchPacked is not null)
        {
            Tolerance.Close(batchOutputs, packedBatchOutputs, 1e-5, "ForwardBatchPacked against ForwardBatch");
        }
    }

    /// <summary>BackwardBatch then an SGD step on a batch of 32, one thread and all cores: the same gradients to the bit.</summary>
    private static void Train(int parameterCount, int inputSize, int outputSize, Initializer initialize, BackwardBatchMethod backwardBatch)
    {
        const int Batch = 32;
        var random = new Random(2);
        float[] inputs = Enumerable.Range(0, Batch * inputSize).Select(_ => (float)random.NextDouble()).ToArray();
        var targets = new float[Batch * outputSize];
        for (int sample = 0; sample < Batch; sample++)
        {
            targets[(sample * outputSize) + (sample % outputSize)] = 1f;
        }

        // A fresh start: parameters, and the training step that moves them.
        (Action Step, float[] Parameters) Start()
        {
            var parameters = new float[parameterCount];
            initialize(parameters, 1);
            var gradients = new float[parameterCount];
            var sgd = new Sgd(parameterCount, learningRate: 0.01f);
            return (() =>
            {
                Array.Clear(gradients);
                backwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
                sgd.Step(parameters, gradients);
            }, parameters);
        }

        float[] Step(int threads)
        {
            Parallelism.MaxThreads = threads;
            try
            {
                // How many steps the allocation check takes depends on timing, so the compared parameters come from a
                // second start and a fixed number of steps.
                RunWithoutAllocating(Start().Step);
                (Action step, float[] parameters) = Start();
                for (int i = 0; i < Iterations; i++)
                {
                    step();
                }

                return parameters;
            }
            finally
            {
                Parallelism.MaxThreads = Environment.ProcessorCount;
            }
        }

        float[] oneThread = Step(1);
        Assert.True(oneThread.All(float.IsFinite));
        Assert.Equal(oneThread, Step(Environment.ProcessorCount));
    }

    /// <summary>
    /// Warms <paramref name="scenario"/> up, then runs it <see cref="Iterations"/> times, allocating nothing. Which parts
    /// of a batch split over the cores this thread runs depends on timing (and on whether another test holds the worker
    /// pool, when it runs them all), so its first run of a part may grow a per-thread buffer in any window: one window of
    /// three must be clean, where an allocation on every call would show in all of them.
    /// </summary>
    private static void RunWithoutAllocating(Action scenario)
    {
        scenario();
        long allocated = 0;
        for (int window = 0; window < 3; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Iterations; i++)
            {
                scenario();
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
        }

        Assert.Fail($"{allocated} bytes allocated over {Iterations} calls in each of three windows.");
    }
}
