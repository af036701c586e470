using System;
using System.Runtime.InteropServices;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The panel kernels (<see cref="DensePanels"/>): every panel width (one to four 512-bit vectors), whole and narrower last
/// panels, one sample and blocks of four with every short last block, inputs in one slice and in several (131), against a
/// plain double-precision product; the same bits for a sample alone, in a batch, and on any number of threads; and
/// shapes they cannot take refused.
/// </summary>
[Collection(nameof(ThreadSettings))]
public class DensePanelsTests
{
    private static readonly int[] Widths = [16, 32, 48, 64, 80, 112, 128, 144, 208];

    [Fact]
    public void Panels_give_the_plain_product_for_every_width_and_sample_block()
    {
        var random = new Random(21);
        foreach (int outputs in Widths)
        {
            foreach (int inputs in new[] { 1, 5, 16, 131 })
            {
                foreach (int batch in new[] { 1, 2, 5, 6, 7, 12, 13, 64 })
                {
                    (float[] weights, float[] panels, float[] biases) = Layer(random, inputs, outputs);
                    float[] x = RandomData.Uniform(random, batch * inputs, 1.0);
                    var actual = new float[batch * outputs];
                    actual.AsSpan().Fill(float.NaN);
                    DensePanels.ForwardBatch(panels, biases, x, actual);

                    var single = new float[outputs];
                    for (int sample = 0; sample < batch; sample++)
                    {
                        string shape = $"{inputs} -> {outputs}, sample {sample} of {batch}";
                        Tolerance.Close(DenseKernelTests.PlainProduct(weights, biases, x.AsSpan(sample * inputs, inputs)), actual.AsSpan(sample * outputs, outputs), 1e-5, shape);
                        DensePanels.Forward(panels, biases, x.AsSpan(sample * inputs, inputs), single);
                        AssertSameBits(actual.AsSpan(sample * outputs, outputs), single, $"Forward against ForwardBatch, {shape}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Fused_activations_give_the_bits_of_the_product_then_the_activation()
    {
        var random = new Random(22);
        foreach (int outputs in Widths)
        {
            (_, float[] panels, float[] biases) = Layer(random, 37, outputs);
            float[] x = RandomData.Uniform(random, 37, 2.0);
            var sums = new float[outputs];
            DensePanels.Forward(panels, biases, x, sums);
            Check(DensePanels.ForwardReLU, Activations.ReLU, "ReLU");
            Check(DensePanels.ForwardTanh, Activations.Tanh, "tanh");
            Check(DensePanels.ForwardRationalTanh, Activations.RationalTanh, "tanh at inference");
            Check(DensePanels.ForwardSigmoid, Activations.Sigmoid, "sigmoid");

            void Check(Kernel fused, Activation activation, string name)
            {
                var expected = new float[outputs];
                activation(sums, expected);
                var actual = new float[outputs];
                fused(panels, biases, x, actual);
                AssertSameBits(expected, actual, $"{name}, {outputs} outputs");
            }
        }
    }

    [Fact]
    public void A_batch_split_over_threads_gives_the_bits_of_one_thread()
    {
        var random = new Random(23);
        foreach (int batch in new[] { 5, 11, 12, 29, 64 }) // under twelve the parts split the panels, from twelve the samples
        {
            (_, float[] panels, float[] biases) = Layer(random, 70, 208);
            float[] x = RandomData.Uniform(random, batch * 70, 1.0);
            float[] oneThread = Run(1, WorkerPool.DefaultMinimumWorkPerPart);
            foreach (int threads in new[] { 2, 3, 4 })
            {
                AssertSameBits(oneThread, Run(threads, 1), $"batch {batch} on {threads} threads");
            }

            float[] Run(int threads, long minimumWork)
            {
                using (new ThreadScope(threads, minimumWork))
                {
                    var outputs = new float[batch * 208];
                    DensePanels.ForwardBatch(panels, biases, x, outputs);
                    return outputs;
                }
            }
        }
    }

    [Fact]
    public void Shapes_the_panels_cannot_take_are_refused()
    {
        Assert.Contains("multiple of 16", Assert.Throws<ArgumentException>(() => DensePanels.Pack(new float[10 * 4], new float[10 * 4], outputs: 10, inputs: 4)).Message);
        Assert.Throws<ArgumentException>(() => DensePanels.Pack(new float[16 * 4], new float[16 * 3], outputs: 16, inputs: 4));
        Assert.Throws<ArgumentException>(() => DensePanels.Forward(new float[16 * 4], new float[16], new float[3], new float[16]));
        Assert.Throws<ArgumentException>(() => DensePanels.Forward(new float[20 * 4], new float[20], new float[4], new float[20]));
        Assert.Throws<ArgumentException>(() => DensePanels.ForwardBatch(new float[16 * 4], new float[16], new float[9], new float[32]));
        Assert.Throws<ArgumentException>(() => DensePanels.ForwardBatch(new float[16 * 4], new float[16], new float[8], new float[31]));
    }

    private delegate void Kernel(ReadOnlySpan<float> panels, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output);

    private delegate void Activation(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>Random weights in PyTorch's layout, the same packed in panels, and biases.</summary>
    private static (float[] Weights, float[] Panels, float[] Biases) Layer(Random random, int inputs, int outputs)
    {
        float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
        var panels = new float[weights.Length];
        DensePanels.Pack(weights, panels, outputs, inputs);
        return (weights, panels, RandomData.Uniform(random, outputs, 1.0));
    }

    private static void AssertSameBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        int first = MemoryMarshal.Cast<float, int>(expected).CommonPrefixLength(MemoryMarshal.Cast<float, int>(actual));
        Assert.True(first == expected.Length && expected.Length == actual.Length, $"{what}: value {first} is {(first < actual.Length ? actual[first] : 0)}, not {(first < expected.Length ? expected[first] : 0)}.");
    }
}
