using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Model;

/// <summary>
/// Everything the generator reads from one <c>[Network]</c> type: where to put the code, the loss,
/// the layer attributes in source order, and problems found while reading them.
/// </summary>
internal sealed record NetworkDeclaration(
    TypeTarget Target,
    Argument<int> Loss,
    LocationInfo? NetworkLocation,
    EquatableArray<LayerDeclaration> Layers,
    EquatableArray<DiagnosticInfo> Diagnostics,
    bool GenerateInstanceApi)
{
    /// <summary>What the generator carries on when reading a declaration threw: only the SN9999 report.</summary>
    public static NetworkDeclaration Failed(string typeName, LocationInfo? location, System.Exception exception) => new(
        new TypeTarget(null, EquatableArray<TypeDeclarationInfo>.Empty, new TypeDeclarationInfo("class", typeName), typeName),
        new Argument<int>(0, location),
        location,
        EquatableArray<LayerDeclaration>.Empty,
        new EquatableArray<DiagnosticInfo>(System.Collections.Immutable.ImmutableArray.Create(DiagnosticInfo.Create(
            DiagnosticDescriptors.InternalError, location, typeName, exception.Message))),
        GenerateInstanceApi: false);

    /// <summary><c>[Network(Unroll = n)]</c>, or null for the default.</summary>
    public Argument<int>? Unroll { get; init; }

    /// <summary><c>[Network(Weights = "file")]</c>, or null when the network bakes no weights.</summary>
    public Argument<string>? Weights { get; init; }

    /// <summary>The type's own and inherited members that carry a name the generator writes.</summary>
    public EquatableArray<UserMember> UserMembers { get; init; } = EquatableArray<UserMember>.Empty;

    public bool HasInternalError => Diagnostics.Any(d => d.Id == DiagnosticDescriptors.InternalError.Id);
}
