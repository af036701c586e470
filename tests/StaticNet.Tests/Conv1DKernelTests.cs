using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The 1-D convolution kernels on their own: a stream far longer than any window against Forward over each prefix,
/// PyTorch's geometry written out by hand, and the length checks that keep a wrong span from touching anything.
/// </summary>
public class Conv1DKernelTests
{
    [Theory]
    [InlineData(3, 1, 2)]
    [InlineData(2, 4, 3)]
    [InlineData(1, 1, 1)]
    [InlineData(4, 2, 1)]
    public void A_causal_stream_gives_each_steps_bits_of_Forward_over_the_prefix(int kernel, int dilation, int features)
    {
        const int Filters = 3, Steps = 40;
        var random = new Random((kernel * 10) + dilation);
        float[] weights = RandomData.Uniform(random, Filters * features * kernel, 0.7);
        float[] biases = RandomData.Uniform(random, Filters, 0.3);
        float[] input = RandomData.Uniform(random, Steps * features, 2.0);
        int remembered = (kernel - 1) * dilation;
        var history = new float[CausalConvStream.StateLength(remembered, features)];
        var window = new float[features * kernel];
        var streamed = new float[Filters];
        for (int t = 0; t < Steps; t++)
        {
            CausalConvStream.Step(weights, biases, input.AsSpan(t * features, features), history, window, streamed, kernel, dilation);

            // The prefix's last output step: what the stream has seen so far.
            var whole = new float[(t + 1) * Filters];
            Conv1DKernels.Forward(weights, biases, input.AsSpan(0, (t + 1) * features), whole, features, kernel, 1, remembered, 0, dilation);
            Assert.Equal(FloatBits.Of(whole.AsSpan(t * Filters, Filters)), FloatBits.Of(streamed));
            if (remembered > 0)
            {
                // The ring moves one step per step: its position is where the oldest step lies.
                Assert.Equal((t + 1) % remembered, history[^1]);
            }
        }
    }

    [Fact]
    public void A_ring_position_that_no_step_wrote_is_refused_before_anything_changes()
    {
        float[] weights = new float[3 * 2 * 3], biases = new float[3];
        foreach (float position in new[] { -1f, 4f, 1.5f, float.NaN })
        {
            float[] history = [1, 2, 3, 4, 5, 6, 7, 8, position];   // 4 remembered steps of 2 features
            var output = new float[3];
            var error = Assert.Throws<ArgumentException>(() =>
                CausalConvStream.Step(weights, biases, [1f, 1f], history, new float[6], output, kernel: 3, dilation: 2));
            Assert.Contains("ring position", error.Message);
            Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], history[..8]);
            Assert.All(output, value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void Forward_is_PyTorchs_conv1d_written_out()
    {
        // conv1d over features x steps: out[t, f] = b[f] + sum over c, k of w[f, c, k] x[t * stride - before + k * dilation, c].
        const int Features = 2, Filters = 3, Kernel = 3, Stride = 2, Before = 2, After = 1, Dilation = 2, Steps = 9;
        var random = new Random(3);
        float[] weights = RandomData.Uniform(random, Filters * Features * Kernel, 1.0);
        float[] biases = RandomData.Uniform(random, Filters, 1.0);
        float[] input = RandomData.Uniform(random, Steps * Features, 1.0);
        int outputSteps = ((Steps + Before + After - ((Kernel - 1) * Dilation) - 1) / Stride) + 1;
        var output = new float[outputSteps * Filters];
        Conv1DKernels.Forward(weights, biases, input, output, Features, Kernel, Stride, Before, After, Dilation);

        var expected = new double[output.Length];
        for (int t = 0; t < outputSteps; t++)
        {
            for (int f = 0; f < Filters; f++)
            {
                double sum = biases[f];
                for (int c = 0; c < Features; c++)
                {
                    for (int k = 0; k < Kernel; k++)
                    {
                        int source = (t * Stride) - Before + (k * Dilation);
                        sum += source >= 0 && source < Steps ? (double)weights[(((f * Features) + c) * Kernel) + k] * input[(source * Features) + c] : 0;
                    }
                }

                expected[(t * Filters) + f] = sum;
            }
        }

        Tolerance.Close(expected.Select(v => (float)v).ToArray(), output, 1e-5, "conv1d");
    }

    [Fact]
    public void Wrong_lengths_throw_naming_what_was_expected_and_write_nothing()
    {
        var weights = new float[3 * 2 * 2];
        var biases = new float[3];
        var input = new float[5 * 2];
        var output = Enumerable.Repeat(9f, 4 * 3).ToArray();
        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            Conv1DKernels.Forward(weights, biases, input, output.AsSpan(0, 11), features: 2, kernel: 2, stride: 1, paddingBefore: 0, paddingAfter: 0, dilation: 1));
        Assert.Contains("12", error.Message);
        Assert.Throws<ArgumentException>(() =>
            Conv1DKernels.Forward(weights, biases, input.AsSpan(0, 9), output, features: 2, kernel: 2, stride: 1, paddingBefore: 0, paddingAfter: 0, dilation: 1));
        Assert.Contains("weights", Assert.Throws<ArgumentException>(() =>
            Conv1DKernels.Forward(new float[5], biases, input, output, features: 2, kernel: 2, stride: 1, paddingBefore: 0, paddingAfter: 0, dilation: 1)).ParamName);
        Assert.Contains("history", Assert.Throws<ArgumentException>(() =>
            CausalConvStream.Step(weights, biases, new float[2], new float[2], new float[4], new float[3], kernel: 2, dilation: 1)).ParamName);
        Assert.All(output, value => Assert.Equal(9f, value));
    }
}
