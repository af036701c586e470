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
    Heads: [new Head("crossentropy", 1, 3)],
    Forward: (x, p, _, _) =>
    {
        Tensor conv = nn.functional.relu(nn.functional.conv2d(x, p[0], bias: null, padding: [1, 1]));
        Tensor pooled = nn.functional.max_pool2d(conv, [2, 2], [2, 2]).flatten(1);
        Tensor hidden = nn.functional.tanh(nn.functional.linear(pooled, p[1]));
        return [nn.functional.linear(hidden, p[2], p[3])];
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
    Heads: [new Head("bce", 1, 3)],
    Forward: (x, p, _, _) =>
    {
        Tensor wide = nn.functional.softmax(nn.functional.linear(x, p[0], p[1]), 1);
        Tensor weights = nn.functional.softmax(nn.functional.linear(wide, p[2], p[3]), 1);
        return [nn.functional.linear(weights, p[4], p[5])];
    },
    Targets: [[1, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]]));

// Graphs (API.md "Graphs"), each declared the same way in tests/StaticNet.Tests/Networks/FixtureNetworks.cs.

// A residual CNN: a 1x1 projection shortcut beside a block with batch normalisation, joined by ReLU(branch + shortcut).
// Per-sample values and the optimizer traces use the running statistics (eval mode, as StaticNet's Backward does);
// "trainingBatch" is one training-mode batch (batch statistics, running statistics moved), as BackwardBatch does.
Write(new ReferenceNetwork(
    Name: "r-graph-residual-cnn",
    Input: [2, 6, 6],
    Layers:
    [
        new { kind = "conv2d", filters = 4, kernel = 3, padding = 1, activation = "relu", name = "stem" },
        new { kind = "conv2d", filters = 4, kernel = 3, padding = 1, activation = "identity", bias = false },
        new { kind = "batchnorm", activation = "relu", momentum = 0.1, epsilon = 1e-5 },
        new { kind = "conv2d", filters = 6, kernel = 3, padding = 1, activation = "identity", name = "branch" },
        new { kind = "conv2d", filters = 6, kernel = 1, activation = "identity", from = "stem", name = "projection" },
        new { kind = "add", layers = new[] { "branch", "projection" }, activation = "relu" },
        new { kind = "maxpool2d", size = 2 },
        new { kind = "flatten" },
        new { kind = "dense", units = 3, activation = "softmax" },
    ],
    Loss: "crossentropy",
    Seed: 17,
    Parameters: [[4, 2, 3, 3], [4], [4, 4, 3, 3], [4], [4], [6, 4, 3, 3], [6], [6, 4, 1, 1], [6], [3, 54], [3]],
    FanIns: [18, 18, 36, 4, 4, 36, 36, 4, 4, 54, 54],
    Heads: [new Head("crossentropy", 1, 3)],
    Forward: (x, p, state, training) =>
    {
        Tensor stem = nn.functional.relu(nn.functional.conv2d(x, p[0], p[1], padding: [1, 1]));
        Tensor conv = nn.functional.conv2d(stem, p[2], bias: null, padding: [1, 1]);
        Tensor normed = nn.functional.relu(nn.functional.batch_norm(conv, state[0], state[1], p[3], p[4], training, 0.1, 1e-5));
        Tensor branch = nn.functional.conv2d(normed, p[5], p[6], padding: [1, 1]);
        Tensor projection = nn.functional.conv2d(stem, p[7], p[8]);
        Tensor joined = nn.functional.relu(branch + projection);
        Tensor pooled = nn.functional.max_pool2d(joined, [2, 2], [2, 2]).flatten(1);
        return [nn.functional.linear(pooled, p[9], p[10])];
    },
    Targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]],
    State: [0.05, -0.1, 0.2, 0.0, 1.2, 0.8, 1.5, 1.0]));

// Two tasks on one trunk plus a third head: cross-entropy, binary cross-entropy weighted 0.5, mean squared error weighted 2.
Write(new ReferenceNetwork(
    Name: "r-graph-multitask",
    Input: [8],
    Layers:
    [
        new { kind = "dense", units = 12, activation = "relu", name = "trunk" },
        new { kind = "dense", units = 4, activation = "softmax", output = new { loss = "crossentropy", weight = 1.0 } },
        new { kind = "dense", units = 1, activation = "sigmoid", from = "trunk", output = new { loss = "bce", weight = 0.5 } },
        new { kind = "dense", units = 3, activation = "tanh", from = "trunk", output = new { loss = "mse", weight = 2.0 } },
    ],
    Loss: "heads",
    Seed: 18,
    Parameters: [[12, 8], [12], [4, 12], [4], [1, 12], [1], [3, 12], [3]],
    FanIns: [8, 8, 12, 12, 12, 12, 12, 12],
    Heads: [new Head("crossentropy", 1, 4), new Head("bce", 0.5, 1), new Head("mse", 2, 3)],
    Forward: (x, p, _, _) =>
    {
        Tensor trunk = nn.functional.relu(nn.functional.linear(x, p[0], p[1]));
        return [nn.functional.linear(trunk, p[2], p[3]), nn.functional.linear(trunk, p[4], p[5]), nn.functional.tanh(nn.functional.linear(trunk, p[6], p[7]))];
    },
    Targets: [[1, 0, 0, 0, 1, 0.5, -0.2, 0.1], [0, 0, 1, 0, 0, -0.4, 0.3, 0.9], [0, 1, 0, 0, 1, 0.0, 0.7, -0.6], [0, 0, 0, 1, 0, 0.2, -0.8, 0.4]]));

