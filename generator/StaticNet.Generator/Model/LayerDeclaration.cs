namespace StaticNet.Generator.Model;

/// <summary>
/// One layer attribute as the user wrote it, before any checking. The planner turns these into
/// shapes and offsets, or diagnostics.
/// </summary>
internal abstract record LayerDeclaration(string AttributeName, LocationInfo? Location);

/// <summary><c>[Input(...)]</c>: the input shape, one argument per dimension.</summary>
internal sealed record InputDeclaration(EquatableArray<Argument<int>> Shape, LocationInfo? Location)
    : LayerDeclaration("Input", Location);

/// <summary><c>[Dense(units, activation)]</c> with its named properties, null where not set.</summary>
internal sealed record DenseDeclaration(
    Argument<int> Units,
    Argument<int> Activation,
    Argument<float>? Slope,
    Argument<int>? InputSize,
    LocationInfo? Location)
    : LayerDeclaration("Dense", Location);

/// <summary><c>[Conv2D(filters, kernel, activation)]</c> with its named properties.</summary>
internal sealed record Conv2DDeclaration(
    Argument<int> Filters,
    Argument<int> Kernel,
    Argument<int> Activation,
    Argument<int> Stride,
    Argument<int> Padding,
    Argument<float>? Slope,
    LocationInfo? Location)
    : LayerDeclaration("Conv2D", Location);

/// <summary><c>[MaxPool2D(size)]</c> or <c>[AvgPool2D(size)]</c>.</summary>
internal sealed record PoolDeclaration(bool IsMax, Argument<int> Size, LocationInfo? Location)
    : LayerDeclaration(IsMax ? "MaxPool2D" : "AvgPool2D", Location);

/// <summary><c>[GlobalAveragePool2D]</c>.</summary>
internal sealed record GlobalAveragePoolDeclaration(LocationInfo? Location)
    : LayerDeclaration("GlobalAveragePool2D", Location);

/// <summary><c>[Dropout(rate)]</c>.</summary>
internal sealed record DropoutDeclaration(Argument<float> Rate, LocationInfo? Location)
    : LayerDeclaration("Dropout", Location);

/// <summary><c>[BatchNorm(activation)]</c> with its named properties, null where not set.</summary>
internal sealed record BatchNormDeclaration(
    Argument<int> Activation,
    Argument<float>? Slope,
    Argument<float>? Momentum,
    Argument<float>? Epsilon,
    LocationInfo? Location)
    : LayerDeclaration("BatchNorm", Location);

/// <summary><c>[Flatten]</c>.</summary>
internal sealed record FlattenDeclaration(LocationInfo? Location)
    : LayerDeclaration("Flatten", Location);

/// <summary>A layer attribute whose arguments the compiler could not bind (the user's code has errors there).</summary>
internal sealed record UnreadableDeclaration(string Name, LocationInfo? Location)
    : LayerDeclaration(Name, Location);
