using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// <c>ForwardPacked</c> on the copy <c>PackParameters</c> makes gives <c>Forward</c>'s outputs: for unrolled and looped
/// dense layers, a layer sharing another's weights, tied decoders (unrolled and looped, whose packed weights turn back
/// the other way), graphs with several heads, and convolutions (left as they are) before a dense layer. Networks
/// whose dense layers are all unrolled get both only where some layer has 2 to 8 outputs from fewer than 16 inputs: its
/// packed code sums all its outputs in one vector, with <c>Forward</c>'s bits (checked bit for bit below). Large layers go in panels
/// of 64 outputs (whole and narrower last panels, a layer sharing a panelled one's weights), except a block a tied
/// decoder reads.
/// </summary>
public class PackedForwardTests
{
    private delegate void Pack(ReadOnlySpan<float> parameters, Span<float> packed);

    public static TheoryData<string> Networks => [nameof(ResMlpNet), nameof(PackedSiameseNet), nameof(TiedThenLoopedNet),
        nameof(LoopedTiedAutoencoder), nameof(DigitAndParity), nameof(ConvThenLoopedNet), nameof(TwoHiddenSoftmaxNet),
        nameof(PanelledNet), nameof(SharedPanelsNet), nameof(LargeTiedAutoencoder)];

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

    public static TheoryData<string> VectorSumNetworks => [nameof(SmallReluNet), nameof(SmallLeakyNet), nameof(WideInputNet), nameof(NoBiasMlp),
        nameof(SharedThenVectorNet), nameof(TiedThenVectorNet), nameof(SharedEightNet)];