// A tied autoencoder: the decoder's weight is the encoder's, transposed; its bias its own.
Write(new ReferenceNetwork(
    Name: "r-graph-tied-autoencoder",
    Input: [10],
    Layers:
    [
        new { kind = "dense", units = 4, activation = "tanh", name = "encoder" },
        new { kind = "dense", units = 10, activation = "sigmoid", transposeOf = "encoder" },
    ],
    Loss: "bce",
    Seed: 19,
    Parameters: [[4, 10], [4], [10]],
    FanIns: [10, 10, 4],
    Heads: [new Head("bce", 1, 10)],
    Forward: (x, p, _, _) =>
    {
        Tensor code = nn.functional.tanh(nn.functional.linear(x, p[0], p[1]));
        return [nn.functional.linear(code, p[0].t(), p[2])];
    },
    Targets: [[1, 0, 1, 1, 0, 0, 1, 0, 1, 0], [0, 0, 1, 0, 1, 1, 0, 1, 0, 1], [0.5, 0.2, 0.9, 0.1, 0.4, 0.6, 0.3, 0.8, 0.7, 0], [1, 1, 0, 0, 1, 0, 0, 1, 1, 0]]));

// A Siamese pair: two halves of one input through one encoder (shared weights), the codes compared by a head.
Write(new ReferenceNetwork(
    Name: "r-graph-siamese",
    Input: [12],
    Layers:
    [
        new { kind = "slice", start = 0, length = 6 },
        new { kind = "dense", units = 5, activation = "tanh", name = "encoder" },
        new { kind = "slice", start = 6, length = 6, from = "input" },
        new { kind = "dense", units = 5, activation = "tanh", shares = "encoder", name = "other" },
        new { kind = "concat", layers = new[] { "encoder", "other" } },
        new { kind = "dense", units = 1, activation = "sigmoid" },
    ],
    Loss: "bce",
    Seed: 20,
    Parameters: [[5, 6], [5], [1, 10], [1]],
    FanIns: [6, 6, 10, 10],
    Heads: [new Head("bce", 1, 1)],
    Forward: (x, p, _, _) =>
    {
        Tensor left = nn.functional.tanh(nn.functional.linear(x.narrow(1, 0, 6), p[0], p[1]));
        Tensor right = nn.functional.tanh(nn.functional.linear(x.narrow(1, 6, 6), p[0], p[1]));
        return [nn.functional.linear(torch.cat([left, right], 1), p[2], p[3])];
    },
    Targets: [[1], [0], [1], [0]]));

// Sequences (API.md "Sequences"): PyTorch's recurrences written out with its functional ops, so autograd gives the
// gradients through time; each checked first against nn.LSTM / nn.GRU given the same parameters (Recurrences below).

// Input(6, 2) -> Lstm(5) -> LastStep -> Dense(3, Softmax), cross-entropy.
Write(new ReferenceNetwork(
    Name: "r-seq-lstm-last",
    Input: [6, 2],
    Layers:
    [
        new { kind = "lstm", hidden = 5 },
        new { kind = "laststep" },
        new { kind = "dense", units = 3, activation = "softmax" },
    ],
    Loss: "crossentropy",
    Seed: 21,
    Parameters: [[20, 2], [20, 5], [20], [20], [3, 5], [3]],
    FanIns: [5, 5, 5, 5, 5, 5],
    Heads: [new Head("crossentropy", 1, 3)],
    Forward: (x, p, _, _) =>
    {
        Tensor states = Recurrences.Lstm(x, p[0], p[1], p[2], p[3], 5);
        return [nn.functional.linear(states.select(1, -1), p[4], p[5])];
    },
    Targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]));

// Input(4, 3) -> Gru(4) -> Lstm(3), every step of the LSTM the output, mean squared error over all 12 values.
Write(new ReferenceNetwork(
    Name: "r-seq-gru-lstm",
    Input: [4, 3],
    Layers:
    [
        new { kind = "gru", hidden = 4 },
        new { kind = "lstm", hidden = 3 },
    ],
    Loss: "mse",
    Seed: 22,
    Parameters: [[12, 3], [12, 4], [12], [12], [12, 4], [12, 3], [12], [12]],
    FanIns: [4, 4, 4, 4, 3, 3, 3, 3],
    Heads: [new Head("mse", 1, 12)],
    Forward: (x, p, _, _) =>
    {
        Tensor gru = Recurrences.Gru(x, p[0], p[1], p[2], p[3], 4);
        return [Recurrences.Lstm(gru, p[4], p[5], p[6], p[7], 3).flatten(1)];
    },
    Targets:
    [
        [0.1, -0.2, 0.3, 0.0, 0.4, -0.1, 0.2, 0.5, -0.3, 0.1, 0.0, 0.2],
        [-0.4, 0.1, 0.0, 0.3, -0.2, 0.2, 0.1, -0.1, 0.4, 0.0, 0.3, -0.2],
        [0.2, 0.2, -0.1, 0.1, 0.0, 0.3, -0.4, 0.1, 0.2, -0.3, 0.1, 0.0],
        [0.0, -0.3, 0.2, -0.2, 0.1, 0.0, 0.3, 0.2, -0.1, 0.4, -0.2, 0.1],
    ]));

