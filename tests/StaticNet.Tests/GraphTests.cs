using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Graphs: gradients where values meet (a value read twice, joins, heads that layers read, the input used twice) agree
/// with finite differences; heads put their values and losses where the contract says. PyTorch's numbers for the
/// residual MLP are in FixtureTests (g-res-mlp), batch and ONNX equality in BatchTests and OnnxExportTests.
/// </summary>
public class GraphTests
{
    /// <summary>Batch normalisation inside a residual block: per-sample Backward (running statistics) and BackwardBatch (batch statistics).</summary>
    [Fact]
    public void Residual_CNN_with_batch_norm_matches_finite_differences_per_sample_and_per_batch()
    {
        var random = new Random(31);
        float[] parameters = RandomData.Uniform(random, ResidualCnnNet.ParameterCount, 0.5);
        float[] state = Enumerable.Range(0, ResidualCnnNet.StateCount).Select(i => i < ResidualCnnNet.StateCount / 2 ? 0.1f * (i % 3) : 1f + (0.2f * (i % 4))).ToArray();
        float[] input = RandomData.Uniform(random, ResidualCnnNet.InputSize, 1.0);
        float[] target = RandomData.OneHot(random, ResidualCnnNet.OutputSize);

        var gradients = new float[ResidualCnnNet.ParameterCount];
        var inputGradients = new float[ResidualCnnNet.InputSize];
        ResidualCnnNet.Backward(parameters, state, input, target, gradients, inputGradients);
        GradientCheck.Verify("ResidualCnnNet parameters", parameters, gradients,
            p => ResidualCnnNet.Backward(p, state, input, target, new float[p.Length], Span<float>.Empty), maxChecks: 200, seed: 1);
        GradientCheck.Verify("ResidualCnnNet input", input, inputGradients,
            x => ResidualCnnNet.Backward(parameters, state, x, target, new float[parameters.Length], Span<float>.Empty), maxChecks: 72, seed: 2);

        const int batch = 4;
        float[] inputs = RandomData.Uniform(random, batch * ResidualCnnNet.InputSize, 1.0);
        float[] targets = Enumerable.Range(0, batch).SelectMany(_ => RandomData.OneHot(random, ResidualCnnNet.OutputSize)).ToArray();
        var batchGradients = new float[ResidualCnnNet.ParameterCount];
        ResidualCnnNet.BackwardBatch(parameters, state.ToArray(), inputs, targets, batchGradients, Span<float>.Empty);
        GradientCheck.Verify("ResidualCnnNet batch", parameters, batchGradients,
            p => ResidualCnnNet.BackwardBatch(p, state.ToArray(), inputs, targets, new float[p.Length], Span<float>.Empty), maxChecks: 200, seed: 3);
    }

    /// <summary>A layer that shares or transposes another's weights adds none; its gradient is added to the owner's.</summary>
    [Fact]
    public void Shared_and_transposed_weights_add_no_parameters_and_sum_their_gradients()
    {
        Assert.Equal((6 * 4) + 4 + 6, TiedAutoencoder.ParameterCount);
        Assert.Equal(TiedAutoencoder.Layer1.WeightOffset, TiedAutoencoder.Layer2.WeightOffset);
        Assert.Equal(0, TiedAutoencoder.Layer2.ParameterCount - TiedAutoencoder.Layer2.BiasCount);
        Assert.Equal((8 * 6) + 6 + (12 * 1) + 1, SiameseNet.ParameterCount);
        Assert.Equal((SiameseNet.Layer2.WeightOffset, SiameseNet.Layer2.BiasOffset), (SiameseNet.Layer4.WeightOffset, SiameseNet.Layer4.BiasOffset));
        Assert.Equal(27 + 3 + 3 + 3 + (27 * 2) + 2, SharedConvNet.ParameterCount);

        // Two copies of the same half: the shared encoder's gradient is twice that of one use.
        var random = new Random(9);
        float[] parameters = RandomData.Uniform(random, SiameseNet.ParameterCount, 0.5);
        float[] half = RandomData.Uniform(random, 8, 1.0);
        float[] input = [.. half, .. half];
        var gradients = new float[SiameseNet.ParameterCount];
        SiameseNet.Backward(parameters, input, [1f], gradients, Span<float>.Empty);

        // With both halves equal, the head sees [code, code]: moving the shared weights moves both codes alike.
        Assert.Contains(gradients.Take(SiameseNet.Layer2.ParameterCount), g => g != 0f);
        Assert.Equal(new[] { "encoder.weight", "encoder.bias", "layer6.weight", "layer6.bias" }, SiameseNet.TensorSlots.Select(slot => slot.Name));
    }

    /// <summary>A graph's safetensors name its tensors after its layers; a shared encoder is stored once and read back whole.</summary>
    [Fact]
    public void Safetensors_of_a_graph_round_trip_with_the_layers_names()
    {
        float[] parameters = RandomData.Uniform(new Random(12), SiameseNet.ParameterCount, 1.0);
        using var file = new System.IO.MemoryStream();
        SiameseNet.ExportSafetensors(file, parameters);
        string header = System.Text.Encoding.UTF8.GetString(file.ToArray(), 8, (int)BitConverter.ToUInt64(file.ToArray(), 0));
        file.Position = 0;
        var imported = new float[SiameseNet.ParameterCount];
        SiameseNet.ImportSafetensors(file, imported);

        Assert.Equal(parameters, imported);
        Assert.Contains("\"encoder.weight\"", header);
        Assert.DoesNotContain("other", header);
    }

