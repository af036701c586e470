using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A dense layer on a sequence: the same weights applied to every step (PyTorch's <c>nn.Linear</c> on the last
/// dimension), its output again a sequence. Forward runs the one-sample kernel step by step, so a streamed step, which
/// runs that kernel on its one step, gives the same bits; training takes the steps as a batch (the weight gradients are
/// the sums over steps, as over samples).
/// </summary>
internal sealed record SequenceDenseLayerPlan(
    int Number, string Description, Shape InputShape, Shape OutputShape, int WeightOffset, int BiasOffset, ActivationKind Activation, float Slope, bool HasBias)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, InputShape.Features * OutputShape.Features,
        BiasOffset, HasBias ? OutputShape.Features : 0, (long)InputShape.Steps * InputShape.Features * OutputShape.Features)
{
    private const string SequenceKernels = "global::StaticNet.Runtime.SequenceKernels";

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override string Kind => "Dense";

    private int Inputs => InputShape.Features;

    private int Units => OutputShape.Features;

    public override string WeightRole => $" [{Units}, {Inputs}] row-major, applied to each of the {InputShape.Steps} steps";

    /// <summary>Streaming, its <c>Forward</c> call runs on the one step: the kernel each step of the whole sequence runs.</summary>
    protected override StepRole StatelessStepRole => StepRole.PerStep;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{SequenceKernels}.DenseEachStep({LayerCalls.Weights(Number)}, {BiasValues(Units)}, {input}, {output});");

    public override string GradientComment(string input) =>
        HasBias ? $"dW{Number} += g{Number} ⊗ {input} and db{Number} += g{Number}, summed over the steps, then the"
        : $"dW{Number} += g{Number} ⊗ {input}, summed over the steps (no biases), then the";

    /// <summary>The steps as a batch: the weight and bias gradients summed over them, each step's input gradients.</summary>
    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.BackwardBatch({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(Units)}, {inputGradients});");
    }

    /// <summary>
    /// <c>MatMul</c> with the weights transposed to <c>[features, units]</c> (broadcast over the batch and the steps), then
    /// <c>Add</c> of the biases.
    /// </summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        long[] shape = Onnx.Dimensions(OutputShape, streaming);
        string transposed = $"global::StaticNet.Onnx.OnnxGraph.Transposed({LayerCalls.Weights(Number)}, rows: {Units}, columns: {Inputs})";
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "MatMul", null, ["graph.Current", Onnx.Initializer("weight", transposed, Inputs, Units)], shape);
        Onnx.WriteNode(writer, "Add", null, ["graph.Current", Onnx.Initializer("bias", BiasValues(Units), Units)], shape);
    }

    /// <summary>
    /// He or Xavier by the activation that follows, biases zero (see <see cref="LayerPlan.WriteWeightInitialization"/>);
    /// the fans are one step's.
    /// </summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) =>
        WriteWeightInitialization(writer, activated, (Inputs, Units));

    /// <summary><c>nn.Linear</c>: weight <c>[out, in]</c>, then bias unless <c>bias=False</c>.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module)
    {
        yield return new($"{module}.weight", Number, "weights", $"{Units}, {Inputs}", false, WeightOffset, WeightCount);
        if (HasBias)
        {
            yield return new($"{module}.bias", Number, "biases", $"{Units}", false, BiasOffset, BiasCount);
        }
    }
}
