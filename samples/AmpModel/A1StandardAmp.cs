using StaticNet;

namespace AmpModel;

/// <summary>
/// One layer of a WaveNet layer array: a dilated causal convolution of the stream plus a 1x1 convolution of the input,
/// Tanh, and a 1x1 convolution added back onto the stream.
/// </summary>
[Block("x", "condition")]
[Conv1D(A1StandardAmpLayer.Channels, A1StandardAmpLayer.Kernel, Causal = true, Dilation = A1StandardAmpLayer.Dilation, Name = "conv")]
[Conv1D(A1StandardAmpLayer.Channels, 1, Bias = false, From = "condition", Name = "mixin")]
[Add("conv", "mixin", Activation = Activation.Tanh, Name = "act")]
[Conv1D(A1StandardAmpLayer.Channels, 1, Name = "layer1x1")]
[Add("x", "layer1x1", Name = "out")]
public static class A1StandardAmpLayer
{
    public const int Channels = 16;
    public const int Kernel = 3;
    public const int Dilation = 1;
}

// wavenet_a1_standard.nam: a WaveNet of 2 layer arrays (16 channels, kernel 3, dilations 1, 2, 4, 8, 16, 32, 64, 128, 256, 512; 8 channels, kernel 3, dilations 1, 2, 4, 8, 16, 32, 64, 128, 256, 512). Load its weights with NamModel.Load(path).LoadInto(network).
[Network]
[Input(64, 1)]
// Layer array 0: 16 channels, kernel 3, dilations 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, Tanh; head 8, no head bias.
[Conv1D(16, 1, Bias = false, Name = "array0.rechannel")]
[Use(typeof(A1StandardAmpLayer), "array0.rechannel", "input", Name = "array0.layer0")]
[Use(typeof(A1StandardAmpLayer), "array0.layer0.out", "input", Name = "array0.layer1", With = "Dilation = 2")]
[Use(typeof(A1StandardAmpLayer), "array0.layer1.out", "input", Name = "array0.layer2", With = "Dilation = 4")]
[Use(typeof(A1StandardAmpLayer), "array0.layer2.out", "input", Name = "array0.layer3", With = "Dilation = 8")]
[Use(typeof(A1StandardAmpLayer), "array0.layer3.out", "input", Name = "array0.layer4", With = "Dilation = 16")]
[Use(typeof(A1StandardAmpLayer), "array0.layer4.out", "input", Name = "array0.layer5", With = "Dilation = 32")]
[Use(typeof(A1StandardAmpLayer), "array0.layer5.out", "input", Name = "array0.layer6", With = "Dilation = 64")]
[Use(typeof(A1StandardAmpLayer), "array0.layer6.out", "input", Name = "array0.layer7", With = "Dilation = 128")]
[Use(typeof(A1StandardAmpLayer), "array0.layer7.out", "input", Name = "array0.layer8", With = "Dilation = 256")]
[Use(typeof(A1StandardAmpLayer), "array0.layer8.out", "input", Name = "array0.layer9", With = "Dilation = 512")]
[Add("array0.layer0.act", "array0.layer1.act", "array0.layer2.act", "array0.layer3.act", "array0.layer4.act", "array0.layer5.act", "array0.layer6.act", "array0.layer7.act", "array0.layer8.act", "array0.layer9.act", Name = "array0.head")]
[Conv1D(8, 1, Bias = false, Name = "array0.head_rechannel")]
// Layer array 1: 8 channels, kernel 3, dilations 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, Tanh; head 1.
[Conv1D(8, 1, Bias = false, From = "array0.layer9.out", Name = "array1.rechannel")]
[Use(typeof(A1StandardAmpLayer), "array1.rechannel", "input", Name = "array1.layer0", With = "Channels = 8")]
[Use(typeof(A1StandardAmpLayer), "array1.layer0.out", "input", Name = "array1.layer1", With = "Channels = 8, Dilation = 2")]
[Use(typeof(A1StandardAmpLayer), "array1.layer1.out", "input", Name = "array1.layer2", With = "Channels = 8, Dilation = 4")]
[Use(typeof(A1StandardAmpLayer), "array1.layer2.out", "input", Name = "array1.layer3", With = "Channels = 8, Dilation = 8")]
[Use(typeof(A1StandardAmpLayer), "array1.layer3.out", "input", Name = "array1.layer4", With = "Channels = 8, Dilation = 16")]
[Use(typeof(A1StandardAmpLayer), "array1.layer4.out", "input", Name = "array1.layer5", With = "Channels = 8, Dilation = 32")]
[Use(typeof(A1StandardAmpLayer), "array1.layer5.out", "input", Name = "array1.layer6", With = "Channels = 8, Dilation = 64")]
[Use(typeof(A1StandardAmpLayer), "array1.layer6.out", "input", Name = "array1.layer7", With = "Channels = 8, Dilation = 128")]
[Use(typeof(A1StandardAmpLayer), "array1.layer7.out", "input", Name = "array1.layer8", With = "Channels = 8, Dilation = 256")]
[Conv1D(8, 3, Causal = true, Dilation = 512, Name = "array1.layer9.conv")]
[Conv1D(8, 1, Bias = false, From = "input", Name = "array1.layer9.mixin")]
[Add("array1.layer9.conv", "array1.layer9.mixin", Activation = Activation.Tanh, Name = "array1.layer9.act")]
[Add("array0.head_rechannel", "array1.layer0.act", "array1.layer1.act", "array1.layer2.act", "array1.layer3.act", "array1.layer4.act", "array1.layer5.act", "array1.layer6.act", "array1.layer7.act", "array1.layer8.act", "array1.layer9.act", Name = "array1.head")]
[Conv1D(1, 1, Name = "array1.head_rechannel")]
public partial class A1StandardAmp { }