    /// <summary>
    /// Small unrolled layers sum in one vector in the packed code, adding the same products in the same order as
    /// <c>Forward</c>'s scalar sums (one chain, or two lines added after), and activate there (ReLU, LeakyReLU) or lane by
    /// lane (tanh, sigmoid, softmax): the same bits, signed zeros and large values included.
    /// </summary>
    [Theory]
    [MemberData(nameof(VectorSumNetworks))]
    public void Small_unrolled_layers_summed_in_one_vector_give_forwards_bits(string name)
    {
        (int parameterCount, int inputSize, int outputSize, ForwardFunction forward, Pack pack, ForwardFunction forwardPacked) = Find(name);
        var random = new Random(name.Length + 7);
        var expected = new float[outputSize];
        var actual = new float[outputSize];
        for (int trial = 0; trial < 200; trial++)
        {
            float[] parameters = RandomData.Uniform(random, parameterCount, trial % 2 == 0 ? 0.5 : 40.0);
            float[] input = RandomData.Uniform(random, inputSize, trial % 3 == 0 ? 1.0 : 30.0);
            input[trial % inputSize] = trial % 4 == 0 ? -0f : input[trial % inputSize];
            var packed = new float[parameterCount];
            pack(parameters, packed);
            forward(parameters, input, expected);
            forwardPacked(packed, input, actual);
            for (int i = 0; i < outputSize; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"{name}, trial {trial}, output {i}: Forward {expected[i]:R}, ForwardPacked {actual[i]:R}");
            }
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
        nameof(ResMlpNet) => (ResMlpNet.ParameterCount, ResMlpNet.InputSize, ResMlpNet.OutputSize, ResMlpNet.Forward, ResMlpNet.PackParameters, ResMlpNet.ForwardPacked),
        nameof(PackedSiameseNet) => (PackedSiameseNet.ParameterCount, PackedSiameseNet.InputSize, PackedSiameseNet.OutputSize, PackedSiameseNet.Forward, PackedSiameseNet.PackParameters, PackedSiameseNet.ForwardPacked),
        nameof(TiedThenLoopedNet) => (TiedThenLoopedNet.ParameterCount, TiedThenLoopedNet.InputSize, TiedThenLoopedNet.OutputSize, TiedThenLoopedNet.Forward, TiedThenLoopedNet.PackParameters, TiedThenLoopedNet.ForwardPacked),
        nameof(LoopedTiedAutoencoder) => (LoopedTiedAutoencoder.ParameterCount, LoopedTiedAutoencoder.InputSize, LoopedTiedAutoencoder.OutputSize, LoopedTiedAutoencoder.Forward, LoopedTiedAutoencoder.PackParameters, LoopedTiedAutoencoder.ForwardPacked),
        nameof(DigitAndParity) => (DigitAndParity.ParameterCount, DigitAndParity.InputSize, DigitAndParity.OutputSize, DigitAndParity.Forward, DigitAndParity.PackParameters, DigitAndParity.ForwardPacked),
        nameof(ConvThenLoopedNet) => (ConvThenLoopedNet.ParameterCount, ConvThenLoopedNet.InputSize, ConvThenLoopedNet.OutputSize, ConvThenLoopedNet.Forward, ConvThenLoopedNet.PackParameters, ConvThenLoopedNet.ForwardPacked),
        nameof(TwoHiddenSoftmaxNet) => (TwoHiddenSoftmaxNet.ParameterCount, TwoHiddenSoftmaxNet.InputSize, TwoHiddenSoftmaxNet.OutputSize, TwoHiddenSoftmaxNet.Forward, TwoHiddenSoftmaxNet.PackParameters, TwoHiddenSoftmaxNet.ForwardPacked),
        nameof(PanelledNet) => (PanelledNet.ParameterCount, PanelledNet.InputSize, PanelledNet.OutputSize, PanelledNet.Forward, PanelledNet.PackParameters, PanelledNet.ForwardPacked),
        nameof(SharedPanelsNet) => (SharedPanelsNet.ParameterCount, SharedPanelsNet.InputSize, SharedPanelsNet.OutputSize, SharedPanelsNet.Forward, SharedPanelsNet.PackParameters, SharedPanelsNet.ForwardPacked),
        nameof(LargeTiedAutoencoder) => (LargeTiedAutoencoder.ParameterCount, LargeTiedAutoencoder.InputSize, LargeTiedAutoencoder.OutputSize, LargeTiedAutoencoder.Forward, LargeTiedAutoencoder.PackParameters, LargeTiedAutoencoder.ForwardPacked),
        nameof(SmallReluNet) => (SmallReluNet.ParameterCount, SmallReluNet.InputSize, SmallReluNet.OutputSize, SmallReluNet.Forward, SmallReluNet.PackParameters, SmallReluNet.ForwardPacked),
        nameof(SmallLeakyNet) => (SmallLeakyNet.ParameterCount, SmallLeakyNet.InputSize, SmallLeakyNet.OutputSize, SmallLeakyNet.Forward, SmallLeakyNet.PackParameters, SmallLeakyNet.ForwardPacked),
        nameof(WideInputNet) => (WideInputNet.ParameterCount, WideInputNet.InputSize, WideInputNet.OutputSize, WideInputNet.Forward, WideInputNet.PackParameters, WideInputNet.ForwardPacked),
        nameof(NoBiasMlp) => (NoBiasMlp.ParameterCount, NoBiasMlp.InputSize, NoBiasMlp.OutputSize, NoBiasMlp.Forward, NoBiasMlp.PackParameters, NoBiasMlp.ForwardPacked),
        nameof(SharedThenVectorNet) => (SharedThenVectorNet.ParameterCount, SharedThenVectorNet.InputSize, SharedThenVectorNet.OutputSize, SharedThenVectorNet.Forward, SharedThenVectorNet.PackParameters, SharedThenVectorNet.ForwardPacked),
        nameof(TiedThenVectorNet) => (TiedThenVectorNet.ParameterCount, TiedThenVectorNet.InputSize, TiedThenVectorNet.OutputSize, TiedThenVectorNet.Forward, TiedThenVectorNet.PackParameters, TiedThenVectorNet.ForwardPacked),
        nameof(SharedEightNet) => (SharedEightNet.ParameterCount, SharedEightNet.InputSize, SharedEightNet.OutputSize, SharedEightNet.Forward, SharedEightNet.PackParameters, SharedEightNet.ForwardPacked),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a network of this test"),
    };
}

/// <summary>A Siamese pair whose shared encoder is looped (192 weights under tanh): the user of the weights packs with them.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(16)]
[Slice(0, 8)]
[Dense(24, Activation.Tanh, Name = "encoder")]
[Slice(8, 8, From = "input")]
[Dense(24, Activation.Tanh, Shares = "encoder", Name = "other")]
[Concat("encoder", "other")]
[Dense(1, Activation.Sigmoid)]
public partial class PackedSiameseNet { }

