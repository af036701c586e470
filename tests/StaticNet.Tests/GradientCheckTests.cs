using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Backward agrees with finite differences of its own loss on networks covering every code path.</summary>
public class GradientCheckTests
{
    public static TheoryData<string, Loss> Networks => new()
    {
        { nameof(EveryActivationNet), Loss.MeanSquaredError },
        { nameof(MixedNet), Loss.CrossEntropy },
        { nameof(LoopedBceNet), Loss.BinaryCrossEntropy },
        { nameof(LoopedTanhNet), Loss.MeanSquaredError },
        { nameof(WideNet), Loss.CrossEntropy },
        { "seed-4-6-2", Loss.CrossEntropy },
        { "sigmoid-bce", Loss.BinaryCrossEntropy },
        { "leaky-mse", Loss.MeanSquaredError },
        { "tiny-tanh", Loss.MeanSquaredError },
        { "cnn-small", Loss.CrossEntropy },
        { nameof(ConvStackNet), Loss.CrossEntropy },
        { nameof(ConvPoolNet), Loss.MeanSquaredError },
        { nameof(ConvOutputNet), Loss.BinaryCrossEntropy },
        { nameof(GlobalPoolNet), Loss.CrossEntropy },
        { nameof(NoBiasMlp), Loss.MeanSquaredError },
        { nameof(NoBiasLoopedNet), Loss.CrossEntropy },
        { nameof(HiddenSoftmaxNet), Loss.MeanSquaredError },
        { nameof(EluNet), Loss.MeanSquaredError },
        { "p-prelu-elu-mlp", Loss.CrossEntropy },
        { nameof(ConvPReluNet), Loss.MeanSquaredError },
        { nameof(LoopedEluNet), Loss.CrossEntropy },
        { nameof(LoopedHiddenSoftmaxNet), Loss.CrossEntropy },
        { nameof(ConvHiddenSoftmaxNet), Loss.MeanSquaredError },
        { "s-gru-last-softmax", Loss.CrossEntropy },
        { nameof(GruEveryStepNet), Loss.MeanSquaredError },
        { nameof(StackedGruNet), Loss.BinaryCrossEntropy },
        { nameof(GruOutputNet), Loss.MeanSquaredError },
        { nameof(LstmLastNet), Loss.CrossEntropy },
        { nameof(GruLstmNet), Loss.MeanSquaredError },
        { nameof(GruDenseEachStepNet), Loss.MeanSquaredError },
        { nameof(DenseLstmNet), Loss.BinaryCrossEntropy },
        { nameof(CausalConvGruNet), Loss.MeanSquaredError },
        { nameof(CausalConvOutputNet), Loss.MeanSquaredError },
        { nameof(StridedConvNet), Loss.CrossEntropy },
        { nameof(VectorWideRecurrentNet), Loss.MeanSquaredError },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name, Loss loss)
    {
        NetworkFunctions network = GradientCheckNetworks.ByName(name);
        for (int sample = 0; sample < 3; sample++)
        {
            var random = new Random(1000 + sample);
            float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.6);
            float[] input = RandomData.Uniform(random, network.InputSize, 1.0);
            float[] target = RandomData.Target(random, loss, network.OutputSize);

            GradientCheck.Verify(network, parameters, input, target, maxParameters: 400, seed: sample);
        }
    }
}
