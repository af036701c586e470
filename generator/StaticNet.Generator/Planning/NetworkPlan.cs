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

    /// <summary>The output's shape: the last layer's, or with <c>[Output]</c> heads their values one after another.</summary>
    public Shape OutputShape => HasHeads ? Shape.Flat(Heads.Sum(head => head.Size))
        : Layers.Count == 0 ? InputShape : Layers[Layers.Count - 1].OutputShape;

    /// <summary>The outputs: one per <c>[Output]</c>, or the last layer alone with the network's loss.</summary>
    public EquatableArray<HeadPlan> Heads { get; init; } = EquatableArray<HeadPlan>.Empty;

    /// <summary>Whether the network marks its outputs with <c>[Output]</c> (else its last layer is the one output).</summary>
    public bool HasHeads { get; init; }

    /// <summary>Whether some layer reads another value than the one above it (From, a join): the layers form a graph.</summary>
    public bool IsGraph => FormsGraph(Layers, HasHeads);

    /// <summary>Whether layers with these sources (and heads, or not) form a graph rather than a chain.</summary>
    public static bool FormsGraph(System.Collections.Generic.IEnumerable<LayerPlan> layers, bool hasHeads) =>
        hasHeads || layers.Any(layer => layer.Sources.Count != 1 || layer.Source != layer.Number - 1);

    /// <summary>The layer whose buffer holds value <paramref name="number"/>: views (Flatten) hold their source's values; 0 is the input.</summary>
    public int Holder(int number)
    {
        while (number > 0 && Layers[number - 1].IsView)
        {
            number = Layers[number - 1].Source;
        }

        return number;
    }

    /// <summary>The sum of the layers' tensors (a layer that shares another's adds none of its own).</summary>
    public int ParameterCount => (int)System.Math.Min(Layers.Sum(layer => (long)layer.ParameterCount), int.MaxValue);

    public long MultiplyAccumulates => Layers.Sum(layer => layer.MultiplyAccumulates);

    /// <summary>Values kept beside the parameters but not trained: batch-norm running statistics.</summary>
    public int StateCount => Layers.OfType<IStatefulLayer>().Sum(layer => layer.StateCount);

    /// <summary>Whether Forward and Backward take a state span (the network has batch normalisation).</summary>
    public bool HasState => StateCount > 0;

    /// <summary>
    /// Whether the network gets a streaming <c>Step</c>: a network over a sequence whose layers each advance one step at
    /// a time (recurrent), pass it through, or run on flat values after it; without batch-norm state (whose span would
    /// share the name). A graph streams too, its branches reading each other's steps, when its <c>[Output]</c> heads are
    /// flat (after <c>LastStep</c>): a head over a sequence has no place of its own in one step's output.
    /// </summary>
    public bool CanStream => InputShape.IsSequence && StepBlocker is null;

    /// <summary>
    /// Whether <c>StepBlock</c> runs each layer over a block of the declared steps (every step's output is the network's
    /// output, one sequence, so a block of steps is <c>Forward</c>'s shape); otherwise it runs <c>Step</c> per step.
    /// </summary>
    public bool StepsInBlocks => CanStream && !HasHeads && !HasState && OutputShape.IsSequence && OutputShape.Steps == InputShape.Steps;

    /// <summary>What keeps a network over a sequence from streaming, first in layer order: the layer and why (SN0060); null when it streams.</summary>
    public (int Layer, string Reason)? StepBlocker
    {
        get
        {
            if (Layers.FirstOrDefault(layer => layer is IStatefulLayer { StateCount: > 0 }) is { } normalised)
            {
                return (normalised.Number, "its running statistics would take the state span a stream's state needs");
            }

            if (Layers.FirstOrDefault(layer => layer.StepRole == StepRole.Unsupported) is { } mixing)
            {
                return (mixing.Number, mixing.NoStepReason);
            }

            HeadPlan? sequenceHead = HasHeads ? Heads.FirstOrDefault(head => Layers[head.Layer - 1].OutputShape.IsSequence) : null;
            return sequenceHead is null ? null : (sequenceHead.Layer, "[Output] marks its whole sequence, which has no place in one step's output");
        }
    }

    /// <summary>
    /// Whether the network gets <c>PackParameters</c> and <c>ForwardPacked</c> (and <c>StepPacked</c>): some layer runs a faster
    /// kernel over packed weights. Network objects of such networks keep a packed copy for <c>Predict</c> and <c>Step</c>.
    /// </summary>
    public bool HasPackedForm => Layers.Any(layer => layer is IPackingLayer { GainsFromPacking: true });

    /// <summary>The values a streaming <c>Step</c> carries between steps: every recurrent layer's state, in layer order.</summary>
    public int StreamStateCount => Layers.OfType<IStreamingLayer>().Sum(layer => layer.StepStateCount);

    /// <summary>Where layer <paramref name="number"/>'s part of a stream's state starts (streaming layers' states lie in layer order).</summary>
    public int StreamStateOffset(int number) => Layers.Take(number - 1).OfType<IStreamingLayer>().Sum(layer => layer.StepStateCount);

    /// <summary>
    /// Whether the network trains on windows that continue streams (<c>BackwardBatchFromStates</c>): it streams, and every
    /// layer that carries state from step to step can start a window from it (a causal convolution's history cannot yet).
    /// </summary>
    public bool TrainsFromStates => CanStream && Layers.OfType<IStreamingLayer>().All(layer => layer.StepStateCount == 0 || layer is IStateTrainingLayer);

    public string Name => Target.Type.Name;

    /// <summary>Whether training and inference differ, so Backward comes in both modes.</summary>
    public bool HasDropout => Layers.Any(layer => layer is IMaskedLayer);

    /// <summary>The layer holding value <paramref name="number"/>'s floats at inference: views and pass-through layers (dropout) hold their source's.</summary>
    public int InferenceHolder(int number)
    {
        while (number > 0 && (Layers[number - 1].IsView || Layers[number - 1].IsIdentityAtInference))
        {
            number = Layers[number - 1].Source;
        }

        return number;
    }

    /// <summary>For each value (by <see cref="InferenceHolder"/>), the last layer that computes from it at inference; 0 if none.</summary>
    public int[] LastInferenceReaders()
    {
        var last = new int[Layers.Count + 1];
        foreach (LayerPlan layer in Layers)
        {
            if (!layer.IsView && !layer.IsIdentityAtInference)
            {
                foreach (int source in layer.Sources)
                {
                    last[InferenceHolder(source)] = layer.Number;
                }
            }
        }

        return last;
    }

    /// <summary>The layer whose outputs layer <paramref name="number"/> reads (through Flattens), or null for the input.</summary>
    public LayerPlan? Feeder(int number)
    {
        int holder = Holder(Layers[number - 1].Source);
        return holder == 0 ? null : Layers[holder - 1];
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
