using System;

namespace StaticNet.Benchmarks;

/// <summary>
/// What a C# developer writes by hand without a library: plain scalar loops over the same parameter
/// layout, into buffers allocated once. The baseline StaticNet must beat by more than its bookkeeping.
/// </summary>
public static class NaiveLayers
{
    /// <summary><c>y = activation(W x + b)</c>, W <c>[outputs, inputs]</c> row-major at <paramref name="offset"/>.</summary>
    public static void Dense(float[] parameters, int offset, float[] x, int inputs, float[] y, int outputs, Activation activation)
    {
        int biases = offset + (inputs * outputs);
        for (int i = 0; i < outputs; i++)
        {
            float sum = parameters[biases + i];
            for (int j = 0; j < inputs; j++)
            {
                sum += parameters[offset + (i * inputs) + j] * x[j];
            }

            y[i] = activation switch
            {
                Activation.ReLU => Math.Max(sum, 0f),
                Activation.Tanh => MathF.Tanh(sum),
                _ => sum,
            };
        }

        if (activation == Activation.Softmax)
        {
            Softmax(y, outputs);
        }
    }

    public static void Softmax(float[] y, int count)
    {
        float max = float.NegativeInfinity;
        for (int i = 0; i < count; i++)
        {
            max = Math.Max(max, y[i]);
        }

        float sum = 0f;
        for (int i = 0; i < count; i++)
        {
            y[i] = MathF.Exp(y[i] - max);
            sum += y[i];
        }

        for (int i = 0; i < count; i++)
        {
            y[i] /= sum;
        }
    }

    /// <summary>A valid (unpadded, stride 1) convolution with ReLU, weights <c>[filters, channels, k, k]</c>.</summary>
    public static void Conv2DReLU(float[] parameters, int offset, float[] x, int channels, int height, int width, float[] y, int filters, int kernel)
    {
        int outHeight = height - kernel + 1;
        int outWidth = width - kernel + 1;
        int biases = offset + (filters * channels * kernel * kernel);
        for (int f = 0; f < filters; f++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    float sum = parameters[biases + f];
                    for (int c = 0; c < channels; c++)
                    {
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            for (int kx = 0; kx < kernel; kx++)
                            {
                                sum += parameters[offset + (((((f * channels) + c) * kernel) + ky) * kernel) + kx]
                                    * x[(((c * height) + oy + ky) * width) + ox + kx];
                            }
                        }
                    }

                    y[(((f * outHeight) + oy) * outWidth) + ox] = Math.Max(sum, 0f);
                }
            }
        }
    }

    /// <summary>2x2 max pooling, stride 2, floor.</summary>
    public static void MaxPool2(float[] x, int channels, int height, int width, float[] y)
    {
        int outHeight = height / 2;
        int outWidth = width / 2;
        for (int c = 0; c < channels; c++)
        {
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int i = (((c * height) + (2 * oy)) * width) + (2 * ox);
                    y[(((c * outHeight) + oy) * outWidth) + ox] = Math.Max(Math.Max(x[i], x[i + 1]), Math.Max(x[i + width], x[i + width + 1]));
                }
            }
        }
    }
}
