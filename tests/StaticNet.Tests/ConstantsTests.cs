using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The compile-time facts the generator adds to a network class.</summary>
public class ConstantsTests
{
    [Fact]
    public void The_4_6_2_network_has_44_parameters()
    {
        Assert.Equal(4, Seed462Net.InputSize);
        Assert.Equal(2, Seed462Net.OutputSize);
        Assert.Equal(24 + 6 + 12 + 2, Seed462Net.ParameterCount);
        Assert.Equal(4 * 6 + 6 * 2, Seed462Net.MultiplyAccumulateCount);
    }

    [Fact]
    public void Layer_offsets_follow_the_PyTorch_state_dict_order()
    {
        Assert.Equal(0, Seed462Net.Layer1.WeightOffset);
        Assert.Equal(24, Seed462Net.Layer1.WeightCount);
        Assert.Equal(24, Seed462Net.Layer1.BiasOffset);
        Assert.Equal(6, Seed462Net.Layer1.BiasCount);
        Assert.Equal(30, Seed462Net.Layer1.ParameterCount);
        Assert.Equal(30, Seed462Net.Layer2.WeightOffset);
        Assert.Equal(42, Seed462Net.Layer2.BiasOffset);
        Assert.Equal(6, Seed462Net.Layer2.InputSize);
        Assert.Equal(2, Seed462Net.Layer2.OutputSize);
        Assert.Equal(12, Seed462Net.Layer2.MultiplyAccumulateCount);
    }

    [Fact]
    public void Summary_lists_every_layer_and_the_totals()
    {
        string[] lines = Seed462Net.Summary.Split('\n');

        Assert.Contains(lines, line => line.StartsWith("layer1 (Dense(6, ReLU))") && line.Contains("(6)") && line.TrimEnd().EndsWith("30    24"));
        Assert.Contains(lines, line => line.StartsWith("layer2 (Dense(2, Softmax))") && line.TrimEnd().EndsWith("14    12"));
        Assert.Contains("Total params: 44", lines);
        Assert.Contains("Multiply-accumulates per sample: 36", lines);
    }

    [Fact]
    public void Convolution_shapes_counts_and_summary()
    {
        // (2, 9, 9) -> conv 3x3 stride 2 pad 1 -> (3, 5, 5) -> conv 2x2 -> (4, 4, 4) -> avg pool 2 -> (4, 2, 2) -> 16 -> 3.
        Assert.Equal(3 * 2 * 3 * 3, ConvStackNet.Layer1.WeightCount);
        Assert.Equal(3 * 5 * 5, ConvStackNet.Layer1.OutputSize);
        Assert.Equal(3 * 5 * 5 * 2 * 3 * 3, ConvStackNet.Layer1.MultiplyAccumulateCount);
        Assert.Equal(4 * 3 * 2 * 2, ConvStackNet.Layer2.WeightCount);
        Assert.Equal(4 * 4 * 4, ConvStackNet.Layer2.OutputSize);
        Assert.Equal(16, ConvStackNet.Layer3.OutputSize);
        Assert.Equal(0, ConvStackNet.Layer3.ParameterCount);
        Assert.Equal((54 + 3) + (48 + 4) + (16 * 3 + 3), ConvStackNet.ParameterCount);
        Assert.Contains("layer1 (Conv2D(3, 3x3, ReLU, stride 2, padding 1))  (3, 5, 5)", ConvStackNet.Summary);
        Assert.Contains("layer3 (AvgPool2D(2))", ConvStackNet.Summary);
        Assert.Contains("layer4 (Flatten)", ConvStackNet.Summary);
    }

    [Fact]
    public void Global_average_pooling_gives_one_flat_value_per_channel()
    {
        Assert.Equal(4 * 5 * 4, GlobalPoolNet.Layer1.OutputSize);
        Assert.Equal(4, GlobalPoolNet.Layer2.OutputSize);
        Assert.Equal(4 * 2, GlobalPoolNet.Layer3.WeightCount);
        Assert.Contains("layer2 (GlobalAveragePool2D)", GlobalPoolNet.Summary);
    }

    [Fact]
    public void Parameter_count_of_a_deep_network_adds_up()
    {
        const int expected = (20 * 30 + 30) + (30 * 8 + 8) + (8 * 40 + 40) + (40 * 12 + 12) + (12 * 3 + 3);
        Assert.Equal(expected, MixedNet.ParameterCount);
        Assert.Equal(MixedNet.Layer5.BiasOffset + MixedNet.Layer5.BiasCount, MixedNet.ParameterCount);
    }
}
