using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>The last step of a sequence as a flat vector of its features (PyTorch's <c>output[:, -1, :]</c>); no parameters.</summary>
internal sealed record LastStepLayerPlan(int Number, Shape InputShape, Shape OutputShape, int Offset)
    : ParameterlessLayerPlan(Number, "LastStep", InputShape, OutputShape, Offset)
{
    private const string SequenceKernels = "global::StaticNet.Runtime.SequenceKernels";

    public override string Kind => "LastStep";

    /// <summary>Streaming, the step just taken is the last one so far.</summary>
    protected override StepRole StatelessStepRole => StepRole.PassThrough;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{SequenceKernels}.LastStep({input}, {output});");

    /// <summary>The gradient goes to the last step; the earlier steps get zeros.</summary>
    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line(inputGradients == LayerCalls.NoGradients
            ? "// Nothing to do: no parameters, and the input's gradients are not wanted."
            : $"{SequenceKernels}.LastStepBackward({gradient}, {inputGradients});");

    /// <summary><c>Slice</c> of the last step (a streamed step's only one), then <c>Flatten</c> to <c>[batch, features]</c>.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        int steps = streaming ? 1 : InputShape.Steps;
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Slice", null, ["graph.Current", Onnx.Int64s("starts", steps - 1), Onnx.Int64s("ends", steps), Onnx.Int64s("axes", 1)],
            [1, InputShape.Features]);
        Onnx.WriteNode(writer, "Flatten", null, ["graph.Current"], [InputShape.Features], Onnx.Int("axis", 1));
    }
}

/// <summary><c>[LastStep]</c>.</summary>
internal sealed record LastStepDeclaration(LocationInfo? Location)
    : LayerDeclaration("LastStep", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new LastStepDeclaration(location);

    public override bool TakesSequences => true;

    /// <summary>Needs a sequence (SN0055).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        if (!planner.RequireSequence(this, input))
        {
            return input.IsFlat ? input : Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        }

        var output = Shape.Flat(input.Features);
        planner.Add(new LastStepLayerPlan(planner.NextNumber, input, output, planner.ParameterOffset));
        return output;
    }
}
