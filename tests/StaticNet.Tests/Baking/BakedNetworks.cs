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
