using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>Global average pooling: one mean per channel, as a flat vector. No parameters.</summary>
internal sealed record GlobalAveragePoolLayerPlan(int Number, Shape InputShape, int Offset)
    : ParameterlessLayerPlan(Number, "GlobalAveragePool2D", InputShape, Shape.Flat(InputShape.Channels), Offset)
{
    public override string Kind => "GlobalAveragePool2D";

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{LayerCalls.PoolingKernels}.GlobalAverageForward({input}, {output}, {Geometry});");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line($"{LayerCalls.PoolingKernels}.GlobalAverageBackward({gradient}, {inputGradients}, {Geometry});");

    /// <summary><c>GlobalAveragePool</c> (<c>[C, 1, 1]</c>), then <c>Flatten</c> to the flat vector Forward writes.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "GlobalAveragePool", null, ["graph.Current"], [InputShape.Channels, 1, 1]);
        Onnx.WriteNode(writer, "Flatten", "flatten", ["graph.Current"], [InputShape.Channels], Onnx.Int("axis", 1));
    }

    private string Geometry => $"channels: {InputShape.Channels}, planeSize: {InputShape.Height * InputShape.Width}";
}

/// <summary><c>[GlobalAveragePool2D]</c>.</summary>
internal sealed record GlobalAveragePoolDeclaration(LocationInfo? Location)
    : LayerDeclaration("GlobalAveragePool2D", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new GlobalAveragePoolDeclaration(location);

    /// <summary>Needs an image (SN0022); one value per channel.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        if (!planner.RequireVolume(this, input))
        {
            return input;
        }

        planner.Add(new GlobalAveragePoolLayerPlan(planner.NextNumber, input, planner.ParameterOffset));
        return Shape.Flat(input.Channels);
    }
}
