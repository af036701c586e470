using System;
using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Tests.Audio;

/// <summary>
/// What NeuralAmpModelerCore computes for a WaveNet, written plainly from the team's SEMANTICS.md (flat weight order,
/// per-sample equations, gating) and independently of StaticNet's reader and layers: the oracle for models the core's
/// own outputs do not cover (gated layers, other activations, no prewarm).
/// </summary>
internal static class NamReference
{
    /// <summary>One layer array of a WaveNet config.</summary>
    public sealed record LayerArray(int Input, int HeadSize, int Channels, int Kernel, int[] Dilations, Func<float, float> Activation, bool Gated, bool HeadBias);

    /// <summary>The core's output for <paramref name="input"/>, its histories zero before the first sample (no prewarm).</summary>
    public static float[] WaveNet(IReadOnlyList<LayerArray> arrays, float[] weights, float[] input)
    {
        int next = 0;
        float[] Take(int count)
        {
            float[] values = weights.AsSpan(next, count).ToArray();
            next += count;
            return values;
        }

        int steps = input.Length;
        float[][]? stream = null;  // the residual stream passed on: [t][channel]
        float[][]? previousHead = null;
        for (int a = 0; a < arrays.Count; a++)
        {
            LayerArray array = arrays[a];
            int c = array.Channels;
            int rows = array.Gated ? 2 * c : c;
            float[] rechannel = Take(c * array.Input);
            float[][] x = new float[steps][];
            for (int t = 0; t < steps; t++)
            {
                float[] source = a == 0 ? [input[t]] : stream![t];
                x[t] = MatrixVector(rechannel, c, array.Input, source);
            }

            float[][] head = Enumerable.Range(0, steps).Select(t => previousHead is null ? new float[c] : (float[])previousHead[t].Clone()).ToArray();
            foreach (int dilation in array.Dilations)
            {
                float[] conv = Take(rows * c * array.Kernel);
                float[] bias = Take(rows);
                float[] mixin = Take(rows);
                float[] layer1x1 = Take(c * c);
                float[] layer1x1Bias = Take(c);
                float[][] nextX = new float[steps][];
                for (int t = 0; t < steps; t++)
                {
                    float[] z = (float[])bias.Clone();
                    for (int o = 0; o < rows; o++)
                    {
                        for (int k = 0; k < array.Kernel; k++)
                        {
                            int at = t - (dilation * (array.Kernel - 1 - k));
                            if (at < 0)
                            {
                                continue;
                            }

                            for (int i = 0; i < c; i++)
                            {
                                z[o] += conv[(((o * c) + i) * array.Kernel) + k] * x[at][i];
                            }
                        }

                        z[o] += mixin[o] * input[t];
                    }

                    float[] activation = new float[c];
                    for (int i = 0; i < c; i++)
                    {
                        activation[i] = array.Gated ? array.Activation(z[i]) * (1f / (1f + MathF.Exp(-z[c + i]))) : array.Activation(z[i]);
                        head[t][i] += activation[i];
                    }

                    float[] residual = MatrixVector(layer1x1, c, c, activation);
                    nextX[t] = x[t].Select((value, i) => value + residual[i] + layer1x1Bias[i]).ToArray();
                }

                x = nextX;
            }

            float[] headWeights = Take(array.HeadSize * c);
            float[] headBias = array.HeadBias ? Take(array.HeadSize) : new float[array.HeadSize];
            previousHead = head.Select(sum => MatrixVector(headWeights, array.HeadSize, c, sum).Select((value, i) => value + headBias[i]).ToArray()).ToArray();
            stream = x;
        }

        float scale = weights[next++];
        if (next != weights.Length)
        {
            throw new InvalidOperationException($"The reference used {next} of {weights.Length} weights.");
        }

        return previousHead!.Select(y => scale * y[0]).ToArray();
    }

    private static float[] MatrixVector(float[] matrix, int rows, int columns, float[] vector)
    {
        float[] result = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < columns; i++)
            {
                result[r] += matrix[(r * columns) + i] * vector[i];
            }
        }

        return result;
    }

    /// <summary>
    /// The core's LSTM (SEMANTICS.md section 1): per layer the gate matrix 4H x (D + H) row-major (input columns, then
    /// hidden), one bias per gate unit (i, f, g, o), the initial h and c; then the head. From the stored initial state.
    /// </summary>
    public static float[] Lstm(int layers, int hidden, float[] weights, float[] input)
    {
        int next = 0;
        float[] Take(int count)
        {
            float[] values = weights.AsSpan(next, count).ToArray();
            next += count;
            return values;
        }

        var matrices = new List<float[]>();
        var biases = new List<float[]>();
        var h = new List<float[]>();
        var c = new List<float[]>();
        for (int layer = 0; layer < layers; layer++)
        {
            int width = layer == 0 ? 1 : hidden;
            matrices.Add(Take(4 * hidden * (width + hidden)));
            biases.Add(Take(4 * hidden));
            h.Add(Take(hidden));
            c.Add(Take(hidden));
        }

        float[] head = Take(hidden);
        float headBias = Take(1)[0];
        var output = new float[input.Length];
        for (int t = 0; t < input.Length; t++)
        {
            float[] x = [input[t]];
            for (int layer = 0; layer < layers; layer++)
            {
                float[] joined = [.. x, .. h[layer]];
                float[] a = MatrixVector(matrices[layer], 4 * hidden, joined.Length, joined).Select((value, i) => value + biases[layer][i]).ToArray();
                for (int u = 0; u < hidden; u++)
                {
                    float i = 1f / (1f + MathF.Exp(-a[u]));
                    float f = 1f / (1f + MathF.Exp(-a[hidden + u]));
                    float g = MathF.Tanh(a[(2 * hidden) + u]);
                    float o = 1f / (1f + MathF.Exp(-a[(3 * hidden) + u]));
                    c[layer][u] = (f * c[layer][u]) + (i * g);
                    h[layer][u] = o * MathF.Tanh(c[layer][u]);
                }

                x = (float[])h[layer].Clone();
            }

            output[t] = headBias + x.Select((value, u) => value * head[u]).Sum();
        }

        return output;
    }
}
