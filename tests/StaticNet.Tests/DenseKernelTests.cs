using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The dense kernels' blocked SIMD paths (eight rows, four rows, single rows; full and partial vector
/// blocks; one to six samples at a time) against a plain double-precision product, for every shape up to
/// the sizes where each path and tail is taken.
/// </summary>
public class DenseKernelTests
{
    [Fact]
    public void Rows_of_whole_512_bit_vectors_sum_sixteen_at_a_time_to_the_plain_product()
    {
        // Inputs of one to four 512-bit vectors (and one of five, past them), outputs in blocks of sixteen and a rest.
        var random = new Random(17);
        foreach (int inputs in new[] { 16, 32, 48, 64, 80 })
        {
            foreach (int outputs in new[] { 16, 33, 48, 70 })
            {
                float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
                float[] biases = RandomData.Uniform(random, outputs, 1.0);
                float[] x = RandomData.Uniform(random, inputs, 1.0);
                var actual = new float[outputs];
                DenseKernels.Forward(weights, biases, x, actual);
                Tolerance.Close(PlainProduct(weights, biases, x), actual, 1e-5, $"Forward {inputs} -> {outputs}");
            }
        }
    }

    [Fact]
    public void Forward_and_ForwardBatch_equal_the_plain_product_for_every_small_shape()
    {
        var random = new Random(3);
        for (int inputs = 1; inputs <= 37; inputs++)
        {
            for (int outputs = 1; outputs <= 19; outputs++)
            {
                float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
                float[] biases = RandomData.Uniform(random, outputs, 1.0);
                int batch = 5 + (8 * ((inputs + outputs) % 2)); // 5, or 13: two blocks of six and one more
                float[] x = RandomData.Uniform(random, batch * inputs, 1.0);

                var batchOutputs = new float[batch * outputs];
                DenseKernels.ForwardBatch(weights, biases, x, batchOutputs);
                for (int sample = 0; sample < batch; sample++)
                {
                    float[] expected = PlainProduct(weights, biases, x.AsSpan(sample * inputs, inputs));
                    var single = new float[outputs];
                    DenseKernels.Forward(weights, biases, x.AsSpan(sample * inputs, inputs), single);
                    string shape = $"{inputs} -> {outputs}, sample {sample}";
                    Tolerance.Close(expected, single, 1e-5, $"Forward {shape}");
                    Tolerance.Close(expected, batchOutputs.AsSpan(sample * outputs, outputs), 1e-5, $"ForwardBatch {shape}");
                }
            }
        }
    }

    [Fact]
    public void Long_rows_batch_with_their_last_rows_in_one_block_to_the_plain_product()
    {
        // N4's last layer and others whose last block of rows is one to three short, on batches that end in every
        // kind of sample block (six, three, single).
        BatchesEqualThePlainProduct(new Random(9), [(1352, 10), (784, 7), (200, 5), (130, 4)], [1, 4, 7, 64], 1e-4);
    }

    // Vector kernels: not in the netstandard2.1 build.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Fact]
    public void Small_layers_batch_through_transposed_weights_to_the_plain_product()
    {
        // Batches from the smallest taken this way, in blocks of four samples and a rest; outputs in one, two and three
        // blocks of sixteen, full and partial; up to the largest transposed matrix, and one past it (the other path).
        BatchesEqualThePlainProduct(
            new Random(5), [(1, 1), (3, 7), (16, 32), (32, 32), (5, 17), (37, 40), (31, 1), (169, 48), (170, 48)], [SmallDenseBatch.MinimumBatch, 9, 10, 11, 64], 1e-5);

        Assert.True(SmallDenseBatch.Suits(169, 48, SmallDenseBatch.MinimumBatch) || !System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated);
        Assert.False(SmallDenseBatch.Suits(170, 48, SmallDenseBatch.MinimumBatch));
        Assert.False(SmallDenseBatch.Suits(16, 32, SmallDenseBatch.MinimumBatch - 1));
    }

