using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Finds layer attributes on a type that has no <c>[Network]</c>: the user forgot it, and without a
/// diagnostic the attributes would silently do nothing.
/// </summary>
internal static class OrphanLayerParser
{
    /// <summary>
    /// One diagnostic per such type, on its first layer attribute; null for every other node, so
    /// that the pipelines of the several layer attributes report it once.
    /// </summary>
    public static DiagnosticInfo? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax node || context.Attributes.IsEmpty)
        {
            return null;
        }

        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() is AttributeNames.Network or AttributeNames.Block)
            {
                return null;
            }
        }

        List<(AttributeData Data, string Name, AttributeSyntax? Syntax)> layers =
            NetworkParser.LayerAttributesInSourceOrder(type, cancellationToken);
        if (layers.Count == 0)
        {
            return null;
        }

        // Report from the part that carries the first layer, and from that attribute kind's pipeline.
        AttributeData first = layers[0].Data;
        if (!AttributePlacement.IsWrittenOn(first.ApplicationSyntaxReference, node))
        {
            return null;
        }

        foreach (AttributeData attribute in context.Attributes)
        {
            if (attribute.ApplicationSyntaxReference?.Span == first.ApplicationSyntaxReference?.Span
                && attribute.ApplicationSyntaxReference?.SyntaxTree == first.ApplicationSyntaxReference?.SyntaxTree)
            {
                return DiagnosticInfo.Create(
                    DiagnosticDescriptors.LayersWithoutNetwork, LocationInfo.From(layers[0].Syntax), type.Name);
            }
        }

        return null;
    }
}
