using StaticNet.TestSupport;

namespace StaticNet.Tests.Networks;

// The networks of tests/fixtures, declared as a user would.

/// <summary>seed-4-6-2: the seeds' 44-parameter classifier.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class Seed462Net { }

/// <summary>tiny-tanh: wide enough that its hidden layers are looped, not unrolled.</summary>
[Network(Loss = Loss.MeanSquaredError)]
[Input(16)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1)]
public partial class TinyTanhNet { }

/// <summary>sigmoid-bce: binary classifier with a sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(3)]
[Dense(5, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidBceNet { }

/// <summary>leaky-mse: LeakyReLU hidden layer, linear outputs.</summary>
[Network]
[Input(5)]
[Dense(7, Activation.LeakyReLU, Slope = 0.01f)]
[Dense(3)]
public partial class LeakyMseNet { }

public static class FixtureNetworks
{
    public static NetworkFunctions ForFixture(string fixture) => fixture switch
    {
        "seed-4-6-2" => new(fixture, Seed462Net.ParameterCount, Seed462Net.InputSize, Seed462Net.OutputSize, Seed462Net.Forward, Seed462Net.Backward),
        "tiny-tanh" => new(fixture, TinyTanhNet.ParameterCount, TinyTanhNet.InputSize, TinyTanhNet.OutputSize, TinyTanhNet.Forward, TinyTanhNet.Backward),
        "sigmoid-bce" => new(fixture, SigmoidBceNet.ParameterCount, SigmoidBceNet.InputSize, SigmoidBceNet.OutputSize, SigmoidBceNet.Forward, SigmoidBceNet.Backward),
        "leaky-mse" => new(fixture, LeakyMseNet.ParameterCount, LeakyMseNet.InputSize, LeakyMseNet.OutputSize, LeakyMseNet.Forward, LeakyMseNet.Backward),
        "cnn-small" => new(fixture, CnnSmallNet.ParameterCount, CnnSmallNet.InputSize, CnnSmallNet.OutputSize, CnnSmallNet.Forward, CnnSmallNet.Backward),
        "p-prelu-elu-mlp" => new(fixture, PReluEluNet.ParameterCount, PReluEluNet.InputSize, PReluEluNet.OutputSize, PReluEluNet.Forward, PReluEluNet.Backward),
        _ => throw new System.ArgumentException($"No network for fixture '{fixture}'.", nameof(fixture)),
    };
}

/// <summary>XOR: two inputs, one sigmoid output.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNet { }

/// <summary>cnn-small: convolution, max pooling, flatten and a softmax classifier on 8x8 images.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(3, 3, Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(4, Activation.Softmax)]
public partial class CnnSmallNet { }

/// <summary>Same parameter count as <see cref="Seed462Net"/>, another architecture (tanh hidden layer).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.Tanh)]
[Dense(2, Activation.Softmax)]
public partial class Seed462TanhNet { }
