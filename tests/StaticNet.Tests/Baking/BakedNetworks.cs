namespace StaticNet.Tests.Baking;

// Networks with trained weights compiled in: the weight files beside this file are AdditionalFiles items of
// this project (see StaticNet.Tests.csproj), and BakedWeightsTests checks how each was made.

/// <summary>Seed462Net's architecture with the seed-4-6-2 fixture's PyTorch parameters baked in.</summary>
[Network(Loss = Loss.CrossEntropy, Weights = "Baking/seed-4-6-2.snw")]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class BakedSeed462Net { }

/// <summary>ChannelNormNet's architecture with parameters and batch-norm running statistics baked in.</summary>
[Network(Loss = Loss.CrossEntropy, Weights = "channel-norm.snw")]
[Input(2, 4, 4)]
[Conv2D(3, 3)]
[BatchNorm(Activation.LeakyReLU)]
[Flatten]
[Dense(2, Activation.Softmax)]
public partial class BakedChannelNormNet { }

/// <summary>A graph with three heads (r-graph-multitask) and its PyTorch parameters baked in.</summary>
[Network(Weights = "graph-multitask.snw")]
[Input(8)]
[Dense(12, Activation.ReLU, Name = "trunk")]
[Dense(4, Activation.Softmax)]
[Output(Loss.CrossEntropy)]
[Dense(1, Activation.Sigmoid, From = "trunk")]
[Output(Loss.BinaryCrossEntropy, Weight = 0.5f)]
[Dense(3, Activation.Tanh, From = "trunk")]
[Output(Loss.MeanSquaredError, Weight = 2f)]
public partial class BakedGraphMultitask { }

/// <summary>A layer in panels (104 -> 80: a whole panel and one of 16 outputs) with seeded weights baked in: packed at compile time.</summary>
[Network(Loss = Loss.CrossEntropy, Weights = "Baking/panels.snw")]
[Input(104)]
[Dense(80, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class BakedPanelNet { }

/// <summary>A causal convolution of three features feeding a GRU, seeded weights baked in: both packed at compile time.</summary>
[Network(Weights = "Baking/conv-gru.snw")]
[Input(8, 3)]
[Conv1D(4, 2, Activation.Tanh, Causal = true)]
[Gru(8)]
[LastStep]
[Dense(2)]
public partial class BakedConvGruNet { }
