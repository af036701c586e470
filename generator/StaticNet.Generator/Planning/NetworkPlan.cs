using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// A network after checking: what the emitter writes from. When <see cref="HasErrors"/> is true the
/// emitter writes nothing and only the diagnostics are reported.
/// </summary>
internal sealed record NetworkPlan(
    TypeTarget Target,
    LossKind Loss,
    Shape InputShape,
    EquatableArray<LayerPlan> Layers,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    public Shape OutputShape => Layers.Count == 0 ? InputShape : Layers[Layers.Count - 1].OutputShape;

    /// <summary>The sum of the layers' tensors (a layer that shares another's adds none of its own).</summary>
    public int ParameterCount => (int)System.Math.Min(Layers.Sum(layer => (long)layer.ParameterCount), int.MaxValue);

    public long MultiplyAccumulates => Layers.Sum(layer => layer.MultiplyAccumulates);

    /// <summary>Values kept beside the parameters but not trained: batch-norm running statistics.</summary>
    public int StateCount => Layers.Sum(layer => layer.StateCount);

    /// <summary>Whether Forward and Backward take a state span (the network has batch normalisation).</summary>
    public bool HasState => StateCount > 0;

    public string Name => Target.Type.Name;

    /// <summary>Whether training and inference differ, so Backward comes in both modes.</summary>
    public bool HasDropout => Layers.Any(layer => layer is IMaskedLayer);

    /// <summary>The layer whose outputs layer <paramref name="number"/> reads (through Flattens), or null for the input.</summary>
    public LayerPlan? Feeder(int number)
    {
        for (int i = number - 1; i >= 1; i--)
        {
            if (Layers[i - 1] is not FlattenLayerPlan)
            {
                return Layers[i - 1];
            }
        }

        return null;
    }

    /// <summary>Whether to add the constructors, <c>Parameters</c>, <c>Predict</c> and <c>INetwork</c>.</summary>
    public bool GenerateInstanceApi { get; init; }

    /// <summary><c>[Network(Weights = "file")]</c>: the weight file to bake in, or null.</summary>
    public Argument<string>? Weights { get; init; }

    /// <summary>The type's own and inherited members that carry a name the generator writes: checked against the generated code.</summary>
    public EquatableArray<UserMember> UserMembers { get; init; } = EquatableArray<UserMember>.Empty;

    /// <summary>Where to report problems with the network as a whole: its [Network] attribute.</summary>
    public LocationInfo? Location { get; init; }

    /// <summary>A plan with no layers whose diagnostics are the declaration's plus SN9999 for <paramref name="exception"/>.</summary>
    public static NetworkPlan Failed(NetworkDeclaration declaration, System.Exception exception) => new(
        declaration.Target,
        LossKind.MeanSquaredError,
        Shape.Flat(1),
        EquatableArray<LayerPlan>.Empty,
        new EquatableArray<DiagnosticInfo>(declaration.Diagnostics.AsImmutableArray().Add(DiagnosticInfo.Create(
            DiagnosticDescriptors.InternalError, declaration.NetworkLocation, declaration.Target.Type.Name, exception.Message))))
    {
        Location = declaration.NetworkLocation,
    };
}
