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

    /// <summary>The function applied to the layer's weighted sums; Identity for layers without one.</summary>
    public virtual ActivationKind Activation => ActivationKind.Identity;

    /// <summary>The LeakyReLU slope (unused by other activations).</summary>
    public virtual float Slope => 0f;

    /// <summary>Whether the layer is straight-line code on locals rather than a kernel call on spans.</summary>
    public virtual bool Unrolled => false;

    /// <summary>Where the layer's state (values that are saved but not trained) starts in the state span.</summary>
    public virtual int StateOffset => 0;

    /// <summary>How many state values the layer keeps.</summary>
    public virtual int StateCount => 0;
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
    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override bool Unrolled { get; } = Unrolled;

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

/// <summary>A 2-D convolution with a square kernel, always looped through the runtime's kernels.</summary>
internal sealed record Conv2DLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    int Kernel,
    int Stride,
    int Padding,
    ActivationKind Activation,
    float Slope)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, OutputShape.Channels * InputShape.Channels * Kernel * Kernel,
        BiasOffset, OutputShape.Channels, OutputShape.Size * InputShape.Channels * Kernel * Kernel)
{
    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override string Kind => "Conv2D";
}

/// <summary>Max or average pooling, window and stride <see cref="Size"/>, no parameters.</summary>
internal sealed record PoolLayerPlan(int Number, bool IsMax, int Size, Shape InputShape, Shape OutputShape, int Offset)
    : LayerPlan(Number, $"{(IsMax ? "MaxPool2D" : "AvgPool2D")}({Size})", InputShape, OutputShape, Offset, 0, Offset, 0, 0)
{
    public override string Kind => IsMax ? "MaxPool2D" : "AvgPool2D";
}

/// <summary>Inverted dropout: identity at inference, a seeded random mask in training. No parameters.</summary>
internal sealed record DropoutLayerPlan(int Number, float Rate, Shape Shape, int Offset)
    : LayerPlan(Number, $"Dropout({Rate.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})", Shape, Shape, Offset, 0, Offset, 0, 0)
{
    public override string Kind => "Dropout";
}

/// <summary>Global average pooling: one mean per channel, as a flat vector. No parameters.</summary>
internal sealed record GlobalAveragePoolLayerPlan(int Number, Shape InputShape, int Offset)
    : LayerPlan(Number, "GlobalAveragePool2D", InputShape, Shape.Flat(InputShape.Channels), Offset, 0, Offset, 0, 0)
{
    public override string Kind => "GlobalAveragePool2D";
}

/// <summary>
/// Batch normalisation of each feature (flat input) or channel (CHW input): gamma then beta as parameters,
/// running mean then running variance as state.
/// </summary>
internal sealed record BatchNormLayerPlan(
    int Number,
    string Description,
    Shape Shape,
    int WeightOffset,
    int StateOffset,
    float Momentum,
    float Epsilon,
    ActivationKind Activation,
    float Slope)
    : LayerPlan(
        Number, Description, Shape, Shape, WeightOffset, Shape.IsFlat ? (int)Shape.Size : Shape.Channels,
        WeightOffset + (Shape.IsFlat ? (int)Shape.Size : Shape.Channels), Shape.IsFlat ? (int)Shape.Size : Shape.Channels, Shape.Size)
{
    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override int StateOffset { get; } = StateOffset;

    public override int StateCount => 2 * Features;

    /// <summary>How many means and variances: one per feature of a flat input, one per channel of a volume.</summary>
    public int Features => WeightCount;

    /// <summary>Values normalised with the same statistics in one sample: 1 for a flat input, H·W for a volume.</summary>
    public int PlaneSize => Shape.IsFlat ? 1 : Shape.Height * Shape.Width;

    /// <summary>Where the running means start in the state span; the variances follow.</summary>
    public int MeanOffset => StateOffset;

    public int VarianceOffset => StateOffset + Features;

    public override string Kind => "BatchNorm";
}
