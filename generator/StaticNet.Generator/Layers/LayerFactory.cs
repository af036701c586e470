using System;
using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;

namespace StaticNet.Generator.Layers;

/// <summary>
/// From a layer attribute's metadata name to the kind that reads it: the one place that lists the kinds. An
/// attribute no kind reads is a generator bug (the parser only passes the names listed here), so it throws,
/// which the pipeline reports as SN9999, rather than reading it as some other layer.
/// </summary>
internal static class LayerFactory
{
    private static readonly Dictionary<string, Func<AttributeArguments, LocationInfo?, LayerDeclaration>> readers = new(StringComparer.Ordinal)
    {
        [AttributeNames.Input] = InputDeclaration.Read,
        [AttributeNames.Dense] = DenseDeclaration.Read,
        [AttributeNames.Conv2D] = Conv2DDeclaration.Read,
        [AttributeNames.MaxPool2D] = (arguments, location) => PoolDeclaration.Read(arguments, location, isMax: true),
        [AttributeNames.AvgPool2D] = (arguments, location) => PoolDeclaration.Read(arguments, location, isMax: false),
        [AttributeNames.GlobalAveragePool2D] = GlobalAveragePoolDeclaration.Read,
        [AttributeNames.Flatten] = FlattenDeclaration.Read,
        [AttributeNames.Dropout] = DropoutDeclaration.Read,
        [AttributeNames.BatchNorm] = BatchNormDeclaration.Read,
        [AttributeNames.Add] = AddDeclaration.Read,
        [AttributeNames.Multiply] = MultiplyDeclaration.Read,
        [AttributeNames.Concat] = ConcatDeclaration.Read,
        [AttributeNames.Slice] = SliceDeclaration.Read,
        [AttributeNames.Output] = HeadDeclaration.Read,
        [AttributeNames.Gru] = GruDeclaration.Read,
        [AttributeNames.Lstm] = LstmDeclaration.Read,
        [AttributeNames.Conv1D] = Conv1DDeclaration.Read,
        [AttributeNames.LastStep] = LastStepDeclaration.Read,
        [AttributeNames.Activate] = ActivateDeclaration.Read,
        [AttributeNames.Use] = UseDeclaration.Read,
    };

    /// <summary>Every attribute that declares a layer.</summary>
    public static IEnumerable<string> LayerAttributes => readers.Keys;

    public static bool IsLayer(string metadataName) => readers.ContainsKey(metadataName);

    /// <summary>
    /// The declaration the attribute's kind reads from <paramref name="arguments"/>, with the <c>Name</c> and <c>From</c>
    /// that every layer attribute may carry (attributes without such a property never have the argument).
    /// </summary>
    /// <exception cref="InvalidOperationException">No kind reads <paramref name="metadataName"/>.</exception>
    public static LayerDeclaration Read(string metadataName, AttributeArguments arguments, LocationInfo? location) =>
        readers.TryGetValue(metadataName, out Func<AttributeArguments, LocationInfo?, LayerDeclaration>? read)
            ? read(arguments, location) with { Name = arguments.NamedString("Name"), From = arguments.NamedString("From") }
            : throw new InvalidOperationException($"no layer kind reads the attribute {metadataName}");
}
