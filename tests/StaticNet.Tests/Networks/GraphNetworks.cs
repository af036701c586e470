namespace StaticNet.Tests.Networks;

// Graphs: skip connections, several heads, joins, slices. Each covers a way gradients meet: a value read twice, a join's
// operands, a head that layers also read, the input used twice, unrolled and looped layers on either side.

/// <summary>g-res-mlp: a residual MLP, ReLU(a + b), from the shared fixtures.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(10)]
[Dense(16, Activation.ReLU, Name = "a")]
[Dense(16, Activation.ReLU)]
[Dense(16, Name = "b")]
[Add("a", "b", Activation = Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class ResMlpNet { }

/// <summary>API.md's two tasks on one trunk: a digit (cross-entropy) and its parity (binary cross-entropy, weight 0.5).</summary>
[Network]
[Input(64)]
[Dense(32, Activation.ReLU, Name = "trunk")]
[Dense(10, Activation.Softmax)]
[Output(Loss.CrossEntropy)]
[Dense(1, Activation.Sigmoid, From = "trunk")]
[Output(Loss.BinaryCrossEntropy, Weight = 0.5f)]
public partial class DigitAndParity { }

/// <summary>Small unrolled layers: the trunk read by two heads and a skip, the input read twice, three operands added.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.Tanh, Name = "trunk")]
[Dense(5, Activation.LeakyReLU, Slope = 0.1f, Name = "left")]
[Dense(5, Activation.Sigmoid, From = "trunk", Name = "right")]
[Add("trunk", "left", "right", Activation = Activation.ELU, Name = "sum")]
[Dense(3, Activation.Softmax)]
[Output(Loss.CrossEntropy)]
[Dense(2, Activation.Tanh, From = "input", Name = "direct")]
[Concat("sum", "direct", "input")]
[Dense(2, Activation.Tanh)]
[Output(Loss.MeanSquaredError, Weight = 2f)]
public partial class BranchyNet { }

/// <summary>A head that later layers also read (its outputs feed a second head), and a PReLU on the join.</summary>
[Network]
[Input(6)]
[Dense(8, Activation.ReLU, Name = "hidden")]
[Dense(4, Activation.Sigmoid, Name = "first")]
[Output(Loss.BinaryCrossEntropy)]
[Dense(8, Activation.Tanh, From = "first", Name = "back")]
[Add("hidden", "back", Activation = Activation.PReLU)]
[Dense(2)]
[Output(Loss.MeanSquaredError, Weight = 0.25f)]
public partial class ChainedHeadsNet { }

/// <summary>Looped layers throughout: a wide residual block whose skip is the input itself, and a softmax output.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(40)]
[Dense(48, Activation.ReLU)]
[Dense(40, Activation.Tanh, Name = "block")]
[Add("input", "block", Activation = Activation.ReLU)]
[Dense(30, Activation.Sigmoid, Name = "wide")]
[Slice(10, 12, Name = "part")]
[Concat("part", "wide", "input")]
[Dense(4, Activation.Softmax)]
public partial class LoopedResidualNet { }

/// <summary>Two halves of one input (a pair), each through its own branch, compared by a head.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(12)]
[Slice(0, 6, Name = "left")]
[Dense(4, Activation.Tanh, Name = "leftCode")]
[Slice(6, 6, From = "input")]
[Dense(4, Activation.Tanh, Name = "rightCode")]
[Concat("leftCode", "rightCode")]
[Dense(1, Activation.Sigmoid)]
public partial class PairNet { }

/// <summary>A residual CNN: a 1x1 projection shortcut, batch normalisation, a channel slice, a concat along channels.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1, Name = "stem")]
[Conv2D(6, 3, Padding = 1, Bias = false)]
[BatchNorm(Activation.ReLU)]
[Conv2D(6, 3, Padding = 1, Name = "branch")]
[Conv2D(6, 1, From = "stem", Name = "projection")]
[Add("branch", "projection", Activation = Activation.ReLU, Name = "block")]
[Slice(1, 3, Name = "part")]
[Concat("part", "block", "stem")]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ResidualCnnNet { }

/// <summary>A tied autoencoder, unrolled: the decoder's weight is the encoder's, transposed; its bias its own.</summary>
[Network]
[Input(6)]
[Dense(4, Activation.ReLU, Name = "encoder")]
[Dense(6, TransposeOf = "encoder")]
public partial class TiedAutoencoder { }

/// <summary>A tied autoencoder, looped (960 weights), with a sigmoid output under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(40)]
[Dense(24, Activation.ReLU, Name = "encoder")]
[Dense(40, Activation.Sigmoid, TransposeOf = "encoder")]
public partial class LoopedTiedAutoencoder { }

/// <summary>A Siamese pair: two halves of one input through one encoder (Shares), the codes compared by a head.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(16)]
[Slice(0, 8)]
[Dense(6, Activation.Tanh, Name = "encoder")]
[Slice(8, 8, From = "input")]
[Dense(6, Activation.Tanh, Shares = "encoder", Name = "other")]
[Concat("encoder", "other")]
[Dense(1, Activation.Sigmoid)]
public partial class SiameseNet { }

/// <summary>One convolution applied to two channels of an image (Shares), each use with PReLU slopes of its own.</summary>
[Network]
[Input(2, 5, 5)]
[Slice(0, 1)]
[Conv2D(3, 3, Activation.PReLU, Name = "conv")]
[Slice(1, 1, From = "input")]
[Conv2D(3, 3, Activation.PReLU, Shares = "conv", Name = "again")]
[Add("conv", "again")]
[Flatten]
[Dense(2)]
public partial class SharedConvNet { }

/// <summary>Dropout on one branch of a residual block: its mask applies to the branch, not the skip.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6)]
[Dense(8, Activation.ReLU, Name = "a")]
[Dropout(0.3f)]
[Dense(8, Name = "b")]
[Add("a", "b", Activation = Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class DropoutBranchNet { }

/// <summary>
/// A product of three values ([Multiply] of more than two: each operand's gradient multiplies the other two in), one of
/// which a later [Add] reads too, so its gradient sums both uses.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(5)]
[Dense(4, Activation.Tanh, Name = "a")]
[Dense(4, Activation.Sigmoid, From = "input", Name = "b")]
[Dense(4, From = "input", Name = "c")]
[Multiply("a", "b", "c", Name = "gated")]
[Add("gated", "a")]
[Dense(3, Activation.Softmax)]
public partial class ThreeWayGateNet { }

/// <summary>
/// A gated WaveNet block whose filter and gate are the two halves of one causal convolution's features, sliced step by
/// step ([Slice] over a sequence), then a skip of the input added (a 1x1 to match).
/// </summary>
[Network]
[Input(9, 2)]
[Conv1D(8, 2, Causal = true, Dilation = 2, Name = "z")]
[Slice(0, 4)]
[Activate(Activation.Tanh, Name = "filter")]
[Slice(4, 4, From = "z")]
[Activate(Activation.Sigmoid, Name = "gate")]
[Multiply("filter", "gate", Name = "gated")]
[Conv1D(4, 1, From = "input", Bias = false, Name = "skip")]
[Add("gated", "skip")]
[Conv1D(1, 1)]
public partial class SlicedGateNet { }