// Input(20) -> four Dense(20) with SiLU, GELU, GELU (tanh) and Softplus -> PReLU as a layer (20 learned slopes) ->
// Dense(5) -> softmax as a layer, cross-entropy; and Input(20) -> four Dense(20) with Hardtanh, Hardsigmoid, Hardswish
// and Mish -> Dense(5) + softmax: every activation of API.md's later list on layers wide enough (400 weights) that
// StaticNet loops over them, through PyTorch's own kernels.
Write(LoopedActivations("r-activations-looped", 26, prelu: true,
[
    ("silu", h => nn.functional.silu(h)),
    ("gelu", h => nn.functional.gelu(h)),
    ("gelutanh", h => 0.5 * h * (1 + tanh(Math.Sqrt(2 / Math.PI) * (h + (0.044715 * h.pow(3)))))),
    ("softplus", h => nn.functional.softplus(h, 1, 20)),
]));
Write(LoopedActivations("r-activations-hard", 28, prelu: false,
[
    // TorchSharp 0.107's nn.functional.hardtanh returns its input unchanged (its bounds are lost on the way to libtorch):
    // clamp is PyTorch's hardtanh, its gradient differing only exactly at the bounds, which float inputs never hit.
    ("hardtanh", h => h.clamp(-1.0, 1.0)),
    ("hardsigmoid", h => nn.functional.hardsigmoid(h)),
    ("hardswish", h => nn.functional.hardswish(h)),
    ("mish", h => nn.functional.mish(h)),
]));

// Input(6, 3) -> Gru(4) -> GELU as a layer on every step -> Dense(4, SiLU) on every step -> tanh as a layer -> the
// last step -> Dense(2), mean squared error: activations as layers of their own over a sequence.
Write(new ReferenceNetwork(
    Name: "r-activations-sequence",
    Input: [6, 3],
    Layers:
    [
        new { kind = "gru", hidden = 4 },
        new { kind = "activate", activation = "gelu" },
        new { kind = "dense", units = 4, activation = "silu" },
        new { kind = "activate", activation = "tanh" },
        new { kind = "laststep" },
        new { kind = "dense", units = 2 },
    ],
    Loss: "mse",
    Seed: 27,
    Parameters: [[12, 3], [12, 4], [12], [12], [4, 4], [4], [2, 4], [2]],
    FanIns: [4, 4, 4, 4, 4, 4, 4, 4],
    Heads: [new Head("mse", 1, 2)],
    Forward: (x, p, _, _) =>
    {
        Tensor states = nn.functional.gelu(Recurrences.Gru(x, p[0], p[1], p[2], p[3], 4));
        Tensor mixed = nn.functional.tanh(nn.functional.silu(nn.functional.linear(states, p[4], p[5])));
        return [nn.functional.linear(mixed.select(1, -1), p[6], p[7])];
    },
    Targets: [[0.2, -0.1], [-0.3, 0.4], [0.0, 0.1], [0.5, -0.2]]));

// Input(5, 2) -> Gru(4) -> Dense(3, Tanh) on every step, mean squared error over all 15 values.
Write(new ReferenceNetwork(
    Name: "r-seq-gru-dense",
    Input: [5, 2],
    Layers:
    [
        new { kind = "gru", hidden = 4 },
        new { kind = "dense", units = 3, activation = "tanh" },
    ],
    Loss: "mse",
    Seed: 23,
    Parameters: [[12, 2], [12, 4], [12], [12], [3, 4], [3]],
    FanIns: [4, 4, 4, 4, 4, 4],
    Heads: [new Head("mse", 1, 15)],
    Forward: (x, p, _, _) =>
        [nn.functional.tanh(nn.functional.linear(Recurrences.Gru(x, p[0], p[1], p[2], p[3], 4), p[4], p[5])).flatten(1)],
    Targets:
    [
        [0.1, -0.2, 0.3, 0.0, 0.4, -0.1, 0.2, 0.5, -0.3, 0.1, 0.0, 0.2, -0.1, 0.3, 0.2],
        [-0.4, 0.1, 0.0, 0.3, -0.2, 0.2, 0.1, -0.1, 0.4, 0.0, 0.3, -0.2, 0.2, 0.0, -0.3],
        [0.2, 0.2, -0.1, 0.1, 0.0, 0.3, -0.4, 0.1, 0.2, -0.3, 0.1, 0.0, 0.4, -0.2, 0.1],
        [0.0, -0.3, 0.2, -0.2, 0.1, 0.0, 0.3, 0.2, -0.1, 0.4, -0.2, 0.1, 0.0, 0.1, -0.4],
    ]));

