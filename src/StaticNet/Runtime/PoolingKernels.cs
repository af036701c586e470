using System;

namespace StaticNet.Runtime;

/// <summary>
/// Max and average pooling over square windows whose stride is their size, rounding down (rows and
/// columns past the last whole window are dropped, as in PyTorch's defaults). Max pooling picks the
/// first maximum of a window, and a NaN wins, as PyTorch does; its gradient goes to that element.
/// </summary>
public static class PoolingKernels
{
    /// <summary>Max over each window, channel by channel.</summary>
    public static void MaxForward(ReadOnlySpan<float> input, Span<float> output, int channels, int inputHeight, int inputWidth, int size)
    {
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    int best = MaxIndex(input, c, oy, ox, inputHeight, inputWidth, size);
                    output[(((c * outputHeight) + oy) * outputWidth) + ox] = input[best];
                }
            }
        }
    }

    /// <summary>Sends each window's gradient to its maximum; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void MaxBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        inputGradients.Clear();
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    int best = MaxIndex(input, c, oy, ox, inputHeight, inputWidth, size);
                    inputGradients[best] += gradOutput[(((c * outputHeight) + oy) * outputWidth) + ox];
                }
            }
        }
    }

    /// <summary>Mean over each window, channel by channel.</summary>
    public static void AverageForward(ReadOnlySpan<float> input, Span<float> output, int channels, int inputHeight, int inputWidth, int size)
    {
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        float scale = 1f / (size * size);
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float sum = 0f;
                    for (int ky = 0; ky < size; ky++)
                    {
                        ReadOnlySpan<float> row = input.Slice((((c * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size), size);
                        foreach (float value in row)
                        {
                            sum += value;
                        }
                    }

                    output[(((c * outputHeight) + oy) * outputWidth) + ox] = sum * scale;
                }
            }
        }
    }

    /// <summary>Spreads each window's gradient evenly over it; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void AverageBackward(ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int inputHeight, int inputWidth, int size)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        inputGradients.Clear();
        int outputHeight = inputHeight / size;
        int outputWidth = inputWidth / size;
        float scale = 1f / (size * size);
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float share = gradOutput[(((c * outputHeight) + oy) * outputWidth) + ox] * scale;
                    for (int ky = 0; ky < size; ky++)
                    {
                        inputGradients.Slice((((c * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size), size).Fill(share);
                    }
                }
            }
        }
    }

    /// <summary>The mean of each channel's whole plane of <paramref name="planeSize"/> values.</summary>
    public static void GlobalAverageForward(ReadOnlySpan<float> input, Span<float> output, int channels, int planeSize)
    {
        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            foreach (float value in input.Slice(c * planeSize, planeSize))
            {
                sum += value;
            }

            output[c] = sum / planeSize;
        }
    }

    /// <summary>Spreads each channel's gradient evenly over its plane; overwrites <paramref name="inputGradients"/> unless it is empty.</summary>
    public static void GlobalAverageBackward(ReadOnlySpan<float> gradOutput, Span<float> inputGradients, int channels, int planeSize)
    {
        if (inputGradients.IsEmpty)
        {
            return;
        }

        for (int c = 0; c < channels; c++)
        {
            inputGradients.Slice(c * planeSize, planeSize).Fill(gradOutput[c] / planeSize);
        }
    }

    private static int MaxIndex(ReadOnlySpan<float> input, int channel, int oy, int ox, int inputHeight, int inputWidth, int size)
    {
        int best = (((channel * inputHeight) + (oy * size)) * inputWidth) + (ox * size);
        float bestValue = input[best];
        for (int ky = 0; ky < size; ky++)
        {
            int rowStart = (((channel * inputHeight) + (oy * size) + ky) * inputWidth) + (ox * size);
            for (int kx = 0; kx < size; kx++)
            {
                float value = input[rowStart + kx];
                if (value > bestValue || (float.IsNaN(value) && !float.IsNaN(bestValue)))
                {
                    best = rowStart + kx;
                    bestValue = value;
                }
            }
        }

        return best;
    }
}
