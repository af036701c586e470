namespace StaticNet.Tests.Networks;

/// <summary>ELU unrolled (4 x 5 = 20 weights, under the quarter threshold of costly activations), then linear.</summary>
[Network]
[Input(4)]
[Dense(5, Activation.ELU)]
[Dense(2)]
public partial class EluNet { }

/// <summary>ELU looped (240 weights) and on a convolution, classification.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 5, 5)]
[Conv2D(2, 3, Activation.ELU)]
[Flatten]
[Dense(24, Activation.ELU)]
[Dense(3, Activation.Softmax)]
public partial class LoopedEluNet { }
