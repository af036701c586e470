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

/// <summary>The networks the batch tests run, by name, as network objects.</summary>
public static class BatchNetworks
{
    /// <summary>Networks without dropout or batch normalisation: their batch step is exactly the mean of per-sample steps.</summary>
    public static readonly string[] Deterministic =
    [
        nameof(Seed462Net), nameof(TinyTanhNet), nameof(SigmoidBceNet), nameof(LeakyMseNet), nameof(CnnSmallNet),
        nameof(EveryActivationNet), nameof(MixedNet), nameof(LoopedBceNet), nameof(LoopedTanhNet), nameof(WideNet),
        nameof(ConvStackNet), nameof(ConvPoolNet), nameof(ConvOutputNet), nameof(GlobalPoolNet),
    ];

    public static readonly string[] WithDropout = [nameof(DropoutNet), nameof(InputDropoutNet)];

    public static readonly string[] WithBatchNorm =
        [nameof(FeatureNormNet), nameof(ChannelNormNet), nameof(NormEverywhereNet), nameof(NormOutputNet)];

    public static INetwork Create(string name, int seed) => name switch
    {
        nameof(Seed462Net) => new Seed462Net(seed),
        nameof(TinyTanhNet) => new TinyTanhNet(seed),
        nameof(SigmoidBceNet) => new SigmoidBceNet(seed),
        nameof(LeakyMseNet) => new LeakyMseNet(seed),
        nameof(CnnSmallNet) => new CnnSmallNet(seed),
        nameof(EveryActivationNet) => new EveryActivationNet(seed),
        nameof(MixedNet) => new MixedNet(seed),
        nameof(LoopedBceNet) => new LoopedBceNet(seed),
        nameof(LoopedTanhNet) => new LoopedTanhNet(seed),
        nameof(WideNet) => new WideNet(seed),
        nameof(ConvStackNet) => new ConvStackNet(seed),
        nameof(ConvPoolNet) => new ConvPoolNet(seed),
        nameof(ConvOutputNet) => new ConvOutputNet(seed),
        nameof(GlobalPoolNet) => new GlobalPoolNet(seed),
        nameof(DropoutNet) => new DropoutNet(seed),
        nameof(InputDropoutNet) => new InputDropoutNet(seed),
        nameof(FeatureNormNet) => new FeatureNormNet(seed),
        nameof(ChannelNormNet) => new ChannelNormNet(seed),
        nameof(NormEverywhereNet) => new NormEverywhereNet(seed),
        nameof(NormOutputNet) => new NormOutputNet(seed),
        _ => throw new System.ArgumentException("Unknown network " + name, nameof(name)),
    };
}

/// <summary>Iris on raw, unstandardised measurements: batch normalisation does the scaling.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(16)]
[BatchNorm(Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNormNet { }
