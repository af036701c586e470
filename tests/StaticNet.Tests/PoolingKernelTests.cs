using System;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Max pooling (the 2x2 SIMD paths: whole rows of up to 16 outputs in masked 512-bit vectors where AVX-512 is there,
/// pieces of 8 outputs for longer rows; and the general loops) against a plain window-by-window maximum, including odd
/// sides (the last row and column are dropped) and NaN, which wins its window as in PyTorch.
/// </summary>
public class PoolingKernelTests
{
    [Theory]
    [InlineData(8, 26, 26, 2)] // N4's pooling: 13 outputs a row, the last piece overlapping
    [InlineData(3, 16, 16, 2)] // exactly one piece a row
    [InlineData(2, 17, 35, 2)] // odd sides: 8 rows of 17 outputs
    [InlineData(4, 8, 8, 2)] // rows of 4: one masked vector, or the general loops without AVX-512
    [InlineData(2, 32, 33, 2)] // rows of 16, the widest one vector takes, an odd column left out
    [InlineData(3, 4, 2, 2)] // one window a row: the narrowest masks
    [InlineData(2, 27, 27, 3)] // windows of 3
    public void MaxForward_equals_the_plain_maximum_of_every_window(int channels, int height, int width, int size)
    {
        var random = new Random(channels * 1000 + width);
        float[] input = RandomData.Uniform(random, channels * height * width, 1.0);
        input[5] = float.NaN;
        input[input.Length - (width * size) - 3] = float.NaN;
        int outputHeight = height / size;
        int outputWidth = width / size;
        var output = new float[channels * outputHeight * outputWidth];

        PoolingKernels.MaxForward(input, output, channels, height, width, size);

        int nans = 0;
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float expected = float.NegativeInfinity;
                    for (int ky = 0; ky < size; ky++)
                    {
                        for (int kx = 0; kx < size; kx++)
                        {
                            float value = input[(((c * height) + (oy * size) + ky) * width) + (ox * size) + kx];
                            expected = float.IsNaN(value) || float.IsNaN(expected) ? float.NaN : Math.Max(expected, value);
                        }
                    }

                    float actual = output[(((c * outputHeight) + oy) * outputWidth) + ox];
                    nans += float.IsNaN(actual) ? 1 : 0;
                    Assert.True(expected.Equals(actual), $"channel {c}, row {oy}, column {ox}: expected {expected}, got {actual}");
                }
            }
        }

        Assert.True(nans >= 1, "a NaN in a pooled window must give NaN");
    }

    [Theory]
    [InlineData(8, 26, 26, 2)]
    [InlineData(3, 16, 16, 2)]
    [InlineData(2, 17, 35, 2)]
    [InlineData(4, 8, 8, 2)]
    [InlineData(2, 27, 27, 3)]
    public void MaxBackward_sends_each_gradient_to_the_first_maximum_of_its_window(int channels, int height, int width, int size)
    {
        // Values from a handful of levels, so ties are everywhere (as after ReLU, where zeros tie), plus NaNs.
        var random = new Random(channels * 7 + width);
        float[] input = Array.ConvertAll(new float[channels * height * width], _ => random.Next(4) * 0.5f);
        input[1] = float.NaN;
        input[width + 1] = float.NaN;
        input[input.Length / 2] = float.NaN;
        int outputHeight = height / size;
        int outputWidth = width / size;
        float[] gradient = RandomData.Uniform(random, channels * outputHeight * outputWidth, 1.0);
        var expected = new float[input.Length];
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    // Row by row, column by column; a later value wins only if larger, or NaN against a number.
                    int best = -1;
                    for (int ky = 0; ky < size; ky++)
                    {
                        for (int kx = 0; kx < size; kx++)
                        {
                            int at = (((c * height) + (oy * size) + ky) * width) + (ox * size) + kx;
                            if (best < 0 || input[at] > input[best] || (float.IsNaN(input[at]) && !float.IsNaN(input[best])))
                            {
                                best = at;
                            }
                        }
                    }

                    expected[best] += gradient[(((c * outputHeight) + oy) * outputWidth) + ox];
                }
            }
        }

        var actual = new float[input.Length];
        actual.AsSpan().Fill(42f); // overwritten, including the rows and columns no window covers
        PoolingKernels.MaxBackward(input, gradient, actual, channels, height, width, size);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(26)] // 13 outputs a row: the vector path where AVX runs
    [InlineData(6)] // 3 outputs a row: the scalar path everywhere
    public void Every_kernel_rejects_spans_of_the_wrong_length_before_writing(int side)
    {
        const int channels = 8;
        int inputs = channels * side * side;
        int outputs = channels * (side / 2) * (side / 2);
        var input = new float[inputs];
        var output = new float[outputs];
        Assert.Throws<ArgumentException>(() => PoolingKernels.MaxForward(input, new float[outputs - 1], channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.MaxForward(input.AsSpan(1), output, channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.AverageForward(input, new float[outputs + 1], channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.AverageForward(input.AsSpan(1), output, channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.GlobalAverageForward(input, new float[channels - 1], channels, side * side));
        Assert.Throws<ArgumentException>(() => PoolingKernels.GlobalAverageForward(input.AsSpan(1), new float[channels], channels, side * side));

        // A rejected backward pass leaves the gradients it would have overwritten as they were.
        var gradients = new float[inputs];
        gradients.AsSpan().Fill(7f);
        Assert.Throws<ArgumentException>(() => PoolingKernels.MaxBackward(input, new float[outputs - 1], gradients, channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.MaxBackward(input, output, gradients.AsSpan(1), channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.AverageBackward(new float[outputs + 1], gradients, channels, side, side, 2));
        Assert.Throws<ArgumentException>(() => PoolingKernels.GlobalAverageBackward(new float[channels + 1], gradients, channels, side * side));
        Assert.All(gradients, value => Assert.Equal(7f, value));
    }
}
