using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>Turns one bound layer attribute into its <see cref="LayerDeclaration"/>.</summary>
internal static class LayerAttributeReader
{
    public static LayerDeclaration Read(string metadataName, AttributeData data, CancellationToken cancellationToken)
    {
        AttributeArguments? arguments = AttributeArguments.TryRead(data, cancellationToken);
        LocationInfo? location = LocationInfo.From(data.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        if (arguments is null)
        {
            return new UnreadableDeclaration(AttributeNames.ShortName(metadataName), location);
        }

        return metadataName switch
        {
            AttributeNames.Input => new InputDeclaration(arguments.IntArray(0), location),
            AttributeNames.Dense => new DenseDeclaration(
                arguments.Int(0, 0),
                arguments.Int(1, (int)ActivationKind.Identity),
                arguments.NamedFloat("Slope"),
                arguments.NamedInt("InputSize"),
                location),
            AttributeNames.Conv2D => new Conv2DDeclaration(
                arguments.Int(0, 0),
                arguments.Int(1, 0),
                arguments.Int(2, (int)ActivationKind.Identity),
                arguments.NamedInt("Stride") ?? new Argument<int>(1, location),
                arguments.NamedInt("Padding") ?? new Argument<int>(0, location),
                arguments.NamedFloat("Slope"),
                location),
            AttributeNames.MaxPool2D => new PoolDeclaration(IsMax: true, arguments.Int(0, 0), location),
            AttributeNames.AvgPool2D => new PoolDeclaration(IsMax: false, arguments.Int(0, 0), location),
            AttributeNames.Dropout => new DropoutDeclaration(arguments.Float(0, 0f), location),
            AttributeNames.GlobalAveragePool2D => new GlobalAveragePoolDeclaration(location),
            AttributeNames.BatchNorm => new BatchNormDeclaration(
                arguments.Int(0, (int)ActivationKind.Identity),
                arguments.NamedFloat("Slope"),
                arguments.NamedFloat("Momentum"),
                arguments.NamedFloat("Epsilon"),
                location),
            _ => new FlattenDeclaration(location),
        };
    }
}
