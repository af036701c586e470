using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace StaticNet.Audio;

/// <summary>
/// A <c>.nam</c> WaveNet (NAM's <c>WaveNet</c> architecture, its layer-array form): arrays of dilated causal
/// convolutions over the residual stream, each layer's activation mixed with a 1x1 convolution of the input (the
/// condition), summed into the array's head and added back to the stream through a 1x1 convolution. As StaticNet layers,
/// layer <c>l</c> of array <c>a</c> is <c>arrayA.layerL.conv</c> (the dilated convolution), <c>.mixin</c> (the input's
/// 1x1, no bias), <c>.act</c> (their sum through the activation; gated layers slice it into a filter and a gate and
/// multiply them), <c>.layer1x1</c> and <c>.out</c> (the next residual stream); <c>arrayA.head</c> sums the previous
/// array's head and the activations, <c>arrayA.head_rechannel</c> maps it to the head size. The file's last weight, the
/// head scale, multiplies the last head's weights and bias. The last layer's residual feeds nothing and is not declared
/// (its weights in the file are skipped).
/// </summary>
internal static class NamWaveNetLayout
{
    private static readonly string[] KnownArrayFields =
        ["input_size", "condition_size", "head_size", "channels", "kernel_size", "dilations", "activation", "gated", "head_bias", "gating_mode", "bottleneck", "groups_input", "groups"];

    private static readonly Dictionary<string, string> Activations = new(StringComparer.Ordinal)
    {
        ["Tanh"] = "Tanh",
        ["ReLU"] = "ReLU",
        ["Sigmoid"] = "Sigmoid",
        ["Hardtanh"] = "Hardtanh",
        ["SiLU"] = "SiLU",
        ["Hardswish"] = "HardSwish",
    };

    /// <summary>One layer array of the file's config.</summary>
    private sealed record LayerArray(int Input, int Condition, int HeadSize, int Channels, int Kernel, int[] Dilations, string Activation, bool Gated, bool HeadBias)
    {
        public int GateRows => Gated ? 2 * Channels : Channels;

        public long WeightCount =>
            ((long)Channels * Input)
            + (Dilations.Length * (((long)GateRows * Channels * Kernel) + GateRows + ((long)GateRows * Condition) + ((long)Channels * Channels) + Channels))
            + ((long)HeadSize * Channels) + (HeadBias ? HeadSize : 0);
    }

    public static NamLayout Read(NamJson json, JsonElement config, float[] weights)
    {
        JsonElement arraysElement = json.Property(config, "layers", "config");
        if (arraysElement.ValueKind != JsonValueKind.Array || arraysElement.GetArrayLength() == 0)
        {
            throw json.Error($"config's \"layers\" is {NamJson.Abbreviated(arraysElement)}, not a list of layer arrays");
        }

        var arrays = new List<LayerArray>();
        string? cannotExpress = null;
        foreach (JsonElement element in arraysElement.EnumerateArray())
        {
            string where = $"layer array {arrays.Count}";
            (LayerArray array, string? unsupported) = ReadArray(json, element, where);
            cannotExpress ??= unsupported;
            arrays.Add(array);
        }

        string summary = Summary(arrays);
        for (int a = 1; a < arrays.Count; a++)
        {
            if (arrays[a].Channels != arrays[a - 1].HeadSize)
            {
                throw json.Error($"layer array {a} has {arrays[a].Channels} channels but layer array {a - 1}'s head has {arrays[a - 1].HeadSize}: an array's head feeds the next array's head, so they must agree");
            }

            if (arrays[a].Input != arrays[a - 1].Channels)
            {
                throw json.Error($"layer array {a}'s \"input_size\" is {arrays[a].Input} but layer array {a - 1} has {arrays[a - 1].Channels} channels: the residual stream passes from one array to the next");
            }
        }

        if (json.Optional(config, "head") is not null)
        {
            cannotExpress ??= "config's \"head\" (a head after the layer arrays) is not one StaticNet's amp models declare";
        }

        foreach (JsonProperty property in config.EnumerateObject())
        {
            if (property.Name is not ("layers" or "head" or "head_scale"))
            {
                cannotExpress ??= $"config's \"{property.Name}\" is not a field StaticNet's amp models know";
            }
        }

        long expected = arrays.Sum(array => array.WeightCount) + 1;
        if (weights.Length != expected)
        {
            throw json.Error($"it holds {NamLstmLayout.Counted(weights.Length, "weight")}, but {summary} has {expected} (with the head scale)");
        }

        // The core feeds P = 1 + the steps every dilated convolution reaches back, so each history holds silence's response.
        int prewarm = 1 + arrays.Sum(array => array.Dilations.Sum(dilation => dilation * (array.Kernel - 1)));
        if (cannotExpress is not null)
        {
            return NamLayout.Unsupported(summary, cannotExpress) with { PrewarmSamples = prewarm };
        }

        var builder = new Builder(weights);
        return new NamLayout(builder.Declare(arrays), prewarm, summary) { Blocks = [.. builder.Blocks] };
    }

