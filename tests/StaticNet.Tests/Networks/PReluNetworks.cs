namespace StaticNet.Tests.Networks;

/// <summary>The p-prelu-elu-mlp fixture: PReLU unrolled (8 slopes after the bias), ELU, softmax.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(6)]
[Dense(8, Activation.PReLU)]
[Dense(5, Activation.ELU)]
[Dense(3, Activation.Softmax)]
public partial class PReluEluNet { }

/// <summary>PReLU looped (240 weights), on a convolution (one slope per channel) and after batch normalisation, and as the output.</summary>
[Network]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.PReLU)]
[Flatten]
[Dense(24, Activation.PReLU)]
[Dense(4)]
[BatchNorm(Activation.PReLU)]
[Dense(2, Activation.PReLU)]
public partial class LoopedPReluNet { }

/// <summary>PReLU looped and on a convolution without batch normalisation, for the finite-difference check.</summary>
[Network]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.PReLU)]
[Flatten]
[Dense(24, Activation.PReLU)]
[Dense(2, Activation.PReLU)]
public partial class ConvPReluNet { }
