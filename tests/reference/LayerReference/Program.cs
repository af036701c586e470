// PyTorch reference fixtures for what the shared fixtures do not cover: layers without a bias (PyTorch
// bias=False) and a softmax on a hidden layer. Written in the shared fixture format (tests/fixtures/README.md),
// computed by libtorch through TorchSharp in float64. Parameters and inputs are float32 values widened to
// float64, so the float32 network under test starts from exactly what PyTorch saw.
//
// Usage: dotnet run --project tests/reference/LayerReference -- <output folder>
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

string folder = args.Length > 0 ? args[0] : ".";
torch.set_default_dtype(float64);

// Input(2, 6, 6) -> Conv2D(4, 3, ReLU, Padding = 1, Bias = false) -> MaxPool2D(2) -> Flatten
// -> Dense(12, Tanh, Bias = false) -> Dense(3, Softmax), cross-entropy. The 12-unit layer (432 weights) is wide
// enough that StaticNet loops over it instead of unrolling it, so both code shapes of a dense layer are covered.
Write(new ReferenceNetwork(
    Name: "r-nobias-cnn",
    Input: [2, 6, 6],
    Layers:
    [
        new { kind = "conv2d", filters = 4, kernel = 3, padding = 1, activation = "relu", bias = false },
        new { kind = "maxpool2d", size = 2 },
        new { kind = "flatten" },
        new { kind = "dense", units = 12, activation = "tanh", bias = false },
        new { kind = "dense", units = 3, activation = "softmax" },
    ],
    Loss: "crossentropy",
    Seed: 15,
    Parameters: [[4, 2, 3, 3], [12, 36], [3, 12], [3]],
    FanIns: [18, 36, 12, 12],
    Logits: (x, p) =>
    {
        Tensor conv = nn.functional.relu(nn.functional.conv2d(x, p[0], bias: null, padding: [1, 1]));
        Tensor pooled = nn.functional.max_pool2d(conv, [2, 2], [2, 2]).flatten(1);
        Tensor hidden = nn.functional.tanh(nn.functional.linear(pooled, p[1]));
        return nn.functional.linear(hidden, p[2], p[3]);
    },
    Targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]));

// Input(5) -> Dense(40, Softmax) -> Dense(4, Softmax) -> Dense(3, Sigmoid), binary cross-entropy: two hidden
// softmaxes, the first looped (200 weights), the second unrolled, their full Jacobians between other layers.
Write(new ReferenceNetwork(
    Name: "r-hidden-softmax",
    Input: [5],
    Layers:
    [
        new { kind = "dense", units = 40, activation = "softmax" },
        new { kind = "dense", units = 4, activation = "softmax" },
        new { kind = "dense", units = 3, activation = "sigmoid" },
    ],
    Loss: "bce",
    Seed: 16,
    Parameters: [[40, 5], [40], [4, 40], [4], [3, 4], [3]],
    FanIns: [5, 5, 40, 40, 4, 4],
    Logits: (x, p) =>
    {
        Tensor wide = nn.functional.softmax(nn.functional.linear(x, p[0], p[1]), 1);
        Tensor weights = nn.functional.softmax(nn.functional.linear(wide, p[2], p[3]), 1);
        return nn.functional.linear(weights, p[4], p[5]);
    },
    Targets: [[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]]));

