using System.Globalization;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// Inverted dropout: identity at inference, a seeded random mask in training (kept in the span
/// <see cref="LayerCalls.DropoutMask"/> names, for the backward pass). No parameters.
/// </summary>
internal sealed record DropoutLayerPlan(int Number, float Rate, Shape Shape, int Offset)
    : ParameterlessLayerPlan(Number, $"Dropout({Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})", Shape, Shape, Offset),
    IMaskedLayer
{
    public override string Kind => "Dropout";

    /// <summary>Streaming is inference: a sequence's step passes through.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PassThrough : StepRole.AsInForward;

    /// <summary>At inference the values pass through unchanged: no code.</summary>
    public override bool IsIdentityAtInference => true;

    /// <summary>The rate is a training setting: weights saved with one rate load into a network with another.</summary>
    public override bool ShapesWeights => false;

    /// <summary>Inference: the values pass through.</summary>
    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{input}.CopyTo({output});");

    /// <summary>Draws the mask and applies it; <paramref name="rate"/> is an expression (0 outside training).</summary>
    public void WriteMaskedForward(CodeWriter code, string input, string output, string rate) =>
        code.Line($"{LayerCalls.DropoutKernels}.Forward({input}, {output}, {LayerCalls.DropoutMask(Number)}, {rate}, ref random);");

    /// <summary>The gradient through the mask the forward pass drew.</summary>
    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line($"{LayerCalls.DropoutKernels}.Backward({gradient}, {LayerCalls.DropoutMask(Number)}, {inputGradients});");

    /// <summary>The mask covers the whole batch, so one call takes it.</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients) =>
        WriteBackward(code, inputs, gradients, inputGradients);

    /// <summary>ONNX models compute Forward: dropout is left out, but the layer keeps its number so later names match.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming) => writer.Line(Onnx.BeginLayer);
}

/// <summary><c>[Dropout(rate)]</c>.</summary>
internal sealed record DropoutDeclaration(Argument<float> Rate, LocationInfo? Location)
    : LayerDeclaration("Dropout", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new DropoutDeclaration(arguments.Float(0, 0f), location);

    public override bool Computes => false;

    public override bool TakesSequences => true;

    /// <summary>A rate in [0, 1) (SN0026), and something after it to feed (SN0027).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        float rate = Rate.Value;
        if (!(rate >= 0f && rate < 1f))
        {
            planner.Report(DiagnosticDescriptors.InvalidDropoutRate, Rate.Location, rate.ToString("R", CultureInfo.InvariantCulture));
        }

        if (planner.IsAfterLastComputingLayer)
        {
            planner.Report(DiagnosticDescriptors.DropoutLast, Location);
        }

        planner.Add(new DropoutLayerPlan(planner.NextNumber, rate, input, planner.ParameterOffset));
        return input;
    }
}
