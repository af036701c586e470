namespace StaticNet.Tests.Networks;

/// <summary>Dense layers without biases, unrolled (20 and 12 weights).</summary>
[Network]
[Input(5)]
[Dense(4, Activation.Tanh, Bias = false)]
[Dense(3, Bias = false)]
public partial class NoBiasMlp { }

/// <summary><see cref="NoBiasMlp"/> with biases: with zero biases it must compute exactly the same.</summary>
[Network]
[Input(5)]
[Dense(4, Activation.Tanh)]
[Dense(3)]
public partial class BiasedMlp { }

/// <summary>A looped dense layer without biases (200 weights) before a biased one.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(5)]
[Dense(40, Activation.ReLU, Bias = false)]
[Dense(3, Activation.Softmax)]
public partial class NoBiasLoopedNet { }

/// <summary>
/// The block of a PyTorch ResNet: a convolution without bias (batch normalisation's beta takes its place), batch
/// normalisation with ReLU, pooling, a dense head.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(4, 3, Padding = 1, Bias = false)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvBlockNet { }
