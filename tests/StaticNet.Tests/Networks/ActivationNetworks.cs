namespace StaticNet.Tests.Networks;

// The activations PyTorch names SiLU, GELU (exact and tanh), Softplus, Hardtanh, Hardsigmoid, Hardswish and Mish, and
// activations as layers of their own ([Activate]), unrolled and looped, flat and on images.

/// <summary>a-activations-mlp: every new activation on a dense layer of eight, then tanh as a layer of its own.</summary>
[Network]
[Input(6)]
[Dense(8, Activation.SiLU)]
[Dense(8, Activation.GELU)]
[Dense(8, Activation.GELUTanh)]
[Dense(8, Activation.Softplus)]
[Dense(8, Activation.Hardtanh)]
[Dense(8, Activation.HardSigmoid)]
[Dense(8, Activation.HardSwish)]
[Dense(8, Activation.Mish)]
[Activate(Activation.Tanh)]
[Dense(3)]
public partial class ActivationsMlpNet { }

/// <summary>r-activations-looped: SiLU, GELU, GELUTanh and Softplus on looped layers (past the unroll limit), then PReLU and softmax as layers of their own.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dense(20, Activation.SiLU)]
[Dense(20, Activation.GELU)]
[Dense(20, Activation.GELUTanh)]
[Dense(20, Activation.Softplus)]
[Activate(Activation.PReLU)]
[Dense(5)]
[Activate(Activation.Softmax)]
public partial class LoopedActivationsNet { }

/// <summary>r-activations-hard: Hardtanh, HardSigmoid, HardSwish and Mish on looped layers, then a softmax layer.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dense(20, Activation.Hardtanh)]
[Dense(20, Activation.HardSigmoid)]
[Dense(20, Activation.HardSwish)]
[Dense(20, Activation.Mish)]
[Dense(5)]
[Activate(Activation.Softmax)]
public partial class LoopedHardActivationsNet { }

/// <summary>Activations on images: GELU fused into a convolution, then LeakyReLU and PReLU (a slope per channel) as layers.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.GELU)]
[Activate(Activation.LeakyReLU, Slope = 0.2f)]
[Activate(Activation.PReLU, Name = "act")]
[MaxPool2D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class ConvActivateNet { }

/// <summary>r-activations-sequence: activations on every step of a sequence: a GRU's states through GELU, a dense SiLU on each step, tanh, the last step.</summary>
[Network]
[Input(6, 3)]
[Gru(4)]
[Activate(Activation.GELU)]
[Dense(4, Activation.SiLU)]
[Activate(Activation.Tanh)]
[LastStep]
[Dense(2)]
public partial class SequenceActivateNet { }