// Input(11, 2) -> Conv1D(4, 3, ReLU, Padding = 1, Dilation = 2) -> Conv1D(3, 2, Sigmoid, Stride = 2, Padding = 1)
// -> Flatten -> Dense(3, Softmax), cross-entropy: every geometry property of a 1-D convolution, PyTorch's conv1d on the
// sequence transposed to features x steps and back (API.md "Sequences").
Write(new ReferenceNetwork(
    Name: "r-seq-conv1d",
    Input: [11, 2],
    Layers:
    [
        new { kind = "conv1d", filters = 4, kernel = 3, stride = 1, padding = 1, dilation = 2, causal = false, activation = "relu" },
        new { kind = "conv1d", filters = 3, kernel = 2, stride = 2, padding = 1, dilation = 1, causal = false, activation = "sigmoid" },
        new { kind = "flatten" },
        new { kind = "dense", units = 3, activation = "softmax" },
    ],
    Loss: "crossentropy",
    Seed: 24,
    Parameters: [[4, 2, 3], [4], [3, 4, 2], [3], [3, 15], [3]],
    FanIns: [6, 6, 8, 8, 15, 15],
    Heads: [new Head("crossentropy", 1, 3)],
    Forward: (x, p, _, _) =>
    {
        Tensor first = nn.functional.relu(Convolutions.Conv1d(x, p[0], p[1], stride: 1, padding: 1, dilation: 2, causal: false));
        Tensor second = nn.functional.sigmoid(Convolutions.Conv1d(first, p[2], p[3], stride: 2, padding: 1, dilation: 1, causal: false));
        return [nn.functional.linear(second.flatten(1), p[4], p[5])];
    },
    Targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]));

// Input(8, 1) -> Conv1D(4, 3, Tanh, Causal, Dilation = 2) -> Gru(3) -> LastStep -> Dense(1), mean squared error: a
// causal dilated convolution (four zero steps before the first) feeding a recurrence, the streaming kind of network.
Write(new ReferenceNetwork(
    Name: "r-seq-causal-conv-gru",
    Input: [8, 1],
    Layers:
    [
        new { kind = "conv1d", filters = 4, kernel = 3, stride = 1, padding = 0, dilation = 2, causal = true, activation = "tanh" },
        new { kind = "gru", hidden = 3 },
        new { kind = "laststep" },
        new { kind = "dense", units = 1, activation = "identity" },
    ],
    Loss: "mse",
    Seed: 25,
    Parameters: [[4, 1, 3], [4], [9, 4], [9, 3], [9], [9], [1, 3], [1]],
    FanIns: [3, 3, 3, 3, 3, 3, 3, 3],
    Heads: [new Head("mse", 1, 1)],
    Forward: (x, p, _, _) =>
    {
        Tensor conv = nn.functional.tanh(Convolutions.Conv1d(x, p[0], p[1], stride: 1, padding: 0, dilation: 2, causal: true));
        Tensor states = Recurrences.Gru(conv, p[2], p[3], p[4], p[5], 3);
        return [nn.functional.linear(states.select(1, -1), p[6], p[7])];
    },
    Targets: [[0.3], [-0.5], [0.1], [0.8]]));

// Input(10, 2) -> Conv1D(4, 3, Tanh, Causal, Dilation = 2, Bias = false) -> Conv1D(3, 2, Causal, Bias = false) -> LastStep
// -> Dense(2), mean squared error: causal convolutions without biases (PyTorch bias=False), as WaveNet blocks have them.
Write(new ReferenceNetwork(
    Name: "r-seq-conv1d-nobias",
    Input: [10, 2],
    Layers:
    [
        new { kind = "conv1d", filters = 4, kernel = 3, stride = 1, padding = 0, dilation = 2, causal = true, activation = "tanh", bias = false },
        new { kind = "conv1d", filters = 3, kernel = 2, stride = 1, padding = 0, dilation = 1, causal = true, activation = "identity", bias = false },
        new { kind = "laststep" },
        new { kind = "dense", units = 2, activation = "identity" },
    ],
    Loss: "mse",
    Seed: 32,
    Parameters: [[4, 2, 3], [3, 4, 2], [2, 3], [2]],
    FanIns: [6, 8, 3, 3],
    Heads: [new Head("mse", 1, 2)],
    Forward: (x, p, _, _) =>
    {
        Tensor first = nn.functional.tanh(Convolutions.Conv1d(x, p[0], null, stride: 1, padding: 0, dilation: 2, causal: true));
        Tensor second = Convolutions.Conv1d(first, p[1], null, stride: 1, padding: 0, dilation: 1, causal: true);
        return [nn.functional.linear(second.select(1, -1), p[2], p[3])];
    },
    Targets: [[0.3, -0.2], [-0.5, 0.4], [0.1, 0.0], [0.8, -0.6]]));

