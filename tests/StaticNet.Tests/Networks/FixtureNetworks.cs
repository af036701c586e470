using StaticNet.TestSupport;

namespace StaticNet.Tests.Networks;

// The networks of tests/fixtures, declared as a user would.

/// <summary>seed-4-6-2: the seeds' 44-parameter classifier.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class Seed462Net { }

/// <summary>tiny-tanh: wide enough that its hidden layers are looped, not unrolled.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
public partial class TinyTanhNet { }

/// <summary>sigmoid-bce: binary classifier with a sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidBceNet { }

/// <summary>leaky-mse: LeakyReLU hidden layer, linear outputs.</summary>
[Network]
[Input(5)]
[Dense(7, Activation.LeakyReLU, Slope = 0.01f)]
[Dense(3)]
public partial class LeakyMseNet { }

/// <summary>r-nobias-cnn (tests/reference/LayerReference): a convolution and a looped dense layer without biases.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1, Bias = false)]
[MaxPool2D(2)]
[Flatten]
[Dense(12, Activation.Tanh, Bias = false)]
[Dense(3, Activation.Softmax)]
public partial class NoBiasCnnNet { }

/// <summary>r-hidden-softmax (tests/reference/LayerReference): two hidden softmaxes, looped then unrolled.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(5)]
[Dense(40, Activation.Softmax)]
[Dense(4, Activation.Softmax)]
[Dense(3, Activation.Sigmoid)]
public partial class TwoHiddenSoftmaxNet { }

/// <summary>m-gated-mlp: half of a dense layer through tanh gated by the other half through a sigmoid ([Multiply]).</summary>
[Network]
[Input(8)]
[Dense(12, Name = "z")]
[Slice(0, 6, Name = "za")]
[Activate(Activation.Tanh, Name = "a")]
[Slice(6, 6, From = "z", Name = "zg")]
[Activate(Activation.Sigmoid, Name = "gate")]
[Multiply("a", "gate", Name = "gated")]
[Dense(2)]
public partial class GatedMlpNet { }

/// <summary>
/// w-wavenet-tanh: a WaveNet of three dilated causal blocks over one channel: an input mix without bias, each block's
/// causal convolution plus a bias-free 1x1 of the input, tanh, a 1x1 residual back onto the block's input, the blocks'
/// activations summed into the head (joins over sequences).
/// </summary>
[Network]
[Input(12, 1)]
[Conv1D(3, 1, Bias = false, Name = "x")]
[Conv1D(3, 2, Causal = true, From = "x", Name = "conv0")]
[Conv1D(3, 1, Bias = false, From = "input", Name = "mix0")]
[Add("conv0", "mix0", Name = "z0")]
[Activate(Activation.Tanh, From = "z0", Name = "act0")]
[Conv1D(3, 1, From = "act0", Name = "res0")]
[Add("x", "res0", Name = "x0")]
[Conv1D(3, 2, Causal = true, Dilation = 2, From = "x0", Name = "conv1")]
[Conv1D(3, 1, Bias = false, From = "input", Name = "mix1")]
[Add("conv1", "mix1", Name = "z1")]
[Activate(Activation.Tanh, From = "z1", Name = "act1")]
[Conv1D(3, 1, From = "act1", Name = "res1")]
[Add("x0", "res1", Name = "x1")]
[Conv1D(3, 2, Causal = true, Dilation = 4, From = "x1", Name = "conv2")]
[Conv1D(3, 1, Bias = false, From = "input", Name = "mix2")]
[Add("conv2", "mix2", Name = "z2")]
[Activate(Activation.Tanh, From = "z2", Name = "act2")]
[Add("act0", "act1", "act2", Name = "head")]
[Conv1D(1, 1, From = "head", Name = "out")]
public partial class WaveNetTanhNet { }

