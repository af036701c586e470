using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// <c>[Use(typeof(Block), inputs..., Name, With)]</c>: a block's layers, added in its place by <see cref="BlockExpansion"/>
/// before the network is planned. One that reaches planning names a class that is not a block (SN0061).
/// </summary>
internal sealed record UseDeclaration(Argument<string>? Block, EquatableArray<Argument<string>> Inputs, Argument<string>? With, LocationInfo? Location)
    : LayerDeclaration("Use", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new UseDeclaration(arguments.TypeName(0), arguments.StringArray(1), arguments.NamedString("With"), location);

    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((UseDeclaration)base.WithNames(name, reference)) with { Inputs = References(Inputs, reference) };

    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        planner.Report(DiagnosticDescriptors.NotABlock, Block?.Location ?? Location, Block?.Value ?? "no type");
        return input;
    }
}
