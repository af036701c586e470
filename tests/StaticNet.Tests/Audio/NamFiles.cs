using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using StaticNet.Audio;

namespace StaticNet.Tests.Audio;

/// <summary>The example models (the AmpModel sample's copies), the core's outputs for its input (tests/fixtures/nam), and models made here.</summary>
internal static class NamFiles
{
    public static string Model(string file) => Path.Combine(AppContext.BaseDirectory, "models", file);

    /// <summary>A raw float32 file of tests/fixtures/nam, unzipped.</summary>
    public static float[] Audio(string name)
    {
        using var zipped = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "fixtures", "nam", name + ".f32.gz"));
        using var gzip = new GZipStream(zipped, CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        byte[] raw = bytes.ToArray();
        float[] samples = new float[raw.Length / sizeof(float)];
        Buffer.BlockCopy(raw, 0, samples, 0, raw.Length);
        return samples;
    }

    /// <summary>An example model's JSON, to change a field of.</summary>
    public static JsonObject Json(string file) => JsonNode.Parse(File.ReadAllText(Model(file)))!.AsObject();

    public static NamModel Parse(JsonNode json, string source = "changed.nam") => NamModel.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), source);

    /// <summary>What <c>declare</c> prints for a two-layer LSTM of two units, as <see cref="StackedLstmAmp"/> declares it.</summary>
    public const string StackedLstmDeclaration = """
        using StaticNet;

        // stacked.nam: an LSTM of 2 layers of 2 hidden units, 1 output. Load its weights with NamModel.Load(path).LoadInto(network).
        [Network]
        [Input(8, 1)]
        [Lstm(2, Name = "lstm0")]
        [Lstm(2, Name = "lstm1")]
        [Dense(1, Name = "head")]
        public partial class StackedLstmAmp { }

        """;

    /// <summary>The gated WaveNet <see cref="GatedAmp"/> declares, as the layer arrays of its config and of the reference.</summary>
    public static readonly NamReference.LayerArray[] GatedArrays =
    [
        new(Input: 1, HeadSize: 2, Channels: 2, Kernel: 2, Dilations: [1, 3], Activation: MathF.Tanh, Gated: true, HeadBias: false),
        new(Input: 2, HeadSize: 1, Channels: 2, Kernel: 3, Dilations: [2], Activation: x => MathF.Max(x, 0), Gated: false, HeadBias: true),
    ];

    /// <summary>A .nam file of <see cref="GatedArrays"/> with weights drawn from <paramref name="seed"/>.</summary>
    public static JsonObject GatedWaveNet(int seed, out float[] weights)
    {
        string[] activations = ["Tanh", "ReLU"];
        var layers = new JsonArray();
        int count = 1;
        foreach ((NamReference.LayerArray array, string activation) in GatedArrays.Zip(activations))
        {
            int c = array.Channels;
            int rows = array.Gated ? 2 * c : c;
            count += (c * array.Input) + (array.Dilations.Length * ((rows * c * array.Kernel) + rows + rows + (c * c) + c)) + (array.HeadSize * c) + (array.HeadBias ? array.HeadSize : 0);
            layers.Add(new JsonObject
            {
                ["input_size"] = array.Input,
                ["condition_size"] = 1,
                ["head_size"] = array.HeadSize,
                ["channels"] = c,
                ["kernel_size"] = array.Kernel,
                ["dilations"] = new JsonArray([.. array.Dilations.Select(d => (JsonNode)d)]),
                ["activation"] = activation,
                ["gated"] = array.Gated,
                ["head_bias"] = array.HeadBias,
            });
        }

        var random = new Random(seed);
        weights = Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 1.6) - 0.8)).ToArray();
        return new JsonObject
        {
            ["version"] = "0.5.4",
            ["architecture"] = "WaveNet",
            ["config"] = new JsonObject { ["layers"] = layers, ["head"] = null, ["head_scale"] = 0.5 },
            ["weights"] = new JsonArray([.. weights.Select(w => (JsonNode)w)]),
            ["sample_rate"] = 48000,
        };
    }
}
