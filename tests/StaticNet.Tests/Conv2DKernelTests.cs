using System;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The convolution kernels (row-wise SIMD for stride 1, per pixel otherwise) against a plain double-precision
/// convolution and its gradients, on images wide enough for whole vectors and with every padding.
/// </summary>
public class Conv2DKernelTests
{
    [Theory]
    [InlineData(1, 28, 28, 8, 3, 1, 0)]
    [InlineData(3, 19, 21, 4, 3, 1, 1)]
    [InlineData(2, 17, 33, 3, 5, 1, 2)]
    [InlineData(2, 12, 12, 2, 1, 1, 0)]
    [InlineData(3, 15, 18, 4, 3, 2, 1)]
    [InlineData(2, 10, 10, 5, 3, 1, 0)] // register blocks: output rows exactly one piece wide, a partial channel block
    [InlineData(1, 11, 11, 1, 3, 1, 0)] // a single filter: the block repeats it three times
    [InlineData(4, 9, 19, 6, 3, 1, 1)] // padded copy, three pieces (the last overlapping), 4 + 2 filters
    [InlineData(2, 20, 36, 7, 5, 1, 2)] // five pieces of 8 after a 5x5 kernel with padding 2
    [InlineData(1, 6, 6, 3, 3, 1, 0)] // rows narrower than a piece: the row-per-tap path
    public void Forward_and_Backward_equal_the_plain_convolution(int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        var random = new Random(channels * 100 + width);
        int outputHeight = Conv2DKernels.OutputSide(height, kernel, stride, padding);
        int outputWidth = Conv2DKernels.OutputSide(width, kernel, stride, padding);
        float[] weights = RandomData.Uniform(random, filters * channels * kernel * kernel, 1.0);
        float[] biases = RandomData.Uniform(random, filters, 1.0);
        float[] input = RandomData.Uniform(random, channels * height * width, 1.0);
        float[] gradient = RandomData.Uniform(random, filters * outputHeight * outputWidth, 1.0);

        var expectedOutput = new double[gradient.Length];
        var expectedWeightGradients = new double[weights.Length];
        var expectedBiasGradients = new double[filters];
        var expectedInputGradients = new double[input.Length];
        for (int f = 0; f < filters; f++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    int o = (((f * outputHeight) + oy) * outputWidth) + ox;
                    double sum = biases[f];
                    expectedBiasGradients[f] += gradient[o];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int iy = (oy * stride) - padding + ky;
                                int ix = (ox * stride) - padding + kx;
                                if (iy < 0 || iy >= height || ix < 0 || ix >= width)
                                {
                                    continue;
                                }

                                int w = (((((f * channels) + c) * kernel) + ky) * kernel) + kx;
                                int i = (((c * height) + iy) * width) + ix;
                                sum += (double)weights[w] * input[i];
                                expectedWeightGradients[w] += (double)gradient[o] * input[i];
                                expectedInputGradients[i] += (double)gradient[o] * weights[w];
                            }
                        }
                    }

                    expectedOutput[o] = sum;
                }
            }
        }

        var output = new float[gradient.Length];
        Conv2DKernels.Forward(weights, biases, input, output, channels, height, width, kernel, stride, padding);
        var weightGradients = new float[weights.Length];
        var biasGradients = new float[filters];
        var inputGradients = new float[input.Length];
        Conv2DKernels.Backward(weights, input, gradient, weightGradients, biasGradients, inputGradients, channels, height, width, kernel, stride, padding);

        Tolerance.Close(Array.ConvertAll(expectedOutput, v => (float)v), output, 1e-4, "output");
        Tolerance.Close(Array.ConvertAll(expectedWeightGradients, v => (float)v), weightGradients, 1e-4, "weight gradients");
        Tolerance.Close(Array.ConvertAll(expectedBiasGradients, v => (float)v), biasGradients, 1e-4, "bias gradients");
        Tolerance.Close(Array.ConvertAll(expectedInputGradients, v => (float)v), inputGradients, 1e-4, "input gradients");
    }

    [Theory]
    [InlineData(1, 28, 28, 8, 3, 1, 0)]
    [InlineData(3, 13, 21, 5, 3, 1, 1)]
    [InlineData(2, 6, 6, 3, 3, 1, 0)]
    [InlineData(3, 15, 18, 4, 3, 2, 1)]
    public void ForwardReLU_equals_Forward_then_ReLU_bit_for_bit_and_keeps_NaN(int channels, int height, int width, int filters, int kernel, int stride, int padding)
    {
        var random = new Random(height * 31 + width);
        int outputs = filters * Conv2DKernels.OutputSide(height, kernel, stride, padding) * Conv2DKernels.OutputSide(width, kernel, stride, padding);
        float[] weights = RandomData.Uniform(random, filters * channels * kernel * kernel, 1.0);
        float[] biases = RandomData.Uniform(random, filters, 1.0);
        float[] input = RandomData.Uniform(random, channels * height * width, 1.0);
        input[input.Length / 2] = float.NaN;

        var expected = new float[outputs];
        Conv2DKernels.Forward(weights, biases, input, expected, channels, height, width, kernel, stride, padding);
        Activations.ReLU(expected, expected);
        var fused = new float[outputs];
        Conv2DKernels.ForwardReLU(weights, biases, input, fused, channels, height, width, kernel, stride, padding);

        Assert.Contains(expected, float.IsNaN);
        Assert.Contains(expected, v => v == 0f);
        for (int i = 0; i < outputs; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(fused[i]) || (float.IsNaN(expected[i]) && float.IsNaN(fused[i])), $"output {i}: {expected[i]} vs {fused[i]}");
        }
    }
}