// A gated WaveNet block over one channel: Input(12, 1) -> Conv1D(4, 1, Bias = false) "x" -> two causal dilated
// convolutions of x, tanh and sigmoid, multiplied (the gate) -> a 1x1 residual added back onto x -> a second gated
// block of dilation 2 -> Conv1D(1, 1) on every step, mean squared error: joins over sequences (Add, Multiply).
Write(new ReferenceNetwork(
    Name: "r-seq-gated-wavenet",
    Input: [12, 1],
    Layers:
    [
        new { kind = "conv1d", filters = 4, kernel = 1, bias = false, name = "x" },
        new { kind = "conv1d", filters = 4, kernel = 2, dilation = 1, causal = true, activation = "tanh", from = "x", name = "filter0" },
        new { kind = "conv1d", filters = 4, kernel = 2, dilation = 1, causal = true, activation = "sigmoid", from = "x", name = "gate0" },
        new { kind = "multiply", layers = new[] { "filter0", "gate0" }, name = "gated0" },
        new { kind = "conv1d", filters = 4, kernel = 1, from = "gated0", name = "res0" },
        new { kind = "add", layers = new[] { "x", "res0" }, name = "x0" },
        new { kind = "conv1d", filters = 4, kernel = 2, dilation = 2, causal = true, activation = "tanh", from = "x0", name = "filter1" },
        new { kind = "conv1d", filters = 4, kernel = 2, dilation = 2, causal = true, activation = "sigmoid", from = "x0", name = "gate1" },
        new { kind = "multiply", layers = new[] { "filter1", "gate1" }, name = "gated1" },
        new { kind = "conv1d", filters = 1, kernel = 1, from = "gated1", name = "out" },
    ],
    Loss: "mse",
    Seed: 33,
    Parameters: [[4, 1, 1], [4, 4, 2], [4], [4, 4, 2], [4], [4, 4, 1], [4], [4, 4, 2], [4], [4, 4, 2], [4], [1, 4, 1], [1]],
    FanIns: [1, 8, 8, 8, 8, 4, 4, 8, 8, 8, 8, 4, 4],
    Heads: [new Head("mse", 1, 12)],
    Forward: (x, p, _, _) =>
    {
        Tensor stem = Convolutions.Conv1d(x, p[0], null, stride: 1, padding: 0, dilation: 1, causal: false);
        Tensor gated0 = nn.functional.tanh(Convolutions.Conv1d(stem, p[1], p[2], stride: 1, padding: 0, dilation: 1, causal: true))
            * nn.functional.sigmoid(Convolutions.Conv1d(stem, p[3], p[4], stride: 1, padding: 0, dilation: 1, causal: true));
        Tensor x0 = stem + Convolutions.Conv1d(gated0, p[5], p[6], stride: 1, padding: 0, dilation: 1, causal: false);
        Tensor gated1 = nn.functional.tanh(Convolutions.Conv1d(x0, p[7], p[8], stride: 1, padding: 0, dilation: 2, causal: true))
            * nn.functional.sigmoid(Convolutions.Conv1d(x0, p[9], p[10], stride: 1, padding: 0, dilation: 2, causal: true));
        return [Convolutions.Conv1d(gated1, p[11], p[12], stride: 1, padding: 0, dilation: 1, causal: false).flatten(1)];
    },
    Targets:
    [
        [0.1, 0.2, 0.3, 0.2, 0.0, -0.1, -0.3, -0.2, 0.0, 0.1, 0.2, 0.1],
        [-0.4, -0.2, 0.0, 0.2, 0.4, 0.5, 0.4, 0.2, 0.0, -0.2, -0.4, -0.5],
        [0.0, 0.0, 0.1, 0.3, 0.6, 0.3, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0],
        [0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4, -0.5, -0.6],
    ]));

// A TCN block with a concatenation: Input(10, 2) -> a causal Conv1D(3, 2, tanh) and, beside it from the input, a causal
// dilated Conv1D(2, 3, ReLU, dilation 2) -> their features concatenated step by step (5 per step) -> a causal
// Conv1D(2, 2) on every step, mean squared error: Concat over sequences.
Write(new ReferenceNetwork(
    Name: "r-seq-tcn-concat",
    Input: [10, 2],
    Layers:
    [
        new { kind = "conv1d", filters = 3, kernel = 2, dilation = 1, causal = true, activation = "tanh", name = "a" },
        new { kind = "conv1d", filters = 2, kernel = 3, dilation = 2, causal = true, activation = "relu", from = "input", name = "b" },
        new { kind = "concat", layers = new[] { "a", "b" }, name = "both" },
        new { kind = "conv1d", filters = 2, kernel = 2, dilation = 1, causal = true, activation = "identity", from = "both", name = "out" },
    ],
    Loss: "mse",
    Seed: 34,
    Parameters: [[3, 2, 2], [3], [2, 2, 3], [2], [2, 5, 2], [2]],
    FanIns: [4, 4, 6, 6, 10, 10],
    Heads: [new Head("mse", 1, 20)],
    Forward: (x, p, _, _) =>
    {
        Tensor a = nn.functional.tanh(Convolutions.Conv1d(x, p[0], p[1], stride: 1, padding: 0, dilation: 1, causal: true));
        Tensor b = nn.functional.relu(Convolutions.Conv1d(x, p[2], p[3], stride: 1, padding: 0, dilation: 2, causal: true));
        Tensor both = torch.cat([a, b], 2);
        return [Convolutions.Conv1d(both, p[4], p[5], stride: 1, padding: 0, dilation: 1, causal: true).flatten(1)];
    },
    Targets:
    [
        [0.1, -0.1, 0.2, -0.2, 0.3, -0.3, 0.2, -0.2, 0.1, -0.1, 0.0, 0.0, -0.1, 0.1, -0.2, 0.2, -0.3, 0.3, -0.2, 0.2],
        [0.5, 0.4, 0.3, 0.2, 0.1, 0.0, -0.1, -0.2, -0.3, -0.4, -0.5, -0.4, -0.3, -0.2, -0.1, 0.0, 0.1, 0.2, 0.3, 0.4],
        [0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1, 0.0, 0.1],
        [-0.3, 0.3, -0.3, 0.3, -0.2, 0.2, -0.2, 0.2, -0.1, 0.1, -0.1, 0.1, 0.0, 0.0, 0.0, 0.0, 0.1, -0.1, 0.1, -0.1],
    ]));