void Write(ReferenceNetwork network)
{
    string path = Path.Combine(folder, network.Name + ".json");
    File.WriteAllText(path, JsonSerializer.Serialize(network.Fixture(), new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"{path}: {network.ParameterCount} parameters");
}

/// <summary>
/// A network written with PyTorch's functional API: parameter shapes in StaticNet's layout order (weights,
/// then bias, layer by layer), the code from input to the last layer's pre-activation, and the loss, whose
/// output activation (softmax for cross-entropy, sigmoid for binary cross-entropy) is applied here.
/// </summary>
sealed record ReferenceNetwork(
    string Name,
    long[] Input,
    object[] Layers,
    string Loss,
    int Seed,
    long[][] Parameters,
    int[] FanIns,
    Func<Tensor, Tensor[], Tensor> Logits,
    double[][] Targets)
{
    private const int Steps = 5;

    public long ParameterCount => Parameters.Sum(shape => shape.Aggregate(1L, (a, b) => a * b));

    public Dictionary<string, object> Fixture()
    {
        torch.manual_seed(Seed);
        // PyTorch's default initialisation: uniform in +-1/sqrt(fan in).
        Tensor[] start = Parameters.Select((shape, i) => AsFloat32((rand(shape) * 2 - 1) / Math.Sqrt(FanIns[i]))).ToArray();
        Tensor inputs = AsFloat32(randn([Targets.Length, .. Input]));
        Tensor targets = tensor(Targets.SelectMany(t => t).ToArray()).reshape(Targets.Length, Targets[0].Length);

        var cases = new List<object>();
        for (int c = 0; c < Targets.Length; c++)
        {
            Tensor[] p = start.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
            Tensor x = inputs[c].unsqueeze(0).detach().clone().requires_grad_(true);
            Tensor target = targets[c].unsqueeze(0);
            Tensor logits = Logits(x, p);
            Tensor loss = LossOf(logits, target);
            loss.backward();
            cases.Add(new Dictionary<string, object>
            {
                ["input"] = Flat(x),
                ["target"] = Flat(target),
                ["output"] = Flat(OutputOf(logits)),
                ["loss"] = loss.item<double>(),
                ["gradParameters"] = p.SelectMany(t => Flat(t.grad)).ToArray(),
                ["gradInput"] = Flat(x.grad),
            });
        }

        return new Dictionary<string, object>
        {
            ["name"] = Name,
            ["generator"] = "tests/reference/LayerReference (TorchSharp-cpu 0.107.0, libtorch 2.10, float64)",
            ["network"] = new Dictionary<string, object> { ["input"] = Input, ["layers"] = Layers, ["loss"] = Loss },
            ["outputShape"] = new[] { Targets[0].Length },
            ["parameterCount"] = ParameterCount,
            ["parameters"] = start.SelectMany(Flat).ToArray(),
            ["cases"] = cases,
            ["optimizerTraces"] = new[]
            {
                Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.1, ["steps"] = Steps },
                    p => optim.SGD(p, 0.1)),
                Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.05, ["momentum"] = 0.9, ["weightDecay"] = 0.001, ["steps"] = Steps },
                    p => optim.SGD(p, 0.05, momentum: 0.9, weight_decay: 0.001)),
                Trace(start, inputs, targets, new() { ["kind"] = "adam", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8, ["steps"] = Steps },
                    p => optim.Adam(p, 0.01, 0.9, 0.999, 1e-8)),
                Trace(start, inputs, targets, new() { ["kind"] = "adamw", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8, ["weightDecay"] = 0.01, ["steps"] = Steps },
                    p => optim.AdamW(p, 0.01, 0.9, 0.999, 1e-8, weight_decay: 0.01)),
            },
        };
    }

    /// <summary>Full-batch training from <paramref name="start"/>: the loss before each step, the parameters after the last.</summary>
    private Dictionary<string, object> Trace(Tensor[] start, Tensor inputs, Tensor targets, Dictionary<string, object> optimizer,
        Func<IEnumerable<Parameter>, optim.Optimizer> create)
    {
        Parameter[] p = start.Select(t => new Parameter(t.detach().clone(), requires_grad: true)).ToArray();
        optim.Optimizer step = create(p);
        var losses = new List<double>();
        for (int i = 0; i < Steps; i++)
        {
            step.zero_grad();
            // Each sample's loss is a sum or mean over its own outputs only, so the batch mean is the mean of the samples' losses.
            Tensor loss = LossOf(Logits(inputs, p), targets);
            losses.Add(loss.item<double>());
            loss.backward();
            step.step();
        }

        return new Dictionary<string, object>
        {
            ["optimizer"] = optimizer,
            ["losses"] = losses,
            ["finalParameters"] = p.SelectMany(Flat).ToArray(),
        };
    }

    /// <summary>The mean over the batch of each sample's loss.</summary>
    private Tensor LossOf(Tensor logits, Tensor targets) => Loss switch
    {
        "crossentropy" => -(targets * nn.functional.log_softmax(logits, 1)).sum(1).mean(),
        "bce" => nn.functional.binary_cross_entropy(nn.functional.sigmoid(logits), targets),
        _ => throw new ArgumentException($"Unknown loss '{Loss}'."),
    };

    private Tensor OutputOf(Tensor logits) => Loss switch
    {
        "crossentropy" => nn.functional.softmax(logits, 1),
        "bce" => nn.functional.sigmoid(logits),
        _ => throw new ArgumentException($"Unknown loss '{Loss}'."),
    };

    private static Tensor AsFloat32(Tensor t) => t.to_type(float32).to_type(float64);

    private static double[] Flat(Tensor t) => t.detach().flatten().data<double>().ToArray();
}
