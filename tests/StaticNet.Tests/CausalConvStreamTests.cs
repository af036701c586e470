using System;
using System.Linq;
using System.Runtime.Intrinsics.X86;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Streamed causal convolutions on their own: the packed window product's four chains against the same sums written
/// plainly, one window and two alike in every vector width and tail, blocks of steps against steps one at a time
/// (packed and not, across the ring's wrap), and the packed weights' layout.
/// </summary>
public class CausalConvStreamTests
{
    [Fact]
    public void The_window_product_is_four_chains_of_multiply_adds_by_row_in_every_width_and_tail()
    {
        var random = new Random(21);
        foreach (int rows in new[] { 1, 2, 3, 4, 5, 7, 16, 17, 48, 50 })
        {
            foreach (int filters in new[] { 1, 3, 7, 8, 9, 16, 17, 24, 33 })
            {
                float[] weights = RandomData.Uniform(random, rows * filters, 1.0);
                float[] biases = RandomData.Uniform(random, filters, 1.0);
                float[] first = RandomData.Uniform(random, rows, 2.0), second = RandomData.Uniform(random, rows, 2.0);
                var one = new float[filters];
                var pair = new float[2 * filters];
                WindowProduct.One(weights, biases, first, one);
                WindowProduct.Rows(weights, biases, [.. first, .. second], pair, rows);
                float[] pair0 = pair[..filters], pair1 = pair[filters..];

                float[] expected = FourChains(weights, biases, first, filters);
                Assert.Equal(FloatBits.Of(expected), FloatBits.Of(one));
                Assert.Equal(FloatBits.Of(expected), FloatBits.Of(pair0));
                Assert.Equal(FloatBits.Of(FourChains(weights, biases, second, filters)), FloatBits.Of(pair1));
            }
        }
    }

    [Theory]
    [InlineData(3, 1, 4, 16)]
    [InlineData(3, 8, 16, 8)]
    [InlineData(2, 5, 3, 2)]
    [InlineData(1, 1, 16, 16)]
    [InlineData(4, 3, 1, 5)]
    public void A_block_gives_the_bits_of_its_steps_and_leaves_the_ring_as_they_do(int kernel, int dilation, int features, int filters)
    {
        var random = new Random((kernel * 100) + (dilation * 10) + features);
        int remembered = (kernel - 1) * dilation;
        float[] weights = RandomData.Uniform(random, filters * features * kernel, 0.7);
        float[] biases = RandomData.Uniform(random, filters, 0.3);
        var packedWeights = new float[weights.Length];
        CausalConvStream.PackTaps(weights, packedWeights, features, kernel);
        foreach (bool packed in new[] { false, true })
        {
            float[] w = packed ? packedWeights : weights;
            var stepped = new float[CausalConvStream.StateLength(remembered, features)];
            var blocked = new float[stepped.Length];
            // Blocks shorter and longer than the ring, one after another (the ring wraps in every way), and one gathered in parts.
            foreach (int steps in new[] { 1, 5, remembered + 3, 2, 37, Math.Max(1, remembered - 1), 600 })
            {
                float[] input = RandomData.Uniform(random, steps * features, 2.0);
                var blockOutput = new float[steps * filters];
                if (packed)
                {
                    CausalConvStream.BlockPacked(w, biases, input, blocked, blockOutput, features, kernel, dilation);
                }
                else
                {
                    CausalConvStream.Block(w, biases, input, blocked, blockOutput, features, kernel, dilation);
                }

                var stepOutput = new float[steps * filters];
                for (int t = 0; t < steps; t++)
                {
                    (packed ? (StepMethod)CausalConvStream.StepPacked : CausalConvStream.Step)(
                        w, biases, input.AsSpan(t * features, features), stepped, new float[features * kernel], stepOutput.AsSpan(t * filters, filters), kernel, dilation);
                }

                Assert.Equal(FloatBits.Of(stepOutput), FloatBits.Of(blockOutput));
                Assert.Equal(FloatBits.Of(stepped), FloatBits.Of(blocked));
            }
        }
    }

    [Fact]
    public void ForwardPacked_is_a_stream_from_silence_and_close_to_PyTorchs_convolution()
    {
        const int Kernel = 3, Dilation = 2, Features = 4, Filters = 6, Steps = 20;
        var random = new Random(5);
        float[] weights = RandomData.Uniform(random, Filters * Features * Kernel, 0.7);
        float[] biases = RandomData.Uniform(random, Filters, 0.3);
        float[] input = RandomData.Uniform(random, Steps * Features, 2.0);
        var packed = new float[weights.Length];
        CausalConvStream.PackTaps(weights, packed, Features, Kernel);
        var whole = new float[Steps * Filters];
        CausalConvStream.ForwardPacked(packed, biases, input, whole, Features, Kernel, Dilation);

        var state = new float[CausalConvStream.StateLength((Kernel - 1) * Dilation, Features)];
        var streamed = new float[Steps * Filters];
        CausalConvStream.BlockPacked(packed, biases, input, state, streamed, Features, Kernel, Dilation);
        Assert.Equal(FloatBits.Of(streamed), FloatBits.Of(whole));

        var reference = new float[Steps * Filters];
        Conv1DKernels.Forward(weights, biases, input, reference, Features, Kernel, 1, (Kernel - 1) * Dilation, 0, Dilation);
        Tolerance.Close(reference, whole, 1e-5, "packed against PyTorch's layout");
    }

    [Fact]
    public void Packed_taps_lie_tap_by_tap_each_row_the_filters_of_one_input_feature()
    {
        // PyTorch's [filters 2, features 3, kernel 2]: w[f, c, k] = 100 f + 10 c + k.
        float[] weights = [.. from f in Enumerable.Range(0, 2) from c in Enumerable.Range(0, 3) from k in Enumerable.Range(0, 2) select (float)((100 * f) + (10 * c) + k)];
        var packed = new float[weights.Length];
        CausalConvStream.PackTaps(weights, packed, features: 3, kernel: 2);
        Assert.Equal([0, 100, 10, 110, 20, 120, 1, 101, 11, 111, 21, 121], packed);
    }

    private delegate void StepMethod(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> history, Span<float> window, Span<float> output, int kernel, int dilation);

    /// <summary>The sums as <c>WindowProduct</c> documents them, one filter at a time in plain scalar code.</summary>
    private static float[] FourChains(float[] weights, float[] biases, float[] window, int filters)
    {
        var sums = new float[filters];
        for (int o = 0; o < filters; o++)
        {
            float[] chains = [biases[o], 0, 0, 0];
            for (int r = 0; r < window.Length; r++)
            {
                float product = weights[(r * filters) + o];
                chains[r & 3] = Fma.IsSupported ? MathF.FusedMultiplyAdd(product, window[r], chains[r & 3]) : (product * window[r]) + chains[r & 3];
            }

            sums[o] = (chains[0] + chains[1]) + (chains[2] + chains[3]);
        }

        return sums;
    }
}
