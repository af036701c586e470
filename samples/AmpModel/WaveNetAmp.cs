using StaticNet;

namespace AmpModel;

/// <summary>
/// One layer of a WaveNet layer array: a dilated causal convolution of the stream plus a 1x1 convolution of the input,
/// Tanh, and a 1x1 convolution added back onto the stream.
/// </summary>
[Block("x", "condition")]
[Conv1D(WaveNetAmpLayer.Channels, WaveNetAmpLayer.Kernel, Causal = true, Dilation = WaveNetAmpLayer.Dilation, Name = "conv")]
[Conv1D(WaveNetAmpLayer.Channels, 1, Bias = false, From = "condition", Name = "mixin")]
[Add("conv", "mixin", Activation = Activation.Tanh, Name = "act")]
[Conv1D(WaveNetAmpLayer.Channels, 1, Name = "layer1x1")]
[Add("x", "layer1x1", Name = "out")]
public static class WaveNetAmpLayer
{
    public const int Channels = 3;
    public const int Kernel = 3;
    public const int Dilation = 1;
}

// wavenet.nam: a WaveNet of 2 layer arrays (3 channels, kernel 3, dilations 1, 2; 2 channels, kernel 3, dilation 8). Load its weights with NamModel.Load(path).LoadInto(network).
[Network]
[Input(64, 1)]
// Layer array 0: 3 channels, kernel 3, dilations 1, 2, Tanh; head 2, no head bias.
[Conv1D(3, 1, Bias = false, Name = "array0.rechannel")]
[Use(typeof(WaveNetAmpLayer), "array0.rechannel", "input", Name = "array0.layer0")]
[Use(typeof(WaveNetAmpLayer), "array0.layer0.out", "input", Name = "array0.layer1", With = "Dilation = 2")]
[Add("array0.layer0.act", "array0.layer1.act", Name = "array0.head")]
[Conv1D(2, 1, Bias = false, Name = "array0.head_rechannel")]
// Layer array 1: 2 channels, kernel 3, dilation 8, Tanh; head 1.
[Conv1D(2, 1, Bias = false, From = "array0.layer1.out", Name = "array1.rechannel")]
[Conv1D(2, 3, Causal = true, Dilation = 8, Name = "array1.layer0.conv")]
[Conv1D(2, 1, Bias = false, From = "input", Name = "array1.layer0.mixin")]
[Add("array1.layer0.conv", "array1.layer0.mixin", Activation = Activation.Tanh, Name = "array1.layer0.act")]
[Add("array0.head_rechannel", "array1.layer0.act", Name = "array1.head")]
[Conv1D(1, 1, Name = "array1.head_rechannel")]
public partial class WaveNetAmp { }