    /// <summary>Walks the file's weights in their order while adding the layers they fill.</summary>
    private sealed class Builder(float[] weights)
    {
        private readonly List<NamLayer> layers = [];
        private int next;

        /// <summary>The blocks the layers' uses name, one per kind of layer (gated or not, and its activation).</summary>
        public List<NamBlock> Blocks { get; } = [];

        public NamLayer[] Declare(List<LayerArray> arrays)
        {
            string stream = "input";
            string? previousHead = null;
            for (int a = 0; a < arrays.Count; a++)
            {
                LayerArray array = arrays[a];
                string prefix = $"array{a}";
                int channels = array.Channels;
                string dilations = Dilations(array);
                Conv($"{prefix}.rechannel", channels, array.Input, 1, 1, bias: false, stream, $"layer array {a}'s rechannel")
                    .Comment = $"Layer array {a}: {channels} channels, kernel {array.Kernel}, {dilations}, {array.Activation}{(array.Gated ? " gated by Sigmoid" : "")}; head {array.HeadSize}{(array.HeadBias ? "" : ", no head bias")}.";
                string x = $"{prefix}.rechannel";
                var activations = new List<string>();
                for (int l = 0; l < array.Dilations.Length; l++)
                {
                    string layer = $"{prefix}.layer{l}";
                    string what = $"layer array {a}, layer {l}'s";
                    int rows = array.GateRows;
                    int first = layers.Count;
                    string layerInput = x;
                    Conv($"{layer}.conv", rows, channels, array.Kernel, array.Dilations[l], bias: true, x, $"{what} dilated convolution", causal: true);
                    Conv($"{layer}.mixin", rows, 1, 1, 1, bias: false, "input", $"{what} input mixin");
                    if (array.Gated)
                    {
                        Join("Add", $"{layer}.z", "", [$"{layer}.conv", $"{layer}.mixin"], rows);
                        Parameterless($"{layer}.filter", $"Slice(0, {channels}", $"Slice(0, {channels})", $"{layer}.z", channels);
                        Parameterless($"{layer}.filter_act", $"Activate(Activation.{array.Activation}", $"Activate({array.Activation})", $"{layer}.filter", channels);
                        Parameterless($"{layer}.gate", $"Slice({channels}, {channels}", $"Slice({channels}, {channels})", $"{layer}.z", channels);
                        Parameterless($"{layer}.gate_act", "Activate(Activation.Sigmoid", "Activate(Sigmoid)", $"{layer}.gate", channels);
                        Join("Multiply", $"{layer}.act", "", [$"{layer}.filter_act", $"{layer}.gate_act"], channels);
                    }
                    else
                    {
                        Join("Add", $"{layer}.act", array.Activation, [$"{layer}.conv", $"{layer}.mixin"], channels);
                    }

                    activations.Add($"{layer}.act");
                    if (a == arrays.Count - 1 && l == array.Dilations.Length - 1)
                    {
                        // The last residual feeds nothing: its weights are in the file, but not in the network.
                        next += (channels * channels) + channels;
                        continue;
                    }

                    Conv($"{layer}.layer1x1", channels, channels, 1, 1, bias: true, $"{layer}.act", $"{what} 1x1 convolution");
                    Join("Add", $"{layer}.out", "", [x, $"{layer}.layer1x1"], channels);
                    x = $"{layer}.out";

                    // A whole layer (its residual too) is one use of the block of its kind.
                    NamBlock block = Blocks.Find(b => b.Gated == array.Gated && b.Activation == array.Activation)
                        ?? new NamBlock(array.Gated, array.Activation, channels, array.Kernel);
                    if (!Blocks.Contains(block))
                    {
                        Blocks.Add(block);
                    }

                    var use = new NamUse(block, layerInput, layer, channels, array.Kernel, array.Dilations[l]);
                    for (int i = first; i < layers.Count; i++)
                    {
                        layers[i].Use = use;
                    }
                }

                List<string> sums = previousHead is null ? activations : [previousHead, .. activations];
                string head = sums[0];
                if (sums.Count > 1)
                {
                    head = $"{prefix}.head";
                    Join("Add", head, "", sums, channels);
                }

                previousHead = $"{prefix}.head_rechannel";
                Conv(previousHead, array.HeadSize, channels, 1, 1, array.HeadBias, head, $"layer array {a}'s head rechannel");
                stream = x;
            }

            // The head scale (the file's last weight; the config's copy is ignored, as the core ignores it) scales the last head.
            float scale = weights[next++];
            foreach (NamTensor tensor in layers[^1].Tensors)
            {
                for (int i = 0; i < tensor.Values.Length; i++)
                {
                    tensor.Values[i] *= scale;
                }
            }

            return [.. layers];
        }

