using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A dense layer, unrolled into straight-line code or looped over constant bounds through <c>DenseKernels</c>.</summary>
internal sealed record DenseLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    ActivationKind Activation,
    float Slope,
    bool Unrolled)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, (int)(InputShape.Size * OutputShape.Size),
        BiasOffset, (int)OutputShape.Size, InputShape.Size * OutputShape.Size)
{
    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override bool Unrolled { get; } = Unrolled;

    public int Inputs => (int)InputShape.Size;

    public int Outputs => (int)OutputShape.Size;

    public override string Kind => "Dense";

    public override string WeightRole => $" [{Outputs}, {Inputs}] row-major";

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.Forward(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {input}, {output});");
    }

    /// <summary>The whole batch in one kernel call, which reuses each weight for several samples.</summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.ForwardBatch(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {inputs}, {outputs});");
    }

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.Backward({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients});");
    }

    /// <summary>The batch's weight gradients summed in registers by one kernel call.</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.BackwardBatch({LayerCalls.Weights(Number)}, {inputs}, {gradients},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients});");
    }

    public override string OnnxCall() => $"graph.Dense({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {OnnxActivation});";

    /// <summary><c>nn.Linear</c>: weight <c>[out, in]</c>, then bias.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(int module) =>
    [
        new($"{module}.weight", Number, "weights", $"{Outputs}, {Inputs}", false, WeightOffset, WeightCount),
        new($"{module}.bias", Number, "biases", $"{Outputs}", false, BiasOffset, BiasCount),
    ];
}