    [Fact]
    public void Heads_have_their_constants_and_outputs_lie_one_after_another()
    {
        Assert.Equal(11, DigitAndParity.OutputSize);
        Assert.Equal((64 * 32) + 32 + (32 * 10) + 10 + 32 + 1, DigitAndParity.ParameterCount);
        Assert.Equal(2, DigitAndParity.OutputCount);
        Assert.Equal((0, 10, Loss.CrossEntropy, 1f), (DigitAndParity.Output1.Offset, DigitAndParity.Output1.Size, DigitAndParity.Output1.Loss, DigitAndParity.Output1.Weight));
        Assert.Equal((10, 1, Loss.BinaryCrossEntropy, 0.5f), (DigitAndParity.Output2.Offset, DigitAndParity.Output2.Size, DigitAndParity.Output2.Loss, DigitAndParity.Output2.Weight));
        Assert.Equal(3, DigitAndParity.Output2.LayerNumber);
        Assert.Equal(["output1", "output2"], ((INetwork)new DigitAndParity(1)).Heads.Select(head => head.Name));
        Assert.Equal(["first", "output2"], ((INetwork)new ChainedHeadsNet(1)).Heads.Select(head => head.Name));
        OutputHead only = Assert.Single(((INetwork)new ResMlpNet(1)).Heads);
        Assert.Equal(new OutputHead("output", 0, 3, Loss.CrossEntropy, 1f), only);
    }

    /// <summary>The loss is the sum over heads of weight times that head's loss of its part of the output.</summary>
    [Fact]
    public void The_loss_is_the_weighted_sum_of_the_heads_losses()
    {
        var random = new Random(5);
        float[] parameters = RandomData.Uniform(random, DigitAndParity.ParameterCount, 0.3);
        float[] input = RandomData.Uniform(random, DigitAndParity.InputSize, 1.0);
        float[] target = [.. RandomData.OneHot(random, 10), 1f];
        var output = new float[DigitAndParity.OutputSize];
        DigitAndParity.Forward(parameters, input, output);

        double crossEntropy = -Enumerable.Range(0, 10).Sum(i => target[i] * Math.Log(output[i]));
        double binary = -Math.Log(output[10]);
        float loss = DigitAndParity.Backward(parameters, input, target, new float[parameters.Length], Span<float>.Empty);

        Assert.Equal(1.0, output.Take(10).Sum(), 5);
        Assert.Equal(crossEntropy + (0.5 * binary), loss, 4);
    }

    /// <summary>A head that layers also read: its values are written out, and its loss and its readers' gradients both reach it.</summary>
    [Fact]
    public void A_head_that_layers_read_writes_its_values_and_takes_both_gradients()
    {
        var random = new Random(6);
        float[] parameters = RandomData.Uniform(random, ChainedHeadsNet.ParameterCount, 0.5);
        float[] input = RandomData.Uniform(random, ChainedHeadsNet.InputSize, 1.0);
        var output = new float[ChainedHeadsNet.OutputSize];
        ChainedHeadsNet.Forward(parameters, input, output);

        // Output 1 is sigmoid(W2 relu(W1 x + b1) + b2), computed here by hand.
        var hidden = new float[8];
        for (int i = 0; i < 8; i++)
        {
            float sum = parameters[ChainedHeadsNet.Layer1.BiasOffset + i];
            for (int j = 0; j < 6; j++)
            {
                sum += parameters[ChainedHeadsNet.Layer1.WeightOffset + (i * 6) + j] * input[j];
            }

            hidden[i] = Math.Max(sum, 0f);
        }

        for (int i = 0; i < 4; i++)
        {
            float sum = parameters[ChainedHeadsNet.Layer2.BiasOffset + i];
            for (int j = 0; j < 8; j++)
            {
                sum += parameters[ChainedHeadsNet.Layer2.WeightOffset + (i * 8) + j] * hidden[j];
            }

            Assert.Equal(1.0 / (1.0 + Math.Exp(-sum)), output[i], 5);
        }
    }

    [Fact]
    public void The_summary_shows_what_each_layer_reads_and_the_heads()
    {
        Assert.Contains("From", DigitAndParity.Summary);
        Assert.Contains("layer3 (Dense(1, Sigmoid))", DigitAndParity.Summary);
        Assert.Contains("Output 2 'output2': layer3, values 10..11, BinaryCrossEntropy x 0.5", DigitAndParity.Summary);
        string residual = ResMlpNet.Summary;
        string joinRow = residual.Split('\n').Single(line => line.StartsWith("layer4 (Add(a, b, ReLU))", StringComparison.Ordinal));
        Assert.EndsWith("a, b", joinRow.TrimEnd());
        Assert.DoesNotContain("From", Seed462Net.Summary);
    }
}
