using System;
using System.Collections.Generic;
using System.Text.Json;

namespace StaticNet.Audio;

/// <summary>
/// A <c>.nam</c> LSTM (NAM's <c>LSTM</c> architecture): stacked LSTM layers over a one-channel input, then a linear head
/// on every step. The file's flat weights, layer by layer: the gate matrix <c>4H x (D + H)</c> row-major (input columns,
/// then hidden), one bias per gate unit, the initial hidden and cell states; then the head's weight and bias. PyTorch's
/// gate order (i, f, g, o), as StaticNet's <c>[Lstm]</c> has it; the single bias goes to <c>bias_ih</c>, <c>bias_hh</c> is zero.
/// </summary>
internal static class NamLstmLayout
{
    public static NamLayout Read(NamJson json, JsonElement config, float[] weights, double? sampleRate)
    {
        int input = json.Int(config, "input_size", "config");
        int hidden = json.Int(config, "hidden_size", "config");
        int depth = json.Int(config, "num_layers", "config");
        int inChannels = json.OptionalInt(config, "in_channels", "config", 1);
        int outputs = json.OptionalInt(config, "out_channels", "config", 1);
        string summary = $"an LSTM of {Counted(depth, "layer")} of {hidden} hidden units, {Counted(outputs, "output")}";
        if (input != inChannels)
        {
            throw json.Error($"config's \"input_size\" is {input} but its \"in_channels\" is {inChannels}; the core feeds the input channels to the first layer, so they must agree");
        }

        long expected = 0;
        for (int layer = 0; layer < depth; layer++)
        {
            int width = layer == 0 ? input : hidden;
            expected += (4L * hidden * (width + hidden)) + (4L * hidden) + (2L * hidden);
        }

        expected += ((long)outputs * hidden) + outputs;
        if (weights.Length != expected)
        {
            throw json.Error($"it holds {Counted(weights.Length, "weight")}, but {summary} has {expected}");
        }

        if (input != 1)
        {
            return NamLayout.Unsupported(summary, $"config's \"input_size\" is {input}: StaticNet's amp models take one input channel");
        }

        var layers = new List<NamLayer>();
        var initialState = new List<KeyValuePair<string, float[]>>();
        int next = 0;
        for (int layer = 0; layer < depth; layer++)
        {
            int width = layer == 0 ? input : hidden;
            int gates = 4 * hidden;
            float[] inputWeights = new float[gates * width];
            float[] hiddenWeights = new float[gates * hidden];
            for (int row = 0; row < gates; row++)
            {
                // A row of the file's gate matrix holds the input columns, then the hidden ones.
                weights.AsSpan(next + (row * (width + hidden)), width).CopyTo(inputWeights.AsSpan(row * width));
                weights.AsSpan(next + (row * (width + hidden)) + width, hidden).CopyTo(hiddenWeights.AsSpan(row * hidden));
            }

            next += gates * (width + hidden);
            float[] biases = Take(weights, ref next, gates);
            string name = $"lstm{layer}";
            string what = $"LSTM layer {layer}'s";
            layers.Add(new NamLayer(
                name,
                $"Lstm({hidden}, Name = \"{name}\")",
                $"Lstm({hidden})",
                [layers.Count],
                hidden,
                [
                    new NamTensor($"{name}.weight_ih_l0", [gates, width], $"{what} input weights (gates i, f, g, o)", inputWeights),
                    new NamTensor($"{name}.weight_hh_l0", [gates, hidden], $"{what} recurrent weights", hiddenWeights),
                    new NamTensor($"{name}.bias_ih_l0", [gates], $"{what} biases", biases),
                    new NamTensor($"{name}.bias_hh_l0", [gates], $"{what} second biases (zero: the file has one bias per gate)", new float[gates]),
                ]));
            initialState.Add(new($"{name}.h", Take(weights, ref next, hidden)));
            initialState.Add(new($"{name}.c", Take(weights, ref next, hidden)));
        }

        float[] headWeights = Take(weights, ref next, outputs * hidden);
        float[] headBiases = Take(weights, ref next, outputs);
        layers.Add(new NamLayer(
            "head",
            $"Dense({outputs}, Name = \"head\")",
            $"Dense({outputs}, each step)",
            [layers.Count],
            outputs,
            [
                new NamTensor("head.weight", [outputs, hidden], "head's weights", headWeights),
                new NamTensor("head.bias", [outputs], "head's biases", headBiases),
            ]));

        // The core prewarms half a second of zeros at the file's sample rate, one sample without one.
        int prewarm = sampleRate is double rate && (int)(0.5 * rate) > 0 ? (int)(0.5 * rate) : 1;
        return new NamLayout([.. layers], prewarm, summary) { InitialState = initialState };
    }

    private static float[] Take(float[] weights, ref int next, int count)
    {
        float[] values = weights.AsSpan(next, count).ToArray();
        next += count;
        return values;
    }

    internal static string Counted(long count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
