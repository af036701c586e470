namespace StaticNet.Tests.Networks;

// The two networks of the batch-norm reference (tests/reference/BatchNormReference): one normalising the
// features of a flat layer (PyTorch's BatchNorm1d), one the channels of a convolution (BatchNorm2d).

[Network]
[Input(3)]
[Dense(4)]
[BatchNorm(Activation.Tanh)]
[Dense(2)]
public partial class FeatureNormNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(2, 4, 4)]
[Conv2D(3, 3)]
[BatchNorm(Activation.LeakyReLU)]
[Flatten]
[Dense(2, Activation.Softmax)]
public partial class ChannelNormNet { }

/// <summary>Batch normalisation in every position: after convolutions (with padding and pooling), after dense layers, with dropout.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 6, 6)]
[Conv2D(4, 3, Padding = 1)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Conv2D(2, 2)]
[BatchNorm(Activation.Sigmoid)]
[Flatten]
[Dropout(0.3f)]
[Dense(5)]
[BatchNorm(Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class NormEverywhereNet { }

/// <summary>Batch normalisation as the output layer, under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(4)]
[Dense(3, Activation.ReLU)]
[Dense(2)]
[BatchNorm(Activation.Sigmoid)]
public partial class NormOutputNet { }

/// <summary>A dense layer the tests set to the identity, so the batch normalisation sees the inputs themselves.</summary>
[Network]
[Input(3)]
[Dense(3)]
[BatchNorm(Momentum = 1f, Epsilon = 0.5f)]
public partial class SettingsNormNet { }

/// <summary>Iris on raw, unstandardised measurements: batch normalisation does the scaling.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(16)]
[BatchNorm(Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNormNet { }
