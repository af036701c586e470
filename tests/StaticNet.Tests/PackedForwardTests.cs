using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// <c>ForwardPacked</c> on the copy <c>PackParameters</c> makes gives <c>Forward</c>'s outputs: for unrolled and looped
/// dense layers, a layer sharing another's weights, tied decoders (unrolled and looped, whose packed weights turn back
/// the other way), graphs with several heads, and convolutions (left as they are) before a dense layer.
/// </summary>
public class PackedForwardTests
{
    private delegate void Pack(ReadOnlySpan<float> parameters, Span<float> packed);

    public static TheoryData<string> Networks => [nameof(Iris.IrisNet), nameof(ResMlpNet), nameof(SiameseNet), nameof(TiedAutoencoder),
        nameof(LoopedTiedAutoencoder), nameof(DigitAndParity), nameof(SharedConvNet), nameof(TwoHiddenSoftmaxNet)];

    [Theory]
    [MemberData(nameof(Networks))]
    public void Packed_forward_gives_the_outputs_of_forward(string name)
    {
        (int parameterCount, int inputSize, int outputSize, ForwardFunction forward, Pack pack, ForwardFunction forwardPacked) = Find(name);
        var random = new Random(name.Length);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] parameters = RandomData.Uniform(random, parameterCount, 0.5);
            float[] input = RandomData.Uniform(random, inputSize, 1.0);
            var packed = new float[parameterCount];
            pack(parameters, packed);

            var expected = new float[outputSize];
            var actual = new float[outputSize];
            forward(parameters, input, expected);
            forwardPacked(packed, input, actual);
            Tolerance.Close(expected, actual, 1e-5, $"{name}, trial {trial}");
        }
    }

    [Fact]
    public void Packing_refuses_wrong_lengths_and_overlapping_spans()
    {
        var parameters = new float[ResMlpNet.ParameterCount];
        Assert.Contains("packed", Assert.Throws<ArgumentException>(() => ResMlpNet.PackParameters(parameters, new float[3])).Message);
        Assert.Contains("overlap", Assert.Throws<ArgumentException>(() => ResMlpNet.PackParameters(parameters, parameters)).Message);
        Assert.Throws<ArgumentException>(() => ResMlpNet.ForwardPacked(new float[3], new float[ResMlpNet.InputSize], new float[ResMlpNet.OutputSize]));
    }

    private static (int, int, int, ForwardFunction, Pack, ForwardFunction) Find(string name) => name switch
    {
        nameof(Iris.IrisNet) => (Iris.IrisNet.ParameterCount, Iris.IrisNet.InputSize, Iris.IrisNet.OutputSize, Iris.IrisNet.Forward, Iris.IrisNet.PackParameters, Iris.IrisNet.ForwardPacked),
        nameof(ResMlpNet) => (ResMlpNet.ParameterCount, ResMlpNet.InputSize, ResMlpNet.OutputSize, ResMlpNet.Forward, ResMlpNet.PackParameters, ResMlpNet.ForwardPacked),
        nameof(SiameseNet) => (SiameseNet.ParameterCount, SiameseNet.InputSize, SiameseNet.OutputSize, SiameseNet.Forward, SiameseNet.PackParameters, SiameseNet.ForwardPacked),
        nameof(TiedAutoencoder) => (TiedAutoencoder.ParameterCount, TiedAutoencoder.InputSize, TiedAutoencoder.OutputSize, TiedAutoencoder.Forward, TiedAutoencoder.PackParameters, TiedAutoencoder.ForwardPacked),
        nameof(LoopedTiedAutoencoder) => (LoopedTiedAutoencoder.ParameterCount, LoopedTiedAutoencoder.InputSize, LoopedTiedAutoencoder.OutputSize, LoopedTiedAutoencoder.Forward, LoopedTiedAutoencoder.PackParameters, LoopedTiedAutoencoder.ForwardPacked),
        nameof(DigitAndParity) => (DigitAndParity.ParameterCount, DigitAndParity.InputSize, DigitAndParity.OutputSize, DigitAndParity.Forward, DigitAndParity.PackParameters, DigitAndParity.ForwardPacked),
        nameof(SharedConvNet) => (SharedConvNet.ParameterCount, SharedConvNet.InputSize, SharedConvNet.OutputSize, SharedConvNet.Forward, SharedConvNet.PackParameters, SharedConvNet.ForwardPacked),
        nameof(TwoHiddenSoftmaxNet) => (TwoHiddenSoftmaxNet.ParameterCount, TwoHiddenSoftmaxNet.InputSize, TwoHiddenSoftmaxNet.OutputSize, TwoHiddenSoftmaxNet.Forward, TwoHiddenSoftmaxNet.PackParameters, TwoHiddenSoftmaxNet.ForwardPacked),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a network of this test"),
    };
}
