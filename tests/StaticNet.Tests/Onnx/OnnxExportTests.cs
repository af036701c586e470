using System;
using System.IO;
using System.Linq;
using Microsoft.ML.OnnxRuntime;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Onnx;

/// <summary>Softmax over a whole convolution output, which ONNX can only express by flattening first.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.Softmax, Stride = 2, Padding = 1)]
public partial class ConvSoftmaxNet { }

/// <summary>Every exported model, run by ONNX Runtime, gives what ForwardBatch gives.</summary>
public class OnnxExportTests
{
    public static TheoryData<string> Networks =>
        new(BatchNetworks.Deterministic.Concat(BatchNetworks.WithDropout).Concat(BatchNetworks.WithBatchNorm));

    [Theory]
    [MemberData(nameof(Networks))]
    public void ONNX_Runtime_computes_what_ForwardBatch_computes(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 21);
        var random = new Random(22);
        // The amp sample's A1 WaveNet stacks twenty gated layers: with weights up to 0.8 its outputs reach 24 and float
        // rounding, amplified layer by layer, is 2.6e-4 of the smaller ones for either implementation; up to 0.2, its
        // outputs are near 1 and the two agree to 8e-7.
        double scale = name == "A1StandardAmp" ? 0.2 : 0.8;
        RandomData.Uniform(random, network.Parameters.Length, scale).CopyTo(network.Parameters, 0);
        BatchNetworks.MoveRunningStatistics(network, random);

        using var model = new MemoryStream();
        network.ToOnnx(model);
        Compare(name, network, model.ToArray(), random);
    }

    [Fact]
    public void Softmax_over_a_whole_image_output_is_flattened_and_shaped_back()
    {
        var network = new ConvSoftmaxNet(seed: 1);
        using var model = new MemoryStream();
        network.ToOnnx(model);

        Compare(nameof(ConvSoftmaxNet), network, model.ToArray(), new Random(2));
    }

    [Fact]
    public void The_model_declares_an_open_batch_and_the_network_shapes()
    {
        var network = new CnnSmallNet(seed: 1);
        string path = Path.Combine(Path.GetTempPath(), $"staticnet-{Guid.NewGuid():N}.onnx");
        try
        {
            network.ToOnnx(path);
            using var session = new InferenceSession(path);

            NodeMetadata input = session.InputMetadata["input"];
            NodeMetadata output = session.OutputMetadata["output"];
            Assert.Equal([-1, 1, 8, 8], input.Dimensions);
            Assert.Equal([-1, CnnSmallNet.OutputSize], output.Dimensions);
            Assert.Equal("batch", input.SymbolicDimensions[0]);
            Assert.Equal(typeof(float), input.ElementType);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Compare(string name, INetwork network, byte[] model, Random random)
    {
        const int batch = 5;
        float[] inputs = RandomData.Uniform(random, batch * network.InputSize, 1.0);
        var expected = new float[batch * network.OutputSize];
        network.ForwardBatch(inputs, expected);

        using var session = new InferenceSession(model);
        long[] shape = [batch, .. session.InputMetadata["input"].Dimensions.Skip(1).Select(d => (long)d)];
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, shape);
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(options, ["input"], [input], ["output"]);
        float[] actual = results[0].GetTensorDataAsSpan<float>().ToArray();

        Tolerance.Close(expected, actual, 1e-4, $"{name}: ONNX Runtime against ForwardBatch");
    }
}