/// <summary>
/// r-seq-gated-wavenet (tests/reference/LayerReference): two gated WaveNet blocks, tanh(filter) * sigmoid(gate) of causal
/// dilated convolutions, a 1x1 residual between them, a 1x1 read-out on every step.
/// </summary>
[Network]
[Input(12, 1)]
[Conv1D(4, 1, Bias = false, Name = "x")]
[Conv1D(4, 2, Activation.Tanh, Causal = true, From = "x", Name = "filter0")]
[Conv1D(4, 2, Activation.Sigmoid, Causal = true, From = "x", Name = "gate0")]
[Multiply("filter0", "gate0", Name = "gated0")]
[Conv1D(4, 1, From = "gated0", Name = "res0")]
[Add("x", "res0", Name = "x0")]
[Conv1D(4, 2, Activation.Tanh, Causal = true, Dilation = 2, From = "x0", Name = "filter1")]
[Conv1D(4, 2, Activation.Sigmoid, Causal = true, Dilation = 2, From = "x0", Name = "gate1")]
[Multiply("filter1", "gate1", Name = "gated1")]
[Conv1D(1, 1, From = "gated1", Name = "out")]
public partial class GatedWaveNet { }

/// <summary>
/// r-seq-tcn-concat (tests/reference/LayerReference): two causal convolutions of the input, their features concatenated
/// step by step, a causal convolution over them.
/// </summary>
[Network]
[Input(10, 2)]
[Conv1D(3, 2, Activation.Tanh, Causal = true, Name = "a")]
[Conv1D(2, 3, Activation.ReLU, Causal = true, Dilation = 2, From = "input", Name = "b")]
[Concat("a", "b", Name = "both")]
[Conv1D(2, 2, Causal = true, Name = "out")]
public partial class TcnConcatNet { }

/// <summary>r-seq-conv1d-nobias (tests/reference/LayerReference): causal convolutions without biases, as WaveNet blocks have them.</summary>
[Network]
[Input(10, 2)]
[Conv1D(4, 3, Activation.Tanh, Causal = true, Dilation = 2, Bias = false)]
[Conv1D(3, 2, Causal = true, Bias = false)]
[LastStep]
[Dense(2)]
public partial class NoBiasCausalConvNet { }

