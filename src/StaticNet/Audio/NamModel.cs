using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using StaticNet.Storage;

namespace StaticNet.Audio;

/// <summary>
/// A Neural Amp Modeler model read from a <c>.nam</c> file (JSON: version, architecture, config, flat weights,
/// metadata), as NeuralAmpModelerCore reads it: LSTM and WaveNet (layer-array) models. It fills a declared network's
/// parameters (<see cref="LoadInto"/>) and a stream's starting state with the core's prewarm (<see cref="ResetState"/>),
/// and prints the declaration a file needs (<see cref="Declaration"/>). A file whose architecture or sizes differ from
/// the network's declaration is refused, naming both.
/// </summary>
public sealed class NamModel
{
    private readonly NamLayout layout;

    private NamModel(string source, string version, string architecture, JsonElement root, NamLayout layout, int weightCount)
    {
        Source = source;
        Version = version;
        Architecture = architecture;
        this.layout = layout;
        WeightCount = weightCount;
        var json = new NamJson(source);
        SampleRate = json.OptionalNumber(root, "sample_rate", "the file");
        JsonElement? metadata = json.Optional(root, "metadata");
        if (metadata is JsonElement fields)
        {
            Name = json.Optional(fields, "name") is { ValueKind: JsonValueKind.String } name ? name.GetString() : null;
            Loudness = json.OptionalNumber(fields, "loudness", "metadata");
            InputLevelDbu = json.OptionalNumber(fields, "input_level_dbu", "metadata");
            OutputLevelDbu = json.OptionalNumber(fields, "output_level_dbu", "metadata");
        }
    }

    /// <summary>The file's path, or the description of the stream it was read from.</summary>
    public string Source { get; }

    /// <summary>The file format's version, such as <c>0.5.4</c>.</summary>
    public string Version { get; }

    /// <summary>The file's architecture: <c>LSTM</c> or <c>WaveNet</c>.</summary>
    public string Architecture { get; }

    /// <summary>What the model is, in words: <c>an LSTM of 1 layer of 3 hidden units, 1 output</c>.</summary>
    public string Summary => layout.Summary;

    /// <summary>The model's name from its metadata, or null.</summary>
    public string? Name { get; }

    /// <summary>The sample rate the model was trained at, or null when the file has none (the core then assumes none either).</summary>
    public double? SampleRate { get; }

    /// <summary>The metadata's loudness (dB), or null. Stored, never applied to the audio: as the core, the host decides.</summary>
    public double? Loudness { get; }

    /// <summary>The metadata's input calibration level (dBu), or null; not applied.</summary>
    public double? InputLevelDbu { get; }

    /// <summary>The metadata's output calibration level (dBu), or null; not applied.</summary>
    public double? OutputLevelDbu { get; }

    /// <summary>How many flat weights the file holds.</summary>
    public int WeightCount { get; }

    /// <summary>
    /// How many samples of silence the core's prewarm processes at least (WaveNet: 1 + every dilated convolution's reach;
    /// LSTM: half a second at the file's sample rate, 1 without one); it feeds whole blocks of them.
    /// </summary>
    public int PrewarmSamples => layout.PrewarmSamples;

    /// <summary>Why StaticNet cannot declare this model (the part of the file it cannot express), or null when it can.</summary>
    public string? CannotExpress => layout.CannotExpress;

