using StaticNet;

namespace StaticNet.Benchmarks;

/// <summary>N1: the seeds' 44-parameter network.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class N1 { }

/// <summary>N2: an MNIST-sized multilayer perceptron.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class N2 { }

/// <summary>N3: real-time audio or control size.</summary>
[Network]
[Input(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
public partial class N3 { }

/// <summary>N4: a small MNIST CNN.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(8, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation.Softmax)]
public partial class N4 { }

/// <summary>S1: RTNeural's kind of model, a GRU-8 on one audio channel with a Dense(1) out, streamed sample by sample.</summary>
[Network]
[Input(32, 1)]
[Gru(8)]
[LastStep]
[Dense(1)]
public partial class S1 { }

/// <summary>S2: an LSTM-16 on one channel with a Dense(1) out, streamed sample by sample.</summary>
[Network]
[Input(32, 1)]
[Lstm(16)]
[LastStep]
[Dense(1)]
public partial class S2 { }