    [Fact]
    public void Transposed_batches_give_each_sample_the_bits_it_gets_alone()
    {
        // Fewer than 32 outputs (four samples at a time: blocks of eight and single outputs; batches ending in one to
        // four samples) and 32 or more (sample by sample); a NaN input stays in its own sample.
        var random = new Random(21);
        foreach ((int inputs, int outputs) in new[] { (1, 1), (64, 10), (5, 8), (37, 31), (16, 32), (9, 45) })
        {
            foreach (int batch in new[] { 1, 2, 3, 4, 5, 11, 64 })
            {
                float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
                float[] biases = RandomData.Uniform(random, outputs, 1.0);
                float[] x = RandomData.Uniform(random, batch * inputs, 1.0);
                x[(batch - 1) * inputs] = float.NaN;
                var actual = new float[batch * outputs];
                DenseKernels.ForwardBatchTransposed(weights, biases, x, actual);
                for (int sample = 0; sample < batch; sample++)
                {
                    var alone = new float[outputs];
                    DenseKernels.ForwardTransposed(weights, biases, x.AsSpan(sample * inputs, inputs), alone);
                    Assert.True(
                        alone.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.AsSpan(sample * outputs, outputs).ToArray().Select(BitConverter.SingleToInt32Bits)),
                        $"{inputs} -> {outputs}, batch {batch}, sample {sample}");
                }
            }
        }

