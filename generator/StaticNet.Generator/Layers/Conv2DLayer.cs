using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A 2-D convolution with a square kernel, always looped through the runtime's <c>Conv2DKernels</c>.</summary>
internal sealed record Conv2DLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    int Kernel,
    int Stride,
    int Padding,
    ActivationKind Activation,
    float Slope)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, OutputShape.Channels * InputShape.Channels * Kernel * Kernel,
        BiasOffset, OutputShape.Channels, OutputShape.Size * InputShape.Channels * Kernel * Kernel)
{
    private const string Conv2DKernels = "global::StaticNet.Runtime.Conv2DKernels";

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override string Kind => "Conv2D";

    /// <summary>ReLU is applied by the register-blocked kernel as it writes each block.</summary>
    public override bool FusesActivation => Activation == ActivationKind.ReLU;

    /// <summary>PyTorch's fans: the receptive field counts in both.</summary>
    public override (int FanIn, int FanOut) Fans => (InputShape.Channels * Kernel * Kernel, OutputShape.Channels * Kernel * Kernel);

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{Conv2DKernels}.{(fuse ? "ForwardReLU" : "Forward")}(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {input}, {output},");
        code.Line($"    {Geometry});");
    }

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{Conv2DKernels}.Backward({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients},");
        code.Line($"    {Geometry});");
    }

    public override string OnnxCall() =>
        $"graph.Conv2D({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, kernel: {Kernel}, stride: {Stride}, padding: {Padding}, {OnnxActivation});";

    /// <summary><c>nn.Conv2d</c>: weight <c>[out, in, kH, kW]</c>, then bias.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(int module) =>
    [
        new($"{module}.weight", Number, "weights", $"{OutputShape.Channels}, {InputShape.Channels}, {Kernel}, {Kernel}", false, WeightOffset, WeightCount),
        new($"{module}.bias", Number, "biases", $"{OutputShape.Channels}", false, BiasOffset, BiasCount),
    ];

    private string Geometry =>
        $"inputChannels: {InputShape.Channels}, inputHeight: {InputShape.Height}, inputWidth: {InputShape.Width}, "
        + $"kernel: {Kernel}, stride: {Stride}, padding: {Padding}";
}
