using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// One checked layer: its shapes, where its parameters sit in the flat span, and its cost.
/// <see cref="Number"/> counts layers after the input from 1, as the generated <c>LayerN</c> classes do.
/// </summary>
internal abstract record LayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    long MultiplyAccumulates)
{
    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>The type name shown in the summary, e.g. <c>Dense</c>.</summary>
    public abstract string Kind { get; }
}

/// <summary>A dense layer, unrolled into straight-line code or looped over constant bounds.</summary>
internal sealed record DenseLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    ActivationKind Activation,
    float Slope,
    bool Unrolled)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, (int)(InputShape.Size * OutputShape.Size),
        BiasOffset, (int)OutputShape.Size, InputShape.Size * OutputShape.Size)
{
    public int Inputs => (int)InputShape.Size;

    public int Outputs => (int)OutputShape.Size;

    public override string Kind => "Dense";
}

/// <summary>A flatten layer: the same values viewed as a vector, no code at all.</summary>
internal sealed record FlattenLayerPlan(int Number, Shape InputShape, Shape OutputShape, int Offset)
    : LayerPlan(Number, "Flatten", InputShape, OutputShape, Offset, 0, Offset, 0, 0)
{
    public override string Kind => "Flatten";
}
