namespace StaticNet.Tests.Networks;

/// <summary>A hidden softmax, unrolled (an attention-like weighting of 4 features), feeding an unrolled layer.</summary>
[Network]
[Input(3)]
[Dense(4, Activation.Softmax)]
[Dense(2, Activation.Tanh)]
public partial class HiddenSoftmaxNet { }

/// <summary>A hidden softmax in a looped layer (240 weights), feeding an unrolled one, and two outputs with a loss through softmax again.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6)]
[Dense(40, Activation.Softmax)]
[Dense(2, Activation.Softmax)]
public partial class LoopedHiddenSoftmaxNet { }

/// <summary>Softmax over a convolution's whole output, then more layers: RTNeural's own dense test model has a hidden softmax like this.</summary>
[Network]
[Input(1, 4, 4)]
[Conv2D(2, 3, Activation.Softmax)]
[Flatten]
[Dense(3, Activation.Softmax)]
[Dense(1)]
public partial class ConvHiddenSoftmaxNet { }