        private NamLayer Conv(string name, int filters, int features, int kernel, int dilation, bool bias, string from, string what, bool causal = false)
        {
            // The file's [out][in][tap] order is PyTorch's Conv1d weight layout: the values are used as they are.
            var tensors = new List<NamTensor> { new($"{name}.weight", [filters, features, kernel], $"{what} weights", Take(filters * features * kernel)) };
            if (bias)
            {
                tensors.Add(new($"{name}.bias", [filters], $"{what} biases", Take(filters)));
            }

            string arguments = $"Conv1D({filters}, {kernel}"
                + (causal ? ", Causal = true" : "")
                + (dilation == 1 ? "" : $", Dilation = {dilation}")
                + (bias ? "" : ", Bias = false")
                + FromArgument(from);
            string geometry = (dilation == 1 ? "" : $", dilation {dilation}") + (causal ? ", causal" : "") + (bias ? "" : ", no bias");
            var layer = new NamLayer(name, $"{arguments}, Name = \"{name}\")", $"Conv1D({filters}, {kernel}{geometry})", [Number(from)], filters, [.. tensors]);
            layers.Add(layer);
            return layer;
        }

        private void Join(string kind, string name, string activation, List<string> operands, int features)
        {
            string names = string.Join(", ", operands);
            string quoted = string.Join(", ", operands.Select(operand => $"\"{operand}\""));
            string activationArgument = activation.Length == 0 ? "" : $", Activation = Activation.{activation}";
            layers.Add(new NamLayer(
                name,
                $"{kind}({quoted}{activationArgument}, Name = \"{name}\")",
                $"{kind}({names}{(activation.Length == 0 ? "" : $", {activation}")})",
                [.. operands.Select(Number)],
                features,
                []));
        }

        private void Parameterless(string name, string attributeStart, string description, string from, int features)
        {
            layers.Add(new NamLayer(name, $"{attributeStart}{FromArgument(from)}, Name = \"{name}\")", description, [Number(from)], features, []));
        }

        /// <summary>A <c>From</c> argument, unless the layer reads the one declared just above it.</summary>
        private string FromArgument(string from) => Number(from) == layers.Count ? "" : $", From = \"{from}\"";

        private int Number(string name) => name == "input" ? 0 : layers.FindIndex(layer => layer.Name == name) + 1;

        private float[] Take(int count)
        {
            float[] values = weights.AsSpan(next, count).ToArray();
            next += count;
            return values;
        }
    }

    private static (LayerArray Array, string? Unsupported) ReadArray(NamJson json, JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw json.Error($"{where} is {NamJson.Abbreviated(element)}, not an object");
        }

        string? unsupported = null;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (!KnownArrayFields.Contains(property.Name))
            {
                unsupported ??= $"{where}'s \"{property.Name}\" is not a field StaticNet's amp models know";
            }
        }

        int channels = json.Int(element, "channels", where);
        bool gated = json.Optional(element, "gated") is not null && json.Bool(element, "gated", where);
        if (json.Optional(element, "gating_mode") is not null)
        {
            string mode = json.String(element, "gating_mode", where);
            gated = mode switch
            {
                "none" => false,
                "gated" => true,
                _ => gated,
            };
            if (mode is not ("none" or "gated"))
            {
                unsupported ??= $"{where}'s \"gating_mode\" \"{mode}\" is not one StaticNet's amp models declare (they take \"none\" and \"gated\")";
            }
        }

        if (json.OptionalInt(element, "bottleneck", where, channels) != channels)
        {
            unsupported ??= $"{where}'s \"bottleneck\" differs from its channels";
        }

        if (json.OptionalInt(element, "groups_input", where, 1) != 1 || json.OptionalInt(element, "groups", where, 1) != 1)
        {
            unsupported ??= $"{where} has grouped convolutions";
        }

        string activation = ReadActivation(json, element, where, ref unsupported);
        var array = new LayerArray(
            json.Int(element, "input_size", where),
            json.Int(element, "condition_size", where),
            json.Int(element, "head_size", where),
            channels,
            json.Int(element, "kernel_size", where),
            json.Ints(element, "dilations", where),
            activation,
            gated,
            json.Bool(element, "head_bias", where));
        if (array.Condition != 1)
        {
            unsupported ??= $"{where}'s \"condition_size\" is {array.Condition}: StaticNet's amp models mix in the one-channel input";
        }

        return (array, unsupported);
    }

    private static string ReadActivation(NamJson json, JsonElement element, string where, ref string? unsupported)
    {
        JsonElement value = json.Property(element, "activation", where);
        string? name = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("type", out JsonElement type) && type.ValueKind == JsonValueKind.String
                && value.EnumerateObject().Count() == 1 => type.GetString(),
            _ => null,
        };
        if (name is not null && Activations.TryGetValue(name, out string? activation))
        {
            return activation;
        }

        unsupported ??= $"{where}'s activation {NamJson.Abbreviated(value)} is not one StaticNet's amp models declare (they take {string.Join(", ", Activations.Keys)})";
        return "Tanh";
    }

    private static string Dilations(LayerArray array) =>
        (array.Dilations.Length == 1 ? "dilation " : "dilations ") + string.Join(", ", array.Dilations);

    private static string Summary(List<LayerArray> arrays) =>
        $"a WaveNet of {NamLstmLayout.Counted(arrays.Count, "layer array")} ("
        + string.Join("; ", arrays.Select(a => $"{a.Channels} channels, kernel {a.Kernel}, {Dilations(a)}{(a.Gated ? ", gated" : "")}"))
        + ")";
}
