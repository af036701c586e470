using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A flatten layer: the same values viewed as a vector. The emitters let it share its input's values instead of
/// calling these (see <see cref="LayerPlan.IsView"/>); they say what it computes.
/// </summary>
internal sealed record FlattenLayerPlan(int Number, Shape InputShape, Shape OutputShape, int Offset)
    : ParameterlessLayerPlan(Number, "Flatten", InputShape, OutputShape, Offset)
{
    public override string Kind => "Flatten";

    public override bool IsView => true;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{input}.CopyTo({output});");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line(inputGradients == LayerCalls.NoGradients ? "// Nothing to do: no parameters." : $"{gradient}.CopyTo({inputGradients});");

    /// <summary><c>Flatten</c> from axis 1: C, H, W order, as Forward reads the volume.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Flatten", null, ["graph.Current"], Onnx.Dimensions(OutputShape, streaming), Onnx.Int("axis", 1));
    }
}

/// <summary><c>[Flatten]</c>.</summary>
internal sealed record FlattenDeclaration(LocationInfo? Location)
    : LayerDeclaration("Flatten", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new FlattenDeclaration(location);

    public override bool Computes => false;

    public override bool TakesSequences => true;

    /// <summary>C, H, W order: the values as they lie.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        Shape flat = Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        planner.Add(new FlattenLayerPlan(planner.NextNumber, input, flat, planner.ParameterOffset));
        return flat;
    }
}