    /// <summary>Reads and checks the <c>.nam</c> file at <paramref name="path"/>.</summary>
    /// <exception cref="WeightFileException">The file cannot be read, is not a <c>.nam</c> model, or its weights do not fit its config; the message names the file and what is wrong.</exception>
    public static NamModel Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new WeightFileException(path, exception.Message, exception);
        }

        return Parse(bytes, path);
    }

    /// <summary>Reads and checks a <c>.nam</c> model from its UTF-8 JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="WeightFileException">It is not a <c>.nam</c> model, or its weights do not fit its config.</exception>
    public static NamModel Parse(ReadOnlySpan<byte> utf8Json, string source)
    {
        var json = new NamJson(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray());
        }
        catch (JsonException exception)
        {
            throw new WeightFileException(source, $"it is not valid JSON ({exception.Message})", exception);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw json.Error("it is not a JSON object, as a .nam file is");
            }

            string version = json.String(root, "version", "the file");
            CheckVersion(json, version);
            string architecture = json.String(root, "architecture", "the file");
            JsonElement config = json.Property(root, "config", "the file");
            float[] weights = json.Weights(root);
            NamLayout layout = architecture switch
            {
                "LSTM" => NamLstmLayout.Read(json, config, weights, json.OptionalNumber(root, "sample_rate", "the file")),
                "WaveNet" => NamWaveNetLayout.Read(json, config, weights),
                _ => NamLayout.Unsupported($"a {architecture} model", $"its architecture \"{architecture}\" is not one StaticNet's amp models declare (they take LSTM and WaveNet)"),
            };
            return new NamModel(source, version, architecture, root, layout, weights.Length);
        }
    }

    /// <summary>
    /// The C# declaration of a network this model loads into: a partial class <paramref name="className"/> whose
    /// <c>Forward</c> takes <paramref name="steps"/> samples (its <c>Step</c> any number, one at a time), with each layer
    /// named as <see cref="LoadInto"/> expects.
    /// </summary>
    /// <exception cref="NotSupportedException">StaticNet cannot declare this model; the message says which part of the file.</exception>
    public string Declaration(string className, int steps = 64)
    {
        ThrowIfCannotExpress();
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var text = new System.Text.StringBuilder();
        text.Append("using StaticNet;\n\n");
        string BlockName(NamBlock block) => layout.Blocks.Length == 1 ? className + "Layer" : className + "Layer" + (System.Array.IndexOf(layout.Blocks, block) + 1);
        foreach (NamBlock block in layout.Blocks)
        {
            NamDeclarationText.Block(text, block, BlockName(block));
        }

        text.Append($"// {Path.GetFileName(Source)}: {Summary}. Load its weights with NamModel.Load(path).LoadInto(network).\n");
        text.Append("[Network]\n");
        text.Append($"[Input({steps}, 1)]\n");
        NamUse? written = null;
        foreach (NamLayer layer in layout.Layers)
        {
            if (layer.Comment is not null)
            {
                text.Append($"// {layer.Comment}\n");
            }

            if (layer.Use is { } use)
            {
                if (use != written)
                {
                    text.Append($"[{NamDeclarationText.Use(use, BlockName(use.Block))}]\n");
                    written = use;
                }

                continue;
            }

            text.Append($"[{layer.Attribute}]\n");
        }

        text.Append($"public partial class {className} {{ }}\n");
        return text.ToString();
    }

    /// <summary>
    /// Copies the file's weights into <paramref name="network"/>'s <see cref="INetwork.Parameters"/> (reading that array
    /// tells the network object to pack its copy again before its next call). Everything is checked before any value is written.
    /// </summary>
    /// <exception cref="WeightFileException">The network is not declared as this file's model (other sizes, dilations, activations or wiring): the message names the file's part and the declaration's.</exception>
    /// <exception cref="NotSupportedException">StaticNet cannot declare this model.</exception>
    public void LoadInto(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        ThrowIfCannotExpress();
        string declared = network.GetType().Name;
        NamNetworkCheck.Check(layout, network, Source, declared, Summary);
        float[] parameters = network.Parameters;
        foreach (NamTensor tensor in layout.Layers.SelectMany(layer => layer.Tensors))
        {
            TensorSlot slot = network.TensorSlots.First(slot => slot.Name == tensor.Name);
            tensor.Values.CopyTo(parameters.AsSpan(slot.Offset, slot.Count));
        }
    }

    /// <summary>
    /// Sets <paramref name="state"/> to the start of a stream as the core's <c>Reset(sampleRate, blockSize)</c> leaves it:
    /// the model's initial state (an LSTM's stored one, a WaveNet's zero histories), then, with
    /// <paramref name="prewarm"/> (the core's default), whole blocks of <paramref name="blockSize"/> zeros until
    /// <see cref="PrewarmSamples"/> are processed, their outputs discarded. It allocates those blocks: call it outside
    /// the audio thread, as the core's <c>Reset</c> is.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not <c>StreamStateCount</c> long.</exception>
    /// <exception cref="WeightFileException">The network has no state part the file's initial state fills.</exception>
    public void ResetState(IStepNetwork network, Span<float> state, bool prewarm = true, int blockSize = 64)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ThrowIfCannotExpress();
        Runtime.SpanGuard.Length(state.Length, network.StreamStateCount, nameof(state));
        network.ResetState(state);
        foreach (KeyValuePair<string, float[]> part in layout.InitialState)
        {
            TensorSlot? slot = network.StreamStateSlots.FirstOrDefault(slot => slot.Name == part.Key);
            if (slot is null || slot.Count != part.Value.Length)
            {
                throw new WeightFileException(Source, $"its initial state `{part.Key}` [{part.Value.Length}] has no place in {network.GetType().Name}'s stream state ({string.Join(", ", network.StreamStateSlots.Select(s => $"{s.Name} {s.ShapeText}"))})");
            }

            part.Value.CopyTo(state.Slice(slot.Offset, slot.Count));
        }

        if (!prewarm)
        {
            return;
        }

        // Whole blocks of silence through StepBlock, as the core's host calls run them: a Step per sample's bits.
        int blocks = (PrewarmSamples + blockSize - 1) / blockSize;
        float[] silence = new float[blockSize * network.StepInputSize];
        float[] discarded = new float[blockSize * network.StepOutputSize];
        for (int block = 0; block < blocks; block++)
        {
            network.StepBlock(state, silence, discarded);
        }
    }

    private void ThrowIfCannotExpress()
    {
        if (CannotExpress is not null)
        {
            throw new NotSupportedException($"'{Source}' is {Summary}, which StaticNet cannot declare: {CannotExpress}.");
        }
    }

    private static void CheckVersion(NamJson json, string version)
    {
        string[] parts = version.Split('.');
        if (parts.Length != 3 || !parts.All(part => part.Length > 0 && part.All(char.IsAsciiDigit)))
        {
            throw json.Error($"its version \"{version}\" is not of the form X.Y.Z");
        }

        int major = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        int minor = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        if (major != 0 || minor < 5 || minor > 7)
        {
            throw json.Error($"its version {version} is not one this reader knows (0.5.0 to 0.7.x, as NeuralAmpModelerCore 0.5 reads)");
        }
    }
}
