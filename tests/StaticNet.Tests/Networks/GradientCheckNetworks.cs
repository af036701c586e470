using StaticNet.TestSupport;

namespace StaticNet.Tests.Networks;

// Networks chosen to cover every code path of the generator: every activation, unrolled layers
// (at most 256 weights) next to looped ones in both directions, looped output layers, and scratch
// too large for the stack.

/// <summary>Five hidden layers with every activation, softmax under MSE (its full Jacobian).</summary>
[Network]
[Input(5)]
[Dense(7, Activation.ReLU)]
[Dense(6, Activation.LeakyReLU, Slope = 0.2f)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Tanh)]
[Dense(4)]
[Dense(3, Activation.Softmax)]
public partial class EveryActivationNet { }

/// <summary>Looped and unrolled layers alternating, with a cross-entropy output.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dense(30, Activation.Tanh)]
[Dense(8, Activation.LeakyReLU, InputSize = 30)]
[Dense(40, Activation.ReLU)]
[Dense(12, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class MixedNet { }

/// <summary>Every layer looped, including a sigmoid output under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(24)]
[Dense(16, Activation.ReLU)]
[Dense(20, Activation.LeakyReLU)]
[Dense(13, Activation.Sigmoid)]
public partial class LoopedBceNet { }

/// <summary>Looped layers with a tanh output under MSE, and a linear hidden layer.</summary>
[Network]
[Input(30)]
[Dense(10)]
[Dense(26, Activation.Tanh)]
public partial class LoopedTanhNet { }

/// <summary>Backward needs more scratch than the stack limit: it uses the per-thread buffer.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(3000, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class WideNet { }

public static class GradientCheckNetworks
{
    public static NetworkFunctions ByName(string name) => name switch
    {
        nameof(GruEveryStepNet) => new(name, GruEveryStepNet.ParameterCount, GruEveryStepNet.InputSize, GruEveryStepNet.OutputSize, GruEveryStepNet.Forward, GruEveryStepNet.Backward),
        nameof(StackedGruNet) => new(name, StackedGruNet.ParameterCount, StackedGruNet.InputSize, StackedGruNet.OutputSize, StackedGruNet.Forward, StackedGruNet.Backward),
        nameof(GruOutputNet) => new(name, GruOutputNet.ParameterCount, GruOutputNet.InputSize, GruOutputNet.OutputSize, GruOutputNet.Forward, GruOutputNet.Backward),
        nameof(LstmLastNet) => new(name, LstmLastNet.ParameterCount, LstmLastNet.InputSize, LstmLastNet.OutputSize, LstmLastNet.Forward, LstmLastNet.Backward),
        nameof(GruDenseEachStepNet) => new(name, GruDenseEachStepNet.ParameterCount, GruDenseEachStepNet.InputSize, GruDenseEachStepNet.OutputSize, GruDenseEachStepNet.Forward, GruDenseEachStepNet.Backward),
        nameof(DenseLstmNet) => new(name, DenseLstmNet.ParameterCount, DenseLstmNet.InputSize, DenseLstmNet.OutputSize, DenseLstmNet.Forward, DenseLstmNet.Backward),
        nameof(GruLstmNet) => new(name, GruLstmNet.ParameterCount, GruLstmNet.InputSize, GruLstmNet.OutputSize, GruLstmNet.Forward, GruLstmNet.Backward),
        nameof(VectorWideRecurrentNet) => new(name, VectorWideRecurrentNet.ParameterCount, VectorWideRecurrentNet.InputSize, VectorWideRecurrentNet.OutputSize, VectorWideRecurrentNet.Forward, VectorWideRecurrentNet.Backward),
        nameof(CausalConvGruNet) => new(name, CausalConvGruNet.ParameterCount, CausalConvGruNet.InputSize, CausalConvGruNet.OutputSize, CausalConvGruNet.Forward, CausalConvGruNet.Backward),
        nameof(CausalConvOutputNet) => new(name, CausalConvOutputNet.ParameterCount, CausalConvOutputNet.InputSize, CausalConvOutputNet.OutputSize, CausalConvOutputNet.Forward, CausalConvOutputNet.Backward),
        nameof(StridedConvNet) => new(name, StridedConvNet.ParameterCount, StridedConvNet.InputSize, StridedConvNet.OutputSize, StridedConvNet.Forward, StridedConvNet.Backward),
        nameof(EveryActivationNet) => new(name, EveryActivationNet.ParameterCount, EveryActivationNet.InputSize, EveryActivationNet.OutputSize, EveryActivationNet.Forward, EveryActivationNet.Backward),
        nameof(MixedNet) => new(name, MixedNet.ParameterCount, MixedNet.InputSize, MixedNet.OutputSize, MixedNet.Forward, MixedNet.Backward),
        nameof(LoopedBceNet) => new(name, LoopedBceNet.ParameterCount, LoopedBceNet.InputSize, LoopedBceNet.OutputSize, LoopedBceNet.Forward, LoopedBceNet.Backward),
        nameof(LoopedTanhNet) => new(name, LoopedTanhNet.ParameterCount, LoopedTanhNet.InputSize, LoopedTanhNet.OutputSize, LoopedTanhNet.Forward, LoopedTanhNet.Backward),
        nameof(WideNet) => new(name, WideNet.ParameterCount, WideNet.InputSize, WideNet.OutputSize, WideNet.Forward, WideNet.Backward),
        nameof(ConvStackNet) => new(name, ConvStackNet.ParameterCount, ConvStackNet.InputSize, ConvStackNet.OutputSize, ConvStackNet.Forward, ConvStackNet.Backward),
        nameof(ConvPoolNet) => new(name, ConvPoolNet.ParameterCount, ConvPoolNet.InputSize, ConvPoolNet.OutputSize, ConvPoolNet.Forward, ConvPoolNet.Backward),
        nameof(GlobalPoolNet) => new(name, GlobalPoolNet.ParameterCount, GlobalPoolNet.InputSize, GlobalPoolNet.OutputSize, GlobalPoolNet.Forward, GlobalPoolNet.Backward),
        nameof(ConvOutputNet) => new(name, ConvOutputNet.ParameterCount, ConvOutputNet.InputSize, ConvOutputNet.OutputSize, ConvOutputNet.Forward, ConvOutputNet.Backward),
        nameof(ConvPReluNet) => new(name, ConvPReluNet.ParameterCount, ConvPReluNet.InputSize, ConvPReluNet.OutputSize, ConvPReluNet.Forward, ConvPReluNet.Backward),
        nameof(EluNet) => new(name, EluNet.ParameterCount, EluNet.InputSize, EluNet.OutputSize, EluNet.Forward, EluNet.Backward),
        nameof(LoopedEluNet) => new(name, LoopedEluNet.ParameterCount, LoopedEluNet.InputSize, LoopedEluNet.OutputSize, LoopedEluNet.Forward, LoopedEluNet.Backward),
        nameof(HiddenSoftmaxNet) => new(name, HiddenSoftmaxNet.ParameterCount, HiddenSoftmaxNet.InputSize, HiddenSoftmaxNet.OutputSize, HiddenSoftmaxNet.Forward, HiddenSoftmaxNet.Backward),
        nameof(LoopedHiddenSoftmaxNet) => new(name, LoopedHiddenSoftmaxNet.ParameterCount, LoopedHiddenSoftmaxNet.InputSize, LoopedHiddenSoftmaxNet.OutputSize, LoopedHiddenSoftmaxNet.Forward, LoopedHiddenSoftmaxNet.Backward),
        nameof(ConvHiddenSoftmaxNet) => new(name, ConvHiddenSoftmaxNet.ParameterCount, ConvHiddenSoftmaxNet.InputSize, ConvHiddenSoftmaxNet.OutputSize, ConvHiddenSoftmaxNet.Forward, ConvHiddenSoftmaxNet.Backward),
        nameof(NoBiasMlp) => new(name, NoBiasMlp.ParameterCount, NoBiasMlp.InputSize, NoBiasMlp.OutputSize, NoBiasMlp.Forward, NoBiasMlp.Backward),
        nameof(NoBiasLoopedNet) => new(name, NoBiasLoopedNet.ParameterCount, NoBiasLoopedNet.InputSize, NoBiasLoopedNet.OutputSize, NoBiasLoopedNet.Forward, NoBiasLoopedNet.Backward),
        nameof(DigitAndParity) => new(name, DigitAndParity.ParameterCount, DigitAndParity.InputSize, DigitAndParity.OutputSize, DigitAndParity.Forward, DigitAndParity.Backward),
        nameof(TwoHeadGruNet) => new(name, TwoHeadGruNet.ParameterCount, TwoHeadGruNet.InputSize, TwoHeadGruNet.OutputSize, TwoHeadGruNet.Forward, TwoHeadGruNet.Backward),
        nameof(BranchingSequenceNet) => new(name, BranchingSequenceNet.ParameterCount, BranchingSequenceNet.InputSize, BranchingSequenceNet.OutputSize, BranchingSequenceNet.Forward, BranchingSequenceNet.Backward),
        nameof(BranchyNet) => new(name, BranchyNet.ParameterCount, BranchyNet.InputSize, BranchyNet.OutputSize, BranchyNet.Forward, BranchyNet.Backward),
        nameof(ChainedHeadsNet) => new(name, ChainedHeadsNet.ParameterCount, ChainedHeadsNet.InputSize, ChainedHeadsNet.OutputSize, ChainedHeadsNet.Forward, ChainedHeadsNet.Backward),
        nameof(LoopedResidualNet) => new(name, LoopedResidualNet.ParameterCount, LoopedResidualNet.InputSize, LoopedResidualNet.OutputSize, LoopedResidualNet.Forward, LoopedResidualNet.Backward),
        nameof(PairNet) => new(name, PairNet.ParameterCount, PairNet.InputSize, PairNet.OutputSize, PairNet.Forward, PairNet.Backward),
        nameof(ResMlpNet) => new(name, ResMlpNet.ParameterCount, ResMlpNet.InputSize, ResMlpNet.OutputSize, ResMlpNet.Forward, ResMlpNet.Backward),
        nameof(TiedAutoencoder) => new(name, TiedAutoencoder.ParameterCount, TiedAutoencoder.InputSize, TiedAutoencoder.OutputSize, TiedAutoencoder.Forward, TiedAutoencoder.Backward),
        nameof(LoopedTiedAutoencoder) => new(name, LoopedTiedAutoencoder.ParameterCount, LoopedTiedAutoencoder.InputSize, LoopedTiedAutoencoder.OutputSize, LoopedTiedAutoencoder.Forward, LoopedTiedAutoencoder.Backward),
        nameof(SiameseNet) => new(name, SiameseNet.ParameterCount, SiameseNet.InputSize, SiameseNet.OutputSize, SiameseNet.Forward, SiameseNet.Backward),
        nameof(SharedConvNet) => new(name, SharedConvNet.ParameterCount, SharedConvNet.InputSize, SharedConvNet.OutputSize, SharedConvNet.Forward, SharedConvNet.Backward),
        _ => FixtureNetworks.ForFixture(name),
    };
}

/// <summary>Two convolutions in a row (stride 2 with padding 1, then 2x2), average pooling, two input channels.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 9, 9)]
[Conv2D(3, 3, Activation.ReLU, Stride = 2, Padding = 1)]
[Conv2D(4, 2, Activation.Tanh)]
[AvgPool2D(2)]
[Flatten]
[Dense(3, Activation.Softmax)]
public partial class ConvStackNet { }

/// <summary>Odd sizes that max pooling rounds down, three input channels, a convolution after pooling.</summary>
[Network]
[Input(3, 7, 6)]
[Conv2D(2, 3, Activation.LeakyReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(3, 2, Activation.Sigmoid)]
[Flatten]
[Dense(2)]
public partial class ConvPoolNet { }

/// <summary>A convolution as the output layer, under binary cross-entropy.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(1, 5, 5)]
[Conv2D(2, 3, Activation.Sigmoid)]
public partial class ConvOutputNet { }

/// <summary>Global average pooling of a non-square volume straight into a classifier.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(3, 5, 4)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[GlobalAveragePool2D]
[Dense(2, Activation.Softmax)]
public partial class GlobalPoolNet { }
