using StaticNet;

namespace StaticNet.Tests.Audio;

// A gated WaveNet (NamFiles.GatedWaveNet): a WaveNet of 2 layer arrays (2 channels, kernel 2, dilations 1, 3, gated; 2 channels, kernel 3, dilation 2). Load its weights with NamModel.Load(path).LoadInto(network).
[Network]
[Input(16, 1)]
// Layer array 0: 2 channels, kernel 2, dilations 1, 3, Tanh gated by Sigmoid; head 2, no head bias.
[Conv1D(2, 1, Bias = false, Name = "array0.rechannel")]
[Conv1D(4, 2, Causal = true, Name = "array0.layer0.conv")]
[Conv1D(4, 1, Bias = false, From = "input", Name = "array0.layer0.mixin")]
[Add("array0.layer0.conv", "array0.layer0.mixin", Name = "array0.layer0.z")]
[Slice(0, 2, Name = "array0.layer0.filter")]
[Activate(Activation.Tanh, Name = "array0.layer0.filter_act")]
[Slice(2, 2, From = "array0.layer0.z", Name = "array0.layer0.gate")]
[Activate(Activation.Sigmoid, Name = "array0.layer0.gate_act")]
[Multiply("array0.layer0.filter_act", "array0.layer0.gate_act", Name = "array0.layer0.act")]
[Conv1D(2, 1, Name = "array0.layer0.layer1x1")]
[Add("array0.rechannel", "array0.layer0.layer1x1", Name = "array0.layer0.out")]
[Conv1D(4, 2, Causal = true, Dilation = 3, Name = "array0.layer1.conv")]
[Conv1D(4, 1, Bias = false, From = "input", Name = "array0.layer1.mixin")]
[Add("array0.layer1.conv", "array0.layer1.mixin", Name = "array0.layer1.z")]
[Slice(0, 2, Name = "array0.layer1.filter")]
[Activate(Activation.Tanh, Name = "array0.layer1.filter_act")]
[Slice(2, 2, From = "array0.layer1.z", Name = "array0.layer1.gate")]
[Activate(Activation.Sigmoid, Name = "array0.layer1.gate_act")]
[Multiply("array0.layer1.filter_act", "array0.layer1.gate_act", Name = "array0.layer1.act")]
[Conv1D(2, 1, Name = "array0.layer1.layer1x1")]
[Add("array0.layer0.out", "array0.layer1.layer1x1", Name = "array0.layer1.out")]
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
