using System;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>A convolutional network whose scratch (over 512 floats) and zero-padded input copies live in per-thread buffers.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class ThreadedCnn { }

/// <summary>
/// Forward keeps no shared mutable state: many threads running it at once on one parameter span get, bit for bit,
/// what one thread gets. The kernels' per-thread buffers (scratch, padded copies) are what this guards.
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
public class ConcurrencyTests
{
    private const int Threads = 8;
    private const int CallsPerThread = 300;
    private const int Samples = 32;

    [Fact]
    public void Concurrent_Forward_calls_on_shared_parameters_give_the_single_threaded_results()
    {
        var cnnParameters = new float[ThreadedCnn.ParameterCount];
        ThreadedCnn.Initialize(cnnParameters, seed: 3);
        float[] tanhParameters = RandomData.Uniform(new Random(4), TinyTanhNet.ParameterCount, 0.5);

        AssertConcurrentForwardIsDeterministic(ThreadedCnn.InputSize, ThreadedCnn.OutputSize, (input, output) => ThreadedCnn.Forward(cnnParameters, input, output));
        AssertConcurrentForwardIsDeterministic(TinyTanhNet.InputSize, TinyTanhNet.OutputSize, (input, output) => TinyTanhNet.Forward(tanhParameters, input, output));
    }

    private delegate void Forward(ReadOnlySpan<float> input, Span<float> output);

    private static void AssertConcurrentForwardIsDeterministic(int inputSize, int outputSize, Forward forward)
    {
        float[] inputs = RandomData.Uniform(new Random(5), Samples * inputSize, 1.0);
        var expected = new float[Samples * outputSize];
        for (int sample = 0; sample < Samples; sample++)
        {
            forward(inputs.AsSpan(sample * inputSize, inputSize), expected.AsSpan(sample * outputSize, outputSize));
        }

        int mismatches = 0;
        Exception? failure = null;
        using var start = new Barrier(Threads);
        Thread[] threads = Enumerable.Range(0, Threads).Select(index => new Thread(() =>
        {
            try
            {
                var output = new float[outputSize];
                start.SignalAndWait();
                for (int call = 0; call < CallsPerThread; call++)
                {
                    int sample = ((call * 7) + index) % Samples;
                    forward(inputs.AsSpan(sample * inputSize, inputSize), output);
                    if (!output.AsSpan().SequenceEqual(expected.AsSpan(sample * outputSize, outputSize)))
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        })).ToArray();
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        Assert.Null(failure);
        Assert.Equal(0, mismatches);
    }
}