// Input(6) -> Dense(12, Tanh) -> Dense(3, Softmax), cross-entropy, whose optimizer traces clip each step's gradient
// with torch.nn.utils.clip_grad_norm_ and clip_grad_value_ (as the Trainer's MaxGradientNorm and ClipGradientValue do),
// recording the norm clip_grad_norm_ returned before each step.
Write(new ReferenceNetwork(
    Name: "r-clip-mlp",
    Input: [6],
    Layers:
    [
        new { kind = "dense", units = 12, activation = "tanh" },
        new { kind = "dense", units = 3, activation = "softmax" },
    ],
    Loss: "crossentropy",
    Seed: 31,
    Parameters: [[12, 6], [12], [3, 12], [3]],
    FanIns: [6, 6, 12, 12],
    Heads: [new Head("crossentropy", 1, 3)],
    Forward: (x, p, _, _) => [nn.functional.linear(nn.functional.tanh(nn.functional.linear(x, p[0], p[1])), p[2], p[3])],
    Targets: [[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0], [0, 0, 1]],
    ClippedTraces: true));

// Four looped dense layers of 20 with the given activations, a PReLU layer if asked, then Dense(5) and a softmax head.
ReferenceNetwork LoopedActivations(string name, int seed, bool prelu, (string Name, Func<Tensor, Tensor> Apply)[] activations)
{
    var layers = activations.Select(activation => (object)new { kind = "dense", units = 20, activation = activation.Name }).ToList();
    if (prelu)
    {
        layers.Add(new { kind = "activate", activation = "prelu" });
    }

    layers.Add(new { kind = "dense", units = 5 });
    layers.Add(new { kind = "activate", activation = "softmax" });
    var shapes = activations.SelectMany(_ => new long[][] { [20, 20], [20] }).ToList();
    var fanIns = activations.SelectMany(_ => new[] { 20, 20 }).ToList();
    if (prelu)
    {
        shapes.Add([20]);
        fanIns.Add(4);
    }

    shapes.AddRange([[5, 20], [5]]);
    fanIns.AddRange([20, 20]);
    return new ReferenceNetwork(
        Name: name,
        Input: [20],
        Layers: layers.ToArray(),
        Loss: "crossentropy",
        Seed: seed,
        Parameters: shapes.ToArray(),
        FanIns: fanIns.ToArray(),
        Heads: [new Head("crossentropy", 1, 5)],
        Forward: (x, p, _, _) =>
        {
            Tensor value = x;
            for (int i = 0; i < activations.Length; i++)
            {
                value = activations[i].Apply(nn.functional.linear(value, p[2 * i], p[(2 * i) + 1]));
            }

            int next = 2 * activations.Length;
            if (prelu)
            {
                value = nn.functional.prelu(value, p[next++]);
            }

            return [nn.functional.linear(value, p[next], p[next + 1])]; // the head applies the softmax
        },
        Targets:
        [
            [0.1, 0.2, 0.3, 0.2, 0.2],
            [0.5, 0.1, 0.1, 0.2, 0.1],
            [0.0, 0.0, 1.0, 0.0, 0.0],
            [0.3, 0.3, 0.1, 0.1, 0.2],
        ]);
}

void Write(ReferenceNetwork network)
{
    string path = Path.Combine(folder, network.Name + ".json");
    File.WriteAllText(path, JsonSerializer.Serialize(network.Fixture(), new JsonSerializerOptions { WriteIndented = true }) + "\n");
    Console.WriteLine($"{path}: {network.ParameterCount} parameters");
}

/// <summary>One output of a reference network: its loss, its weight in the network's loss, its size.</summary>
sealed record Head(string Loss, double Weight, int Size);

