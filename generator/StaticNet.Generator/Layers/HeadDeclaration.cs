using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// <c>[Output(loss, Weight = w)]</c>: not a layer but a mark on the layer written directly above it, which becomes one of
/// the network's heads. It sits among the layer attributes because its place among them says which layer it marks.
/// </summary>
internal sealed record HeadDeclaration(Argument<int> Loss, Argument<float>? Weight, LocationInfo? Location)
    : LayerDeclaration("Output", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new HeadDeclaration(arguments.Int(0, (int)LossKind.MeanSquaredError), arguments.NamedFloat("Weight"), location);

    public override bool Computes => false;

    public override bool TakesSequences => true;

    public override bool AddsLayer => false;

    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        planner.MarkHead(Loss, Weight, Name, Location);
        return input;
    }
}
