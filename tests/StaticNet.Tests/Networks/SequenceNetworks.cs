namespace StaticNet.Tests.Networks;

// Recurrent networks beside the fixture's (GruLastSoftmaxNet): every step's output read, GRUs stacked, a sequence as the output.

/// <summary>Every step of a GRU flattened into a dense layer: each step's hidden state carries its own gradient.</summary>
[Network]
[Input(6, 2)]
[Gru(5)]
[Flatten]
[Dense(3)]
public partial class GruEveryStepNet { }

/// <summary>Two GRUs stacked: the first one's input gradients flow back through the second's.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(7, 3)]
[Gru(6)]
[Gru(4)]
[LastStep]
[Dense(1, Activation.Sigmoid)]
public partial class StackedGruNet { }

/// <summary>A GRU's whole sequence as the network's output, with mean squared error over all of it.</summary>
[Network]
[Input(4, 2)]
[Gru(3)]
public partial class GruOutputNet { }

/// <summary>An LSTM's last state classified.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6, 2)]
[Lstm(5)]
[LastStep]
[Dense(3, Activation.Softmax)]
public partial class LstmLastNet { }

/// <summary>A GRU then an LSTM, its every step flattened: both kinds' input gradients and every step's gradient.</summary>
[Network]
[Input(5, 3)]
[Gru(4)]
[Lstm(3)]
[Flatten]
[Dense(2)]
public partial class GruLstmNet { }

/// <summary>A dense layer on every step of a GRU's output: the output is again a sequence.</summary>
[Network]
[Input(5, 2)]
[Gru(4)]
[Dense(3, Activation.Tanh)]
public partial class GruDenseEachStepNet { }

/// <summary>A dense layer on every input step before an LSTM, whose last state is classified.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(6, 3)]
[Dense(4, Activation.ReLU)]
[Lstm(3)]
[LastStep]
[Dense(2, Activation.Sigmoid)]
public partial class DenseLstmNet { }

/// <summary>Causal dilated convolutions (a WaveNet-like stack) then a GRU: streams, its history in the state.</summary>
[Network]
[Input(9, 2)]
[Conv1D(4, 3, Activation.Tanh, Causal = true)]
[Conv1D(3, 2, Activation.ReLU, Causal = true, Dilation = 2)]
[Gru(3)]
[LastStep]
[Dense(1)]
public partial class CausalConvGruNet { }

/// <summary>A causal convolution's whole sequence as the output (each step's filters), with a pointwise one before it.</summary>
[Network]
[Input(6, 3)]
[Conv1D(2, 1, Activation.LeakyReLU, Slope = 0.2f)]
[Conv1D(3, 4, Causal = true, Dilation = 1)]
public partial class CausalConvOutputNet { }

/// <summary>Strided, padded and dilated convolutions, flattened and classified: every geometry property at once (no Step).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(11, 2)]
[Conv1D(4, 3, Activation.ReLU, Padding = 1, Dilation = 2)]
[Conv1D(3, 2, Activation.Sigmoid, Stride = 2, Padding = 1)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class StridedConvNet { }

/// <summary>RTNeural's kind of layer, a GRU-8 on one channel: one vector of units (packed, all in registers).</summary>
[Network]
[Input(6, 1)]
[Gru(8)]
[LastStep]
[Dense(1)]
public partial class Gru8Net { }

/// <summary>An LSTM-16 (one 512-bit vector of units) then an LSTM-8, a GRU-24 (three vectors) on top: every width of the register paths.</summary>
[Network]
[Input(5, 2)]
[Lstm(16)]
[Lstm(8)]
[Gru(24)]
[Dense(2)]
public partial class VectorWideRecurrentNet { }

/// <summary>Two heads on one recurrent trunk, a class and a level from its last step: streamed as one output.</summary>
[Network]
[Input(7, 2)]
[Gru(6)]
[LastStep(Name = "last")]
[Dense(3, Activation.Softmax)]
[Output(Loss.CrossEntropy, Name = "kind")]
[Dense(1, From = "last")]
[Output(Loss.MeanSquaredError, Name = "level")]
public partial class TwoHeadGruNet { }

/// <summary>Two branches over one GRU's steps (an LSTM on them, and the GRU's own last step), joined after LastStep.</summary>
[Network]
[Input(6, 3)]
[Gru(5, Name = "trunk")]
[Lstm(4)]
[LastStep(Name = "deep")]
[LastStep(From = "trunk", Name = "shallow")]
[Concat("deep", "shallow")]
[Dense(2)]
public partial class BranchingSequenceNet { }

/// <summary>A sequence network that remembers nothing between steps (a dense layer on each, then the last): no state.</summary>
[Network]
[Input(4, 3)]
[Dense(5, Activation.ReLU)]
[LastStep]
[Dense(2)]
public partial class StatelessStepNet { }

/// <summary>
/// A GRU-16 on eleven features (the eight-row kernel's last block a window over already summed ones), each step's state
/// mixed down: <c>StepBatch</c> steps its GRU in lanes.
/// </summary>
[Network]
[Input(5, 11)]
[Gru(16)]
[Dense(3)]
public partial class LanedGruNet { }

/// <summary>An LSTM-8 on eight features stepped in lanes, then a GRU on its steps stream by stream, then the last step classified.</summary>
[Network]
[Input(4, 8)]
[Lstm(8)]
[Gru(5)]
[LastStep]
[Dense(2, Activation.Tanh)]
public partial class LanedLstmNet { }

/// <summary>An LSTM-8's last step through two small dense layers (the second without biases): the whole step in lanes.</summary>
[Network]
[Input(3, 8)]
[Lstm(8)]
[LastStep]
[Dense(5)]
[Dense(2, Bias = false)]
public partial class LanedChainNet { }

/// <summary>
/// A causal convolution reaching further back (9 steps) than its window (4): Forward reads zeros there, a stream its
/// history, as an amp model's dilated stack over blocks of 64 samples does.
/// </summary>
[Network]
[Input(4, 2)]
[Conv1D(3, 3, Activation.Tanh, Causal = true, Dilation = 4)]
[Conv1D(1, 2, Causal = true, Dilation = 3)]
public partial class LongReachCausalNet { }
