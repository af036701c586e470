using StaticNet.TestSupport;

namespace StaticNet.Tests.Networks;

// Networks chosen to cover every code path of the generator: every activation, unrolled layers
// (at most 256 weights) next to looped ones in both directions, looped output layers, and scratch
// too large for the stack.

/// <summary>
/// Hidden layers with the first activations, softmax under MSE (its full Jacobian); ActivationsMlpNet and
/// LoopedActivationsNet have the later ones.
/// </summary>
#pragma warning disable SN0059 // the softmax's Jacobian under MSE is the code path this network exists to check
[Network]
#pragma warning restore SN0059
[Input(5)]
[Dense(7, Activation.ReLU)]
[Dense(6, Activation.LeakyReLU, Slope = 0.2f)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Tanh)]
[Dense(4, Activation.ELU)]
[Dense(4, Activation.PReLU)]
[Dense(4)]
[Dense(3, Activation.Softmax)]
public partial class EveryActivationNet { }

/// <summary>Looped and unrolled layers alternating, with a cross-entropy output.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dense(30, Activation.Tanh)]
[Dense(8, Activation.LeakyReLU, InputSize = 30)]
[Dense(40, Activation.ReLU)]
[Dense(12, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class MixedNet { }

/// <summary>Every layer looped, including a sigmoid output under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(24)]
[Dense(16, Activation.ReLU)]
[Dense(20, Activation.LeakyReLU)]
[Dense(13, Activation.Sigmoid)]
public partial class LoopedBceNet { }

/// <summary>Looped layers with a tanh output under MSE, and a linear hidden layer.</summary>
[Network]
[Input(30)]
[Dense(10)]
[Dense(26, Activation.Tanh)]
public partial class LoopedTanhNet { }

/// <summary>Backward needs more scratch than the stack limit: it uses the per-thread buffer.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(3000, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideNet { }

/// <summary>Two convolutions in a row (stride 2 with padding 1, then 2x2), average pooling, two input channels.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 9, 9)]
[Conv2D(3, 3, Activation.ReLU, Stride = 2, Padding = 1)]
[Conv2D(4, 2, Activation.Tanh)]
[AvgPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvStackNet { }

/// <summary>Odd sizes that max pooling rounds down, three input channels, a convolution after pooling.</summary>
[Network]
[Input(3, 7, 6)]
[Conv2D(2, 3, Activation.LeakyReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(3, 2, Activation.Sigmoid)]
[Flatten]
[Dense(2)]
public partial class ConvPoolNet { }

/// <summary>A convolution as the output layer, under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(1, 5, 5)]
[Conv2D(2, 3, Activation.Sigmoid)]
public partial class ConvOutputNet { }

/// <summary>Global average pooling of a non-square volume straight into a classifier.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(3, 5, 4)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[GlobalAveragePool2D]
[Dense(2, Activation.Softmax)]
public partial class GlobalPoolNet { }