/// <summary>r-clip-mlp (tests/reference/LayerReference): optimizer traces whose gradients are clipped.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6)]
[Dense(12, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class ClipMlpNet { }

/// <summary>r-graph-residual-cnn: a 1x1 projection shortcut beside a block with batch normalisation.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1, Name = "stem")]
[Conv2D(4, 3, Padding = 1, Bias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(6, 3, Padding = 1, Name = "branch")]
[Conv2D(6, 1, From = "stem", Name = "projection")]
[Add("branch", "projection", Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class GraphResidualCnn { }

/// <summary>r-graph-multitask: three heads on one trunk, weighted 1, 0.5 and 2.</summary>
[Network]
[Input(8)]
[Dense(12, Activation.ReLU, Name = "trunk")]
[Dense(4, Activation.Softmax)]
[Output(Loss.CrossEntropy)]
[Dense(1, Activation.Sigmoid, From = "trunk")]
[Output(Loss.BinaryCrossEntropy, Weight = 0.5f)]
[Dense(3, Activation.Tanh, From = "trunk")]
[Output(Loss.MeanSquaredError, Weight = 2f)]
public partial class GraphMultitask { }

/// <summary>r-graph-tied-autoencoder: the decoder's weight is the encoder's, transposed.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(10)]
[Dense(4, Activation.Tanh, Name = "encoder")]
[Dense(10, Activation.Sigmoid, TransposeOf = "encoder")]
public partial class GraphTiedAutoencoder { }

/// <summary>r-graph-siamese: two halves of the input through one encoder, compared by a head.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(12)]
[Slice(0, 6)]
[Dense(5, Activation.Tanh, Name = "encoder")]
[Slice(6, 6, From = "input")]
[Dense(5, Activation.Tanh, Shares = "encoder", Name = "other")]
[Concat("encoder", "other")]
[Dense(1, Activation.Sigmoid)]
public partial class GraphSiamese { }

public static class FixtureNetworks
{
    public static NetworkFunctions ForFixture(string fixture) => fixture switch
    {
        "seed-4-6-2" => new(fixture, Seed462Net.ParameterCount, Seed462Net.InputSize, Seed462Net.OutputSize, Seed462Net.Forward, Seed462Net.Backward),
        "tiny-tanh" => new(fixture, TinyTanhNet.ParameterCount, TinyTanhNet.InputSize, TinyTanhNet.OutputSize, TinyTanhNet.Forward, TinyTanhNet.Backward),
        "sigmoid-bce" => new(fixture, SigmoidBceNet.ParameterCount, SigmoidBceNet.InputSize, SigmoidBceNet.OutputSize, SigmoidBceNet.Forward, SigmoidBceNet.Backward),
        "leaky-mse" => new(fixture, LeakyMseNet.ParameterCount, LeakyMseNet.InputSize, LeakyMseNet.OutputSize, LeakyMseNet.Forward, LeakyMseNet.Backward),
        "cnn-small" => new(fixture, CnnSmallNet.ParameterCount, CnnSmallNet.InputSize, CnnSmallNet.OutputSize, CnnSmallNet.Forward, CnnSmallNet.Backward),
        "r-nobias-cnn" => new(fixture, NoBiasCnnNet.ParameterCount, NoBiasCnnNet.InputSize, NoBiasCnnNet.OutputSize, NoBiasCnnNet.Forward, NoBiasCnnNet.Backward),
        "r-seq-gated-wavenet" => new(fixture, GatedWaveNet.ParameterCount, GatedWaveNet.InputSize, GatedWaveNet.OutputSize, GatedWaveNet.Forward, GatedWaveNet.Backward),
        "r-seq-tcn-concat" => new(fixture, TcnConcatNet.ParameterCount, TcnConcatNet.InputSize, TcnConcatNet.OutputSize, TcnConcatNet.Forward, TcnConcatNet.Backward),
        "r-seq-conv1d-nobias" => new(fixture, NoBiasCausalConvNet.ParameterCount, NoBiasCausalConvNet.InputSize, NoBiasCausalConvNet.OutputSize, NoBiasCausalConvNet.Forward, NoBiasCausalConvNet.Backward),
        "r-clip-mlp" => new(fixture, ClipMlpNet.ParameterCount, ClipMlpNet.InputSize, ClipMlpNet.OutputSize, ClipMlpNet.Forward, ClipMlpNet.Backward),
        "r-hidden-softmax" => new(fixture, TwoHiddenSoftmaxNet.ParameterCount, TwoHiddenSoftmaxNet.InputSize, TwoHiddenSoftmaxNet.OutputSize, TwoHiddenSoftmaxNet.Forward, TwoHiddenSoftmaxNet.Backward),
        "r-graph-multitask" => new(fixture, GraphMultitask.ParameterCount, GraphMultitask.InputSize, GraphMultitask.OutputSize, GraphMultitask.Forward, GraphMultitask.Backward),
        "r-graph-tied-autoencoder" => new(fixture, GraphTiedAutoencoder.ParameterCount, GraphTiedAutoencoder.InputSize, GraphTiedAutoencoder.OutputSize, GraphTiedAutoencoder.Forward, GraphTiedAutoencoder.Backward),
        "r-graph-siamese" => new(fixture, GraphSiamese.ParameterCount, GraphSiamese.InputSize, GraphSiamese.OutputSize, GraphSiamese.Forward, GraphSiamese.Backward),
        "g-res-mlp" => new(fixture, ResMlpNet.ParameterCount, ResMlpNet.InputSize, ResMlpNet.OutputSize, ResMlpNet.Forward, ResMlpNet.Backward),
        "r-activations-looped" => new(fixture, LoopedActivationsNet.ParameterCount, LoopedActivationsNet.InputSize, LoopedActivationsNet.OutputSize, LoopedActivationsNet.Forward, LoopedActivationsNet.Backward),
        "r-activations-hard" => new(fixture, LoopedHardActivationsNet.ParameterCount, LoopedHardActivationsNet.InputSize, LoopedHardActivationsNet.OutputSize, LoopedHardActivationsNet.Forward, LoopedHardActivationsNet.Backward),
        "r-activations-sequence" => new(fixture, SequenceActivateNet.ParameterCount, SequenceActivateNet.InputSize, SequenceActivateNet.OutputSize, SequenceActivateNet.Forward, SequenceActivateNet.Backward),
        "w-wavenet-tanh" => new(fixture, WaveNetTanhNet.ParameterCount, WaveNetTanhNet.InputSize, WaveNetTanhNet.OutputSize, WaveNetTanhNet.Forward, WaveNetTanhNet.Backward),
        "m-gated-mlp" => new(fixture, GatedMlpNet.ParameterCount, GatedMlpNet.InputSize, GatedMlpNet.OutputSize, GatedMlpNet.Forward, GatedMlpNet.Backward),
        "a-activations-mlp" => new(fixture, ActivationsMlpNet.ParameterCount, ActivationsMlpNet.InputSize, ActivationsMlpNet.OutputSize, ActivationsMlpNet.Forward, ActivationsMlpNet.Backward),
        "p-prelu-elu-mlp" => new(fixture, PReluEluNet.ParameterCount, PReluEluNet.InputSize, PReluEluNet.OutputSize, PReluEluNet.Forward, PReluEluNet.Backward),
        "r-seq-lstm-last" => new(fixture, LstmLastReferenceNet.ParameterCount, LstmLastReferenceNet.InputSize, LstmLastReferenceNet.OutputSize, LstmLastReferenceNet.Forward, LstmLastReferenceNet.Backward),
        "r-seq-gru-dense" => new(fixture, GruDenseReferenceNet.ParameterCount, GruDenseReferenceNet.InputSize, GruDenseReferenceNet.OutputSize, GruDenseReferenceNet.Forward, GruDenseReferenceNet.Backward),
        "r-seq-gru-lstm" => new(fixture, GruLstmReferenceNet.ParameterCount, GruLstmReferenceNet.InputSize, GruLstmReferenceNet.OutputSize, GruLstmReferenceNet.Forward, GruLstmReferenceNet.Backward),
        "r-seq-conv1d" => new(fixture, StridedConvNet.ParameterCount, StridedConvNet.InputSize, StridedConvNet.OutputSize, StridedConvNet.Forward, StridedConvNet.Backward),
        "r-seq-causal-conv-gru" => new(fixture, CausalConvGruReferenceNet.ParameterCount, CausalConvGruReferenceNet.InputSize, CausalConvGruReferenceNet.OutputSize, CausalConvGruReferenceNet.Forward, CausalConvGruReferenceNet.Backward),
        "s-gru-last-softmax" => new(fixture, GruLastSoftmaxNet.ParameterCount, GruLastSoftmaxNet.InputSize, GruLastSoftmaxNet.OutputSize, GruLastSoftmaxNet.Forward, GruLastSoftmaxNet.Backward),
        _ => throw new System.ArgumentException($"No network for fixture '{fixture}'.", nameof(fixture)),
    };
}

/// <summary>s-gru-last-softmax: a GRU over five steps of three features, its last state classified.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(5, 3)]
[Gru(4)]
[LastStep]
[Dense(2, Activation.Softmax)]
public partial class GruLastSoftmaxNet { }

/// <summary>r-seq-lstm-last (tests/reference/LayerReference): an LSTM's last state classified.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6, 2)]
[Lstm(5)]
[LastStep]
[Dense(3, Activation.Softmax)]
public partial class LstmLastReferenceNet { }

/// <summary>r-seq-gru-lstm (tests/reference/LayerReference): a GRU then an LSTM, every step of it the output.</summary>
[Network]
[Input(4, 3)]
[Gru(4)]
[Lstm(3)]
public partial class GruLstmReferenceNet { }

/// <summary>r-seq-gru-dense (tests/reference/LayerReference): a dense layer with tanh on every step of a GRU.</summary>
[Network]
[Input(5, 2)]
[Gru(4)]
[Dense(3, Activation.Tanh)]
public partial class GruDenseReferenceNet { }

/// <summary>r-seq-causal-conv-gru (tests/reference/LayerReference): a causal dilated convolution feeding a GRU. (r-seq-conv1d is StridedConvNet.)</summary>
[Network]
[Input(8, 1)]
[Conv1D(4, 3, Activation.Tanh, Causal = true, Dilation = 2)]
[Gru(3)]
[LastStep]
[Dense(1)]
public partial class CausalConvGruReferenceNet { }

/// <summary>XOR: two inputs, one sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }

/// <summary>cnn-small: convolution, max pooling, flatten and a softmax classifier on 8x8 images.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(3, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class CnnSmallNet { }

/// <summary>Same parameter count as <see cref="Seed462Net"/>, another architecture (tanh hidden layer).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class Seed462TanhNet { }
