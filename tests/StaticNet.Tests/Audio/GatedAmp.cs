using StaticNet;

namespace StaticNet.Tests.Audio;

/// <summary>
/// One layer of a WaveNet layer array: a dilated causal convolution of the stream plus a 1x1 convolution of the input,
/// its filter half through Tanh times its gate half through Sigmoid, and a 1x1 convolution added back onto the stream.
/// </summary>
[Block("x", "condition")]
[Conv1D(GatedAmpLayer.Rows, GatedAmpLayer.Kernel, Causal = true, Dilation = GatedAmpLayer.Dilation, Name = "conv")]
[Conv1D(GatedAmpLayer.Rows, 1, Bias = false, From = "condition", Name = "mixin")]
[Add("conv", "mixin", Name = "z")]
[Slice(0, GatedAmpLayer.Channels, Name = "filter")]
[Activate(Activation.Tanh, Name = "filter_act")]
[Slice(GatedAmpLayer.Channels, GatedAmpLayer.Channels, From = "z", Name = "gate")]
[Activate(Activation.Sigmoid, Name = "gate_act")]
[Multiply("filter_act", "gate_act", Name = "act")]
[Conv1D(GatedAmpLayer.Channels, 1, Name = "layer1x1")]
[Add("x", "layer1x1", Name = "out")]
public static class GatedAmpLayer
{
    public const int Channels = 2;
    public const int Rows = 4;
    public const int Kernel = 2;
    public const int Dilation = 1;
}

// A gated WaveNet (NamFiles.GatedWaveNet): a WaveNet of 2 layer arrays (2 channels, kernel 2, dilations 1, 3, gated; 2 channels, kernel 3, dilation 2). Load its weights with NamModel.Load(path).LoadInto(network).
[Network]
[Input(16, 1)]
// Layer array 0: 2 channels, kernel 2, dilations 1, 3, Tanh gated by Sigmoid; head 2, no head bias.
[Conv1D(2, 1, Bias = false, Name = "array0.rechannel")]
[Use(typeof(GatedAmpLayer), "array0.rechannel", "input", Name = "array0.layer0")]
[Use(typeof(GatedAmpLayer), "array0.layer0.out", "input", Name = "array0.layer1", With = "Dilation = 3")]
[Add("array0.layer0.act", "array0.layer1.act", Name = "array0.head")]
[Conv1D(2, 1, Bias = false, Name = "array0.head_rechannel")]
// Layer array 1: 2 channels, kernel 3, dilation 2, ReLU; head 1.
[Conv1D(2, 1, Bias = false, From = "array0.layer1.out", Name = "array1.rechannel")]
[Conv1D(2, 3, Causal = true, Dilation = 2, Name = "array1.layer0.conv")]
[Conv1D(2, 1, Bias = false, From = "input", Name = "array1.layer0.mixin")]
[Add("array1.layer0.conv", "array1.layer0.mixin", Activation = Activation.ReLU, Name = "array1.layer0.act")]
[Add("array0.head_rechannel", "array1.layer0.act", Name = "array1.head")]
[Conv1D(1, 1, Name = "array1.head_rechannel")]
public partial class GatedAmp { }
