using System;
using System.IO;
using System.Linq;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// <c>Bias = false</c> (PyTorch's <c>bias=False</c>): no bias tensor, and otherwise exactly the layer with zero
/// biases, which the PyTorch fixtures check. Finite differences, ONNX Runtime and the batch tests cover these
/// networks too (GradientCheckTests, OnnxExportTests, BatchTests).
/// </summary>
public class NoBiasTests
{
    [Fact]
    public void A_layer_without_bias_has_only_its_weights_in_the_layout_and_the_state_dict()
    {
        Assert.Equal((5 * 4) + (4 * 3), NoBiasMlp.ParameterCount);
        Assert.Equal(0, NoBiasMlp.Layer1.BiasCount);
        Assert.Equal(20, NoBiasMlp.Layer2.WeightOffset);
        Assert.Equal(["0.weight", "2.weight"], NoBiasMlp.TensorSlots.Select(slot => slot.Name));
        Assert.Equal(
            ["0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "5.weight", "5.bias"],
            ConvBlockNet.TensorSlots.Select(slot => slot.Name));
        Assert.Contains("Dense(4,Tanh,nobias)", NoBiasMlp.Architecture);
        Assert.Contains("Conv2D(4, 3x3, padding 1, no bias)", ConvBlockNet.Summary);
    }

    [Fact]
    public void Without_bias_a_network_computes_exactly_what_it_computes_with_zero_biases()
    {
        var random = new Random(4);
        float[] noBias = RandomData.Uniform(random, NoBiasMlp.ParameterCount, 0.9);
        float[] biased = [.. noBias[..20], 0, 0, 0, 0, .. noBias[20..], 0, 0, 0];
        float[] input = RandomData.Uniform(random, NoBiasMlp.InputSize, 1.0);
        float[] target = RandomData.Uniform(random, NoBiasMlp.OutputSize, 1.0);

        var outputs = new float[3];
        var expectedOutputs = new float[3];
        NoBiasMlp.Forward(noBias, input, outputs);
        BiasedMlp.Forward(biased, input, expectedOutputs);
        Assert.Equal(expectedOutputs, outputs);

        var gradients = new float[NoBiasMlp.ParameterCount];
        var expectedGradients = new float[BiasedMlp.ParameterCount];
        var inputGradients = new float[5];
        var expectedInputGradients = new float[5];
        float loss = NoBiasMlp.Backward(noBias, input, target, gradients, inputGradients);
        float expectedLoss = BiasedMlp.Backward(biased, input, target, expectedGradients, expectedInputGradients);

        Assert.Equal(expectedLoss, loss);
        Assert.Equal([.. expectedGradients[..20], .. expectedGradients[24..36]], gradients);
        Assert.Equal(expectedInputGradients, inputGradients);
    }

    [Fact]
    public void A_PyTorch_ResNet_block_state_dict_without_convolution_bias_imports()
    {
        // As torch.nn.Sequential(Conv2d(2, 4, 3, padding=1, bias=False), BatchNorm2d(4), ReLU(), MaxPool2d(2),
        // Flatten(), Linear(36, 3), Softmax) saves it: no "0.bias".
        float[] parameters = RandomData.Uniform(new Random(6), ConvBlockNet.ParameterCount, 1.0);
        float[] state = RandomData.Uniform(new Random(7), ConvBlockNet.StateCount, 1.0).Select(Math.Abs).ToArray();
        using var file = new MemoryStream();
        ConvBlockNet.ExportSafetensors(file, parameters, state);
        file.Position = 0;
        var importedParameters = new float[parameters.Length];
        var importedState = new float[state.Length];

        ConvBlockNet.ImportSafetensors(file, importedParameters, importedState);

        Assert.Equal(parameters, importedParameters);
        Assert.Equal(state, importedState);
        Assert.Equal(2 * 4 * 3 * 3, ConvBlockNet.Layer1.WeightCount);
        Assert.Equal(ConvBlockNet.Layer1.WeightCount, ConvBlockNet.Layer2.WeightOffset);
    }

    [Fact]
    public void Initialisation_leaves_no_bias_to_clear_and_calls_stay_allocation_free()
    {
        var parameters = new float[NoBiasLoopedNet.ParameterCount];
        NoBiasLoopedNet.Initialize(parameters, seed: 3);
        Assert.All(parameters[..200], value => Assert.NotEqual(0f, value));

        float[] input = RandomData.Uniform(new Random(8), 5, 1.0);
        float[] target = [0, 1, 0];
        var output = new float[3];
        var gradients = new float[NoBiasLoopedNet.ParameterCount];
        Assert.Equal(0, Allocations.Measure(() =>
        {
            NoBiasLoopedNet.Forward(parameters, input, output);
            NoBiasLoopedNet.Backward(parameters, input, target, gradients, []);
        }));
    }
}