/// <summary>
/// A network written with PyTorch's functional API: parameter shapes in StaticNet's layout order (weights, then bias,
/// layer by layer), <see cref="Forward"/> from the input to each head's pre-activation (given the parameters, the
/// batch-norm running statistics and whether in training mode), and the heads, whose output activation (softmax for
/// cross-entropy, sigmoid for binary cross-entropy) and loss are applied here. The per-sample loss is the sum of each
/// head's weight times its loss.
/// </summary>
sealed record ReferenceNetwork(
    string Name,
    long[] Input,
    object[] Layers,
    string Loss,
    int Seed,
    long[][] Parameters,
    int[] FanIns,
    Head[] Heads,
    Func<Tensor, Tensor[], Tensor[], bool, Tensor[]> Forward,
    double[][] Targets,
    double[] State = null,
    bool ClippedTraces = false)
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
            Tensor[] logits = Forward(x, p, FreshState(), false);
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

        var fixture = new Dictionary<string, object>
        {
            ["name"] = Name,
            ["generator"] = "tests/reference/LayerReference (TorchSharp-cpu 0.107.0, libtorch 2.10, float64)",
            ["network"] = new Dictionary<string, object> { ["input"] = Input, ["layers"] = Layers, ["loss"] = Loss },
            ["outputShape"] = new[] { Heads.Sum(head => head.Size) },
            ["parameterCount"] = ParameterCount,
            ["parameters"] = start.SelectMany(Flat).ToArray(),
        };
        if (State is not null)
        {
            fixture["state"] = State;
        }

        fixture["cases"] = cases;
        fixture["optimizerTraces"] = ClippedTraces ? new[]
        {
            Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.5, ["steps"] = Steps, ["clipGradNorm"] = 0.05 },
                p => optim.SGD(p, 0.5), clipNorm: 0.05),
            Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.2, ["momentum"] = 0.9, ["steps"] = Steps, ["clipGradValue"] = 0.003 },
                p => optim.SGD(p, 0.2, momentum: 0.9), clipValue: 0.003),
            Trace(start, inputs, targets, new() { ["kind"] = "adam", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8, ["steps"] = Steps, ["clipGradValue"] = 0.01, ["clipGradNorm"] = 0.02 },
                p => optim.Adam(p, 0.01, 0.9, 0.999, 1e-8), clipNorm: 0.02, clipValue: 0.01),
        } : new[]
        {
            Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.1, ["steps"] = Steps },
                p => optim.SGD(p, 0.1)),
            Trace(start, inputs, targets, new() { ["kind"] = "sgd", ["lr"] = 0.05, ["momentum"] = 0.9, ["weightDecay"] = 0.001, ["steps"] = Steps },
                p => optim.SGD(p, 0.05, momentum: 0.9, weight_decay: 0.001)),
            Trace(start, inputs, targets, new() { ["kind"] = "adam", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8, ["steps"] = Steps },
                p => optim.Adam(p, 0.01, 0.9, 0.999, 1e-8)),
            Trace(start, inputs, targets, new() { ["kind"] = "adamw", ["lr"] = 0.01, ["beta1"] = 0.9, ["beta2"] = 0.999, ["epsilon"] = 1e-8, ["weightDecay"] = 0.01, ["steps"] = Steps },
                p => optim.AdamW(p, 0.01, 0.9, 0.999, 1e-8, weight_decay: 0.01)),
        };
        if (State is not null)
        {
            fixture["trainingBatch"] = TrainingBatch(start, inputs, targets);
        }

        return fixture;
    }

    /// <summary>The running statistics at their starting values: means, then variances.</summary>
    private Tensor[] FreshState() => State is null
        ? []
        : [tensor(State.Take(State.Length / 2).ToArray()), tensor(State.Skip(State.Length / 2).ToArray())];

    /// <summary>
    /// Full-batch training from <paramref name="start"/>: the loss before each step, the parameters after the last; each
    /// step's gradient clipped by value, then by norm, where given (and the norms clip_grad_norm_ returned).
    /// </summary>
    private Dictionary<string, object> Trace(Tensor[] start, Tensor inputs, Tensor targets, Dictionary<string, object> optimizer,
        Func<IEnumerable<Parameter>, optim.Optimizer> create, double clipNorm = 0, double clipValue = 0)
    {
        Parameter[] p = start.Select(t => new Parameter(t.detach().clone(), requires_grad: true)).ToArray();
        optim.Optimizer step = create(p);
        var losses = new List<double>();
        var norms = new List<double>();
        for (int i = 0; i < Steps; i++)
        {
            step.zero_grad();
            // Each sample's loss is a sum or mean over its own outputs only, so the batch mean is the mean of the samples' losses.
            Tensor loss = LossOf(Forward(inputs, p, FreshState(), false), targets);
            losses.Add(loss.item<double>());
            loss.backward();
            if (clipValue > 0)
            {
                nn.utils.clip_grad_value_(p, clipValue);
            }

            if (clipNorm > 0)
            {
                norms.Add(nn.utils.clip_grad_norm_(p, clipNorm));
            }

            step.step();
        }

        var trace = new Dictionary<string, object>
        {
            ["optimizer"] = optimizer,
            ["losses"] = losses,
            ["finalParameters"] = p.SelectMany(Flat).ToArray(),
        };
        if (norms.Count > 0)
        {
            trace["gradNorms"] = norms;
        }

        return trace;
    }

    /// <summary>One training-mode batch of every case: mean loss, its parameter gradients, the outputs, the moved running statistics.</summary>
    private Dictionary<string, object> TrainingBatch(Tensor[] start, Tensor inputs, Tensor targets)
    {
        Tensor[] p = start.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        Tensor[] state = FreshState();
        Tensor[] logits = Forward(inputs, p, state, true);
        Tensor loss = LossOf(logits, targets);
        loss.backward();
        return new Dictionary<string, object>
        {
            ["loss"] = loss.item<double>(),
            ["gradParameters"] = p.SelectMany(t => Flat(t.grad)).ToArray(),
            ["outputs"] = Flat(OutputOf(logits)),
            ["stateAfter"] = state.SelectMany(Flat).ToArray(),
        };
    }

    /// <summary>The mean over the batch of each sample's loss: the weighted sum of its heads' losses.</summary>
    private Tensor LossOf(Tensor[] logits, Tensor targets)
    {
        Tensor total = null;
        int offset = 0;
        for (int h = 0; h < Heads.Length; h++)
        {
            Tensor target = targets.narrow(1, offset, Heads[h].Size);
            Tensor loss = Heads[h].Loss switch
            {
                "crossentropy" => -(target * nn.functional.log_softmax(logits[h], 1)).sum(1).mean(),
                "bce" => nn.functional.binary_cross_entropy(nn.functional.sigmoid(logits[h]), target),
                "mse" => nn.functional.mse_loss(logits[h], target),
                _ => throw new ArgumentException($"Unknown loss '{Heads[h].Loss}'."),
            };
            total = total is null ? loss * Heads[h].Weight : total + (loss * Heads[h].Weight);
            offset += Heads[h].Size;
        }

        return total;
    }

    /// <summary>Each head's activated values, side by side.</summary>
    private Tensor OutputOf(Tensor[] logits) => torch.cat(logits.Select((l, h) => Heads[h].Loss switch
    {
        "crossentropy" => nn.functional.softmax(l, 1),
        "bce" => nn.functional.sigmoid(l),
        _ => l,
    }).ToArray(), 1);

    private static Tensor AsFloat32(Tensor t) => t.to_type(float32).to_type(float64);

    private static double[] Flat(Tensor t) => t.detach().flatten().data<double>().ToArray();
}

