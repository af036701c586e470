using System;

namespace StaticNet.Runtime;

/// <summary>
/// 2-D convolution over CHW volumes, as PyTorch's <c>nn.Conv2d</c> (cross-correlation, zero padding,
/// square kernel, weights <c>[outputChannels, inputChannels, kernel, kernel]</c>, one bias per output
/// channel). Output size per side: <c>(input + 2 padding - kernel) / stride + 1</c>, rounded down.
/// </summary>
public static class Conv2DKernels
{
    /// <summary>The output height or width for an input side, kernel, stride and padding.</summary>
    public static int OutputSide(int inputSide, int kernel, int stride, int padding) => ((inputSide + (2 * padding) - kernel) / stride) + 1;

    /// <summary><c>output = weights ⋆ input + biases</c>; the output channel count is the number of biases.</summary>
    public static void Forward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
    {
        int outputHeight = OutputSide(inputHeight, kernel, stride, padding);
        int outputWidth = OutputSide(inputWidth, kernel, stride, padding);
        int plane = inputHeight * inputWidth;
        for (int oc = 0; oc < biases.Length; oc++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float sum = biases[oc];
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        ReadOnlySpan<float> filter = weights.Slice(((oc * inputChannels) + ic) * kernel * kernel, kernel * kernel);
                        ReadOnlySpan<float> channel = input.Slice(ic * plane, plane);
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            int iy = (oy * stride) - padding + ky;
                            if ((uint)iy >= (uint)inputHeight)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = (ox * stride) - padding + kx;
                                if ((uint)ix < (uint)inputWidth)
                                {
                                    sum += filter[(ky * kernel) + kx] * channel[(iy * inputWidth) + ix];
                                }
                            }
                        }
                    }

                    output[(((oc * outputHeight) + oy) * outputWidth) + ox] = sum;
                }
            }
        }
    }

    /// <summary>
    /// Backpropagates through the convolution: adds dLoss/dWeights and dLoss/dBiases, and overwrites
    /// <paramref name="inputGradients"/> with dLoss/dInput unless it is empty.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> gradZ,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
    {
        int outputHeight = OutputSide(inputHeight, kernel, stride, padding);
        int outputWidth = OutputSide(inputWidth, kernel, stride, padding);
        int plane = inputHeight * inputWidth;
        bool wantInput = !inputGradients.IsEmpty;
        if (wantInput)
        {
            inputGradients.Clear();
        }

        for (int oc = 0; oc < biasGradients.Length; oc++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float g = gradZ[(((oc * outputHeight) + oy) * outputWidth) + ox];
                    biasGradients[oc] += g;
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        int filter = ((oc * inputChannels) + ic) * kernel * kernel;
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            int iy = (oy * stride) - padding + ky;
                            if ((uint)iy >= (uint)inputHeight)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = (ox * stride) - padding + kx;
                                if ((uint)ix >= (uint)inputWidth)
                                {
                                    continue;
                                }

                                int w = filter + (ky * kernel) + kx;
                                int x = (ic * plane) + (iy * inputWidth) + ix;
                                weightGradients[w] += g * input[x];
                                if (wantInput)
                                {
                                    inputGradients[x] += g * weights[w];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
