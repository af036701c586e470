using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// <c>[Input(...)]</c>: the input shape, one argument per dimension. The planner reads it before the layers
/// (exactly one, first); in the layer sequence it computes nothing.
/// </summary>
internal sealed record InputDeclaration(EquatableArray<Argument<int>> Shape, LocationInfo? Location)
    : LayerDeclaration("Input", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new InputDeclaration(arguments.IntArray(0), location);

    public override bool Computes => false;

    public override bool AddsLayer => false;

    /// <summary>A repeated [Input] is reported by the planner's input check; it adds no layer.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input) => input;
}