/// <summary>
/// PyTorch's one-layer, batch_first GRU and LSTM written with its functional ops (gates r, z, n and i, f, g, o; zero
/// initial state), so autograd differentiates them through time. Each is checked against the nn module given the same
/// parameters before a fixture is written from it.
/// </summary>
static class Recurrences
{
    public static Tensor Gru(Tensor x, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, int hidden)
    {
        Tensor h = zeros(x.shape[0], hidden);
        var states = new List<Tensor>();
        for (long t = 0; t < x.shape[1]; t++)
        {
            Tensor[] fromInput = nn.functional.linear(x.select(1, t), weightIh, biasIh).chunk(3, 1);
            Tensor[] fromState = nn.functional.linear(h, weightHh, biasHh).chunk(3, 1);
            Tensor r = nn.functional.sigmoid(fromInput[0] + fromState[0]);
            Tensor z = nn.functional.sigmoid(fromInput[1] + fromState[1]);
            Tensor n = nn.functional.tanh(fromInput[2] + (r * fromState[2]));
            h = ((1 - z) * n) + (z * h);
            states.Add(h);
        }

        Tensor result = stack(states, 1);
        Check("GRU", result, x, [weightIh, weightHh, biasIh, biasHh], hidden);
        return result;
    }

    public static Tensor Lstm(Tensor x, Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh, int hidden)
    {
        Tensor h = zeros(x.shape[0], hidden);
        Tensor c = zeros(x.shape[0], hidden);
        var states = new List<Tensor>();
        for (long t = 0; t < x.shape[1]; t++)
        {
            Tensor[] gates = (nn.functional.linear(x.select(1, t), weightIh, biasIh) + nn.functional.linear(h, weightHh, biasHh)).chunk(4, 1);
            Tensor i = nn.functional.sigmoid(gates[0]);
            Tensor f = nn.functional.sigmoid(gates[1]);
            Tensor g = nn.functional.tanh(gates[2]);
            Tensor o = nn.functional.sigmoid(gates[3]);
            c = (f * c) + (i * g);
            h = o * nn.functional.tanh(c);
            states.Add(h);
        }

        Tensor result = stack(states, 1);
        Check("LSTM", result, x, [weightIh, weightHh, biasIh, biasHh], hidden);
        return result;
    }

    /// <summary>Throws unless PyTorch's own module, given the same parameters, computes <paramref name="result"/>.</summary>
    private static void Check(string kind, Tensor result, Tensor x, Tensor[] parameters, int hidden)
    {
        using var noGrad = torch.no_grad();
        Tensor expected;
        if (kind == "LSTM")
        {
            var module = nn.LSTM(x.shape[2], hidden, batchFirst: true, dtype: float64);
            Load(module, parameters);
            expected = module.call(x.detach()).Item1;
        }
        else
        {
            var module = nn.GRU(x.shape[2], hidden, batchFirst: true, dtype: float64);
            Load(module, parameters);
            expected = module.call(x.detach()).Item1;
        }

        double difference = (expected - result.detach()).abs().max().item<double>();
        if (difference > 1e-12)
        {
            throw new InvalidOperationException($"The functional {kind} differs from nn.{kind} by {difference}.");
        }
    }

    /// <summary>weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0, in state_dict order.</summary>
    private static void Load(nn.Module module, Tensor[] parameters)
    {
        string[] names = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"];
        var byName = module.named_parameters().ToDictionary(pair => pair.name, pair => pair.parameter);
        for (int i = 0; i < names.Length; i++)
        {
            byName[names[i]].copy_(parameters[i].detach());
        }
    }
}

/// <summary>
/// A 1-D convolution over step-major sequences <c>[batch, steps, features]</c>: PyTorch's conv1d on the sequence
/// transposed to <c>[batch, features, steps]</c>, its result transposed back. A causal one pads
/// <c>(kernel - 1) x dilation</c> zeros before the first step only; that is checked against nn.Conv1d padded on both
/// sides with its extra trailing steps cut off, the way causal convolutions are often written in PyTorch.
/// </summary>
static class Convolutions
{
    public static Tensor Conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, bool causal)
    {
        Tensor channelsFirst = x.transpose(1, 2);
        if (!causal)
        {
            return nn.functional.conv1d(channelsFirst, weight, bias, stride: stride, padding: padding, dilation: dilation).transpose(1, 2);
        }

        long reach = (weight.shape[2] - 1) * dilation;
        Tensor result = nn.functional.conv1d(nn.functional.pad(channelsFirst, [reach, 0]), weight, bias, stride: stride, dilation: dilation);
        using (torch.no_grad())
        {
            var module = nn.Conv1d(weight.shape[1], weight.shape[0], weight.shape[2], stride: stride, padding: reach, dilation: dilation, bias: bias is not null, dtype: float64);
            module.weight!.copy_(weight.detach());
            module.bias?.copy_(bias.detach());
            Tensor expected = module.call(channelsFirst.detach()).narrow(2, 0, result.shape[2]);
            double difference = (expected - result.detach()).abs().max().item<double>();
            if (difference > 1e-12)
            {
                throw new InvalidOperationException($"The left-padded causal conv1d differs from nn.Conv1d trimmed by {difference}.");
            }
        }

        return result.transpose(1, 2);
    }
}
