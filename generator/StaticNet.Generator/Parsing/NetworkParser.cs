using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// The first pipeline step: reads a <c>[Network]</c> type's symbol and syntax into a
/// <see cref="NetworkDeclaration"/> of plain values. Nothing Roslyn-specific leaves this class.
/// </summary>
internal static class NetworkParser
{
    /// <summary>Null when this node is not the one to generate for (a repeated [Network], already an error).</summary>
    public static NetworkDeclaration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not TypeDeclarationSyntax node
            || FirstNetworkAttributeOn(type, node) is not { } network)
        {
            return null;
        }

        LocationInfo? networkLocation = LocationInfo.From(network.ApplicationSyntaxReference?.GetSyntax(cancellationToken));
        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        TypeTarget target = ReadTarget(type, node);
        CheckDeclaration(type, node, networkLocation, diagnostics);

        AttributeArguments? networkArguments = AttributeArguments.TryRead(network, cancellationToken);
        Argument<int> loss = networkArguments?.NamedInt("Loss") ?? new Argument<int>((int)LossKind.MeanSquaredError, networkLocation);

        List<(AttributeData Data, string Name, AttributeSyntax? Syntax)> layerAttributes = LayerAttributesInSourceOrder(type, cancellationToken);
        int declarationCount = layerAttributes.Select(a => a.Syntax?.Parent?.Parent).Distinct().Count();
        if (declarationCount > 1)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.LayersSplitAcrossDeclarations, networkLocation, type.Name, declarationCount));
        }

        var layers = ImmutableArray.CreateBuilder<LayerDeclaration>(layerAttributes.Count);
        foreach ((AttributeData data, string name, _) in layerAttributes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            layers.Add(AttributeArguments.TryRead(data, cancellationToken) is { } arguments
                ? LayerFactory.Read(name, arguments, LocationInfo.From(data.ApplicationSyntaxReference?.GetSyntax(cancellationToken)))
                : new UnreadableDeclaration(AttributeNames.ShortName(name), LocationInfo.From(data.ApplicationSyntaxReference?.GetSyntax(cancellationToken))));
        }

        bool instanceApi = InstanceApiCheck.Allows(type, networkLocation, diagnostics);
        EquatableArray<UserMember> userMembers = UserMemberReader.Read(type, cancellationToken);
        return new NetworkDeclaration(
            target, loss, networkLocation, new EquatableArray<LayerDeclaration>(layers.ToImmutable()),
            new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()), instanceApi)
        {
            Unroll = networkArguments?.NamedInt("Unroll"),
            Weights = networkArguments?.NamedString("Weights"),
            UserMembers = userMembers,
        };
    }

    /// <summary>The StaticNet layer attributes of a type, ordered by file and position.</summary>
    public static List<(AttributeData Data, string Name, AttributeSyntax? Syntax)> LayerAttributesInSourceOrder(
        INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var result = new List<(AttributeData, string, AttributeSyntax?)>();
        foreach (AttributeData attribute in type.GetAttributes())
        {
            string? name = attribute.AttributeClass?.ToDisplayString();
            if (name is not null && LayerFactory.IsLayer(name))
            {
                result.Add((attribute, name, attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax));
            }
        }

        return result
            .OrderBy(a => a.Item3?.SyntaxTree.FilePath ?? "", System.StringComparer.Ordinal)
            .ThenBy(a => a.Item3?.SpanStart ?? 0)
            .ToList();
    }

    /// <summary>
    /// The type's first [Network] when it is written on <paramref name="node"/>, so that a type with
    /// [Network] on several partial declarations is generated once.
    /// </summary>
    private static AttributeData? FirstNetworkAttributeOn(INamedTypeSymbol type, TypeDeclarationSyntax node)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (attribute.AttributeClass?.ToDisplayString() == AttributeNames.Network)
            {
                return AttributePlacement.IsWrittenOn(attribute.ApplicationSyntaxReference, node) ? attribute : null;
            }
        }

        return null;
    }

    private static TypeTarget ReadTarget(INamedTypeSymbol type, TypeDeclarationSyntax node)
    {
        var containing = node.Ancestors().OfType<TypeDeclarationSyntax>()
            .Reverse()
            .Select(Describe)
            .ToEquatableArray();
        string? ns = type.ContainingNamespace is { IsGlobalNamespace: false } n ? NamespaceName(n) : null;
        string fullName = string.Join(".", new[] { ns }.Concat(containing.Select(c => c.Name)).Concat(new[] { type.Name })
            .Where(part => !string.IsNullOrEmpty(part)));
        return new TypeTarget(ns, containing, Describe(node), fullName);
    }

    /// <summary>The dotted namespace as its symbols spell it, keywords unescaped (<c>event</c>, not <c>@event</c>).</summary>
    private static string NamespaceName(INamespaceSymbol ns) =>
        ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? NamespaceName(outer) + "." + ns.Name : ns.Name;

    private static TypeDeclarationInfo Describe(TypeDeclarationSyntax declaration)
    {
        string keyword = declaration switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            _ => declaration.Keyword.ValueText,
        };
        return new TypeDeclarationInfo(keyword, declaration.Identifier.ValueText);
    }

    private static void CheckDeclaration(
        INamedTypeSymbol type, TypeDeclarationSyntax node, LocationInfo? location, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        foreach (TypeDeclarationSyntax declaration in node.AncestorsAndSelf().OfType<TypeDeclarationSyntax>())
        {
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                // The identifier rides along so that the code fix can add 'partial' to this declaration.
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotPartial, location, declaration.Identifier.ValueText) with
                {
                    AdditionalLocations = new[] { LocationInfo.From(declaration.Identifier.GetLocation()) }
                        .OfType<LocationInfo>().ToEquatableArray(),
                });
            }
        }

        LanguageVersion version = ((CSharpParseOptions)node.SyntaxTree.Options).LanguageVersion;
        if (version < LanguageVersion.CSharp8)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanguageVersionTooLow, location, type.Name, version.ToDisplayString()));
        }

        for (INamedTypeSymbol? baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.GetAttributes().Any(attribute => attribute.AttributeClass?.ToDisplayString() == AttributeNames.Network))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NetworkDerivesFromNetwork, location, type.Name, baseType.Name));
                break;
            }
        }

        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            if (current.TypeParameters.Length > 0)
            {
                string where = SymbolEqualityComparer.Default.Equals(current, type) ? "" : $" (it is nested in generic '{current.Name}')";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GenericNetwork, location, type.Name, where));
                break;
            }
        }
    }
}