        Assert.Throws<ArgumentException>(() => DenseKernels.ForwardBatchTransposed(new float[12], new float[3], new float[7], new float[6]));
        Assert.Throws<ArgumentException>(() => DenseKernels.ForwardBatchTransposed(new float[12], new float[3], new float[8], new float[5]));
    }

    [Fact]
    public void Fused_activations_give_the_bits_of_the_product_then_the_span_activation()
    {
        // Outputs in 512-bit and 256-bit blocks of 32, blocks of 8 and a rest; sums large enough to saturate tanh and
        // sigmoid, negative enough for ReLU, and a NaN bias whose output must stay NaN.
        var random = new Random(11);
        foreach ((int inputs, int outputs) in new[] { (1, 1), (16, 32), (32, 32), (5, 7), (3, 8), (37, 40), (9, 45), (16, 64), (2, 77) })
        {
            float[] weights = RandomData.Uniform(random, inputs * outputs, 3.0);
            float[] biases = RandomData.Uniform(random, outputs, 1.0);
            float[] x = RandomData.Uniform(random, inputs, 2.0);
            biases[outputs / 2] = float.NaN;
            var sums = new float[outputs];

            // Weights stored [inputs, outputs] (packed), then the same values read as [outputs, inputs].
            DenseKernels.ForwardTransposed(weights, biases, x, sums);
            Check(DenseKernels.ForwardTransposedTanh, Activations.Tanh, "tanh");
            Check(DenseKernels.ForwardTransposedRationalTanh, Activations.RationalTanh, "tanh at inference");
            Check(DenseKernels.ForwardTransposedSigmoid, Activations.Sigmoid, "sigmoid");
            Check(DenseKernels.ForwardTransposedReLU, Activations.ReLU, "ReLU");
            DenseKernels.Forward(weights, biases, x, sums);
            Check(DenseKernels.ForwardTanh, Activations.Tanh, "row-major tanh");
            Check(DenseKernels.ForwardRationalTanh, Activations.RationalTanh, "row-major tanh at inference");
            Check(DenseKernels.ForwardSigmoid, Activations.Sigmoid, "row-major sigmoid");
            Check(DenseKernels.ForwardReLU, Activations.ReLU, "row-major ReLU");

            void Check(FusedKernel fused, SpanActivation activation, string name)
            {
                var expected = new float[outputs];
                activation(sums, expected);
                var actual = new float[outputs];
                fused(weights, biases, x, actual);
                Assert.True(
                    expected.Select(BitConverter.SingleToInt32Bits).SequenceEqual(actual.Select(BitConverter.SingleToInt32Bits)),
                    $"{inputs} -> {outputs} with {name}: fused {string.Join(", ", actual)}; unfused {string.Join(", ", expected)}");
            }
        }
    }

    private delegate void FusedKernel(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output);

    private delegate void SpanActivation(ReadOnlySpan<float> z, Span<float> y);

    [Fact]
    public void Backward_and_BackwardBatch_equal_the_plain_gradients_for_every_small_shape()
    {
        // Up to 21 inputs every shape; then the widths where 512-bit blocks of 32 columns start, with rests after them.
        var random = new Random(4);
        foreach (int inputs in Enumerable.Range(1, 21).Concat([32, 37, 47, 64, 70]))
        {
            for (int outputs = 1; outputs <= 11; outputs++)
            {
                int batch = 3 + (2 * ((inputs + outputs) % 2)); // 3 samples, or 5: four at a time and one more
                float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
                float[] x = RandomData.Uniform(random, batch * inputs, 1.0);
                float[] g = RandomData.Uniform(random, batch * outputs, 1.0);
                float[] start = RandomData.Uniform(random, inputs * outputs, 1.0);

                var expectedWeights = start.Select(v => (double)v).ToArray();
                var expectedBiases = new double[outputs];
                var expectedInputs = new double[batch * inputs];
                for (int sample = 0; sample < batch; sample++)
                {
                    for (int row = 0; row < outputs; row++)
                    {
                        double gradient = g[(sample * outputs) + row];
                        expectedBiases[row] += gradient;
                        for (int j = 0; j < inputs; j++)
                        {
                            expectedWeights[(row * inputs) + j] += gradient * x[(sample * inputs) + j];
                            expectedInputs[(sample * inputs) + j] += gradient * weights[(row * inputs) + j];
                        }
                    }
                }

                float[] weightGradients = start.ToArray();
                var biasGradients = new float[outputs];
                var inputGradients = new float[batch * inputs];
                DenseKernels.BackwardBatch(weights, x, g, weightGradients, biasGradients, inputGradients);
                string shape = $"{inputs} -> {outputs}";
                Tolerance.Close(expectedWeights.Select(v => (float)v).ToArray(), weightGradients, 1e-5, $"weight gradients {shape}");
                Tolerance.Close(expectedBiases.Select(v => (float)v).ToArray(), biasGradients, 1e-5, $"bias gradients {shape}");
                Tolerance.Close(expectedInputs.Select(v => (float)v).ToArray(), inputGradients, 1e-5, $"input gradients {shape}");

                // One sample through Backward, and with the input gradients skipped.
                float[] single = start.ToArray();
                var singleInputs = new float[inputs];
                DenseKernels.Backward(weights, x.AsSpan(0, inputs), g.AsSpan(0, outputs), single, new float[outputs], singleInputs);
                Tolerance.Close(expectedInputs.AsSpan(0, inputs).ToArray().Select(v => (float)v).ToArray(), singleInputs, 1e-5, $"Backward input gradients {shape}");
                DenseKernels.Backward(weights, x.AsSpan(0, inputs), g.AsSpan(0, outputs), single, new float[outputs], Span<float>.Empty);
            }
        }
    }

    [Fact]
    public void Mismatched_lengths_are_refused_before_any_unchecked_read()
    {
        Assert.Throws<ArgumentException>(() => DenseKernels.Forward(new float[10], new float[3], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => DenseKernels.Forward(new float[12], new float[2], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => DenseKernels.ForwardBatch(new float[12], new float[3], new float[7], new float[6]));
        Assert.Throws<ArgumentException>(() => DenseKernels.BackwardBatch(new float[12], new float[7], new float[6], new float[12], new float[3], []));
        Assert.Throws<ArgumentException>(() => DenseKernels.BackwardBatch(new float[12], new float[8], new float[6], new float[11], new float[3], []));
    }

    /// <summary><c>weights · input + biases</c> in double precision, weights <c>[outputs, inputs]</c>.</summary>
    /// <summary><c>ForwardBatch</c> on random weights and samples of each shape and batch size, each sample against the plain product.</summary>
    private static void BatchesEqualThePlainProduct(Random random, (int Inputs, int Outputs)[] shapes, int[] batches, double tolerance)
    {
        foreach ((int inputs, int outputs) in shapes)
        {
            foreach (int batch in batches)
            {
                float[] weights = RandomData.Uniform(random, inputs * outputs, 1.0);
                float[] biases = RandomData.Uniform(random, outputs, 1.0);
                float[] x = RandomData.Uniform(random, batch * inputs, 1.0);
                var actual = new float[batch * outputs];
                actual.AsSpan().Fill(float.NaN);
                DenseKernels.ForwardBatch(weights, biases, x, actual);

                for (int sample = 0; sample < batch; sample++)
                {
                    float[] expected = PlainProduct(weights, biases, x.AsSpan(sample * inputs, inputs));
                    Tolerance.Close(expected, actual.AsSpan(sample * outputs, outputs), tolerance, $"{inputs} -> {outputs}, batch {batch}, sample {sample}");
                }
            }
        }
    }

    /// <summary><c>W x + b</c> in double precision, rounded to float: the reference the dense kernels' products are held to.</summary>
    internal static float[] PlainProduct(float[] weights, float[] biases, ReadOnlySpan<float> input)
    {
        var product = new float[biases.Length];
        for (int row = 0; row < biases.Length; row++)
        {
            double sum = biases[row];
            for (int j = 0; j < input.Length; j++)
            {
                sum += (double)weights[(row * input.Length) + j] * input[j];
            }

            product[row] = (float)sum;
        }

        return product;
    }
}
