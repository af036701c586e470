using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Reads a <c>[Block]</c> class into a <see cref="BlockDeclaration"/>: its inputs, its <c>const int</c> fields (the
/// parameters a use may set) and its layer attributes in order, each size written as one of those fields marked with
/// the field's name. <c>[Input]</c>, <c>[Output]</c> and <c>[Use]</c> belong to networks (SN0064).
/// </summary>
internal static class BlockParser
{
    public static BlockDeclaration Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        string typeName = type.ToDisplayString();
        AttributeArguments? blockArguments = AttributeArguments.TryRead(context.Attributes[0], cancellationToken);
        EquatableArray<string> inputs = (blockArguments?.StringArray(0) ?? EquatableArray<Argument<string>>.Empty)
            .Select(input => input.Value).ToEquatableArray();
        EquatableArray<BlockParameter> parameters = type.GetMembers().OfType<IFieldSymbol>()
            .Where(field => field.IsConst && field.Type.SpecialType == SpecialType.System_Int32 && field.ConstantValue is int)
            .Select(field => new BlockParameter(field.Name, (int)field.ConstantValue!))
            .ToEquatableArray();

        var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
        var layers = ImmutableArray.CreateBuilder<LayerDeclaration>();
        foreach ((AttributeData data, string name, AttributeSyntax? syntax) in NetworkParser.LayerAttributesInSourceOrder(type, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            LocationInfo? location = LocationInfo.From(syntax);
            if (name is AttributeNames.Input or AttributeNames.Output or AttributeNames.Use)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.NotInBlock, location, AttributeNames.ShortName(name), type.Name));
                continue;
            }

            layers.Add(AttributeArguments.TryRead(data, cancellationToken, type, context.SemanticModel.Compilation) is { } arguments
                ? LayerFactory.Read(name, arguments, location)
                : new UnreadableDeclaration(AttributeNames.ShortName(name), location));
        }

        return new BlockDeclaration(typeName, inputs, parameters, new EquatableArray<LayerDeclaration>(layers.ToImmutable()), new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
    }
}