/// <summary>An unrolled tied decoder (its packed weights read the other way) before a looped layer.</summary>
[Network]
[Input(6)]
[Dense(4, Activation.ReLU, Name = "encoder")]
[Dense(6, TransposeOf = "encoder")]
[Dense(32, Activation.Tanh)]
[Dense(2)]
public partial class TiedThenLoopedNet { }

/// <summary>A convolution (weights left as they are) before a looped dense layer.</summary>
[Network]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.ReLU)]
[Flatten]
[Dense(16, Activation.Tanh)]
[Dense(2)]
public partial class ConvThenLoopedNet { }

/// <summary>
/// Two layers in panels: 40 -> 240 (three whole panels and one of 48 outputs) and 240 -> 208 (three and one of 16),
/// then a small transposed one.
/// </summary>
[Network]
[Input(40)]
[Dense(240, Activation.ReLU)]
[Dense(208, Activation.Tanh)]
[Dense(5)]
public partial class PanelledNet { }

/// <summary>A layer sharing a panelled layer's weights reads the same panels.</summary>
[Network]
[Input(96)]
[Dense(96, Activation.ReLU, Name = "first")]
[Dense(96, Activation.Sigmoid, Shares = "first")]
[Dense(3)]
public partial class SharedPanelsNet { }

/// <summary>
/// An encoder large enough for panels whose weights a tied decoder reads: the packed copy keeps them whole (a small
/// looped layer after them is packed).
/// </summary>
[Network]
[Input(160)]
[Dense(64, Activation.ReLU, Name = "encoder")]
[Dense(160, TransposeOf = "encoder")]
[Dense(16, Activation.Tanh)]
public partial class LargeTiedAutoencoder { }

/// <summary>N1's shape: six ReLU sums in one 256-bit vector, two softmax sums in a 128-bit one whose biases end the parameters.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(2, Activation.Softmax)]
public partial class SmallReluNet { }

/// <summary>LeakyReLU's vector form, then three linear outputs (a 128-bit vector with a spare lane).</summary>
[Network]
[Input(3)]
[Dense(5, Activation.LeakyReLU, Slope = 0.2f)]
[Dense(3)]
public partial class SmallLeakyNet { }

/// <summary>
/// Thirteen terms a sum, which Forward adds in two lines: the vector adds them in the same two groups. Eight outputs (a
/// full 256-bit vector) under tanh, lane by lane (unrolled by the raised threshold: tanh alone would loop 96 weights);
/// then four sigmoid outputs without biases.
/// </summary>
[Network(Unroll = 1024)]
[Input(12)]
[Dense(8, Activation.Tanh)]
[Dense(4, Activation.Sigmoid, Bias = false)]
public partial class WideInputNet { }

/// <summary>
/// A small encoder two layers read (<c>Shares</c>): its block stays in PyTorch's layout, summed as in <c>Forward</c>, while
/// the head after it, small and its own, sums in one vector.
/// </summary>
[Network]
[Input(6)]
[Slice(0, 3)]
[Dense(4, Activation.ReLU, Name = "encoder")]
[Slice(3, 3, From = "input")]
[Dense(4, Activation.ReLU, Shares = "encoder", Name = "other")]
[Concat("encoder", "other")]
[Dense(3)]
public partial class SharedThenVectorNet { }

/// <summary>A small tied pair (<c>TransposeOf</c>) left in PyTorch's layout, then a small layer of its own summed in one vector.</summary>
[Network]
[Input(6)]
[Dense(4, Activation.ReLU, Name = "encoder")]
[Dense(6, TransposeOf = "encoder")]
[Dense(3, Activation.ReLU)]
public partial class TiedThenVectorNet { }

/// <summary>Eight outputs, packed <c>[inputs, outputs]</c> for owner and sharer alike: both sum in one vector from the one block.</summary>
[Network]
[Input(8)]
[Dense(8, Activation.ReLU, Name = "first")]
[Dense(8, Activation.LeakyReLU, Shares = "first")]
[Dense(2)]
public partial class SharedEightNet { }
