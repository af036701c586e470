using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Reads one bound attribute's argument values together with the location of the argument the user
/// wrote for each, falling back to the attribute itself for defaults.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly AttributeData data;
    private readonly AttributeSyntax? syntax;

    /// <summary>In a <c>[Block]</c>: the block class, whose <c>const</c> fields written as sizes are its parameters.</summary>
    private readonly INamedTypeSymbol? parameterOwner;
    private readonly Compilation? compilation;

    private AttributeArguments(AttributeData data, AttributeSyntax? syntax, LocationInfo? location, INamedTypeSymbol? parameterOwner, Compilation? compilation)
    {
        this.data = data;
        this.syntax = syntax;
        this.parameterOwner = parameterOwner;
        this.compilation = compilation;
        Location = location;
    }

    public LocationInfo? Location { get; }

    /// <summary>Null when the compiler could not bind the attribute's constructor or an argument.</summary>
    /// <param name="parameterOwner">For a block's layers: the block class, so that sizes written as its <c>const</c> fields carry their names.</param>
    /// <param name="compilation">The compilation to bind those sizes' expressions in (with <paramref name="parameterOwner"/>).</param>
    public static AttributeArguments? TryRead(
        AttributeData data, CancellationToken cancellationToken, INamedTypeSymbol? parameterOwner = null, Compilation? compilation = null)
    {
        var syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var arguments = new AttributeArguments(data, syntax, LocationInfo.From(syntax), parameterOwner, compilation);
        if (data.AttributeConstructor is null)
        {
            return null;
        }

        foreach (TypedConstant argument in data.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Error)
            {
                return null;
            }
        }

        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Value.Kind == TypedConstantKind.Error)
            {
                return null;
            }
        }

        return arguments;
    }

    /// <summary>The int (or enum) value of constructor parameter <paramref name="index"/>, or <paramref name="fallback"/> if absent.</summary>
    public Argument<int> Int(int index, int fallback) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is { } value
            ? new Argument<int>(ToInt(value, fallback), ConstructorArgumentLocation(index, 0)) { Parameter = ParameterOf(ConstructorArgumentSyntax(index, 0)) }
            : new Argument<int>(fallback, Location);

    /// <summary>The type a <c>typeof</c> constructor parameter names, written as C# displays it, or null if absent.</summary>
    public Argument<string>? TypeName(int index) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is ITypeSymbol type
            ? new Argument<string>(type.ToDisplayString(), ConstructorArgumentLocation(index, 0))
            : null;

    /// <summary>The float value of constructor parameter <paramref name="index"/>, or <paramref name="fallback"/> if absent.</summary>
    public Argument<float> Float(int index, float fallback) =>
        index < data.ConstructorArguments.Length && data.ConstructorArguments[index].Value is { } value
            ? new Argument<float>(ToFloat(value), ConstructorArgumentLocation(index, 0))
            : new Argument<float>(fallback, Location);

    /// <summary>The elements of a <c>params int[]</c> constructor parameter, each with its own location when written separately.</summary>
    public EquatableArray<Argument<int>> IntArray(int index)
    {
        if (index >= data.ConstructorArguments.Length || data.ConstructorArguments[index].Kind != TypedConstantKind.Array
            || data.ConstructorArguments[index].IsNull)
        {
            return EquatableArray<Argument<int>>.Empty;
        }

        ImmutableArray<TypedConstant> values = data.ConstructorArguments[index].Values;
        var result = ImmutableArray.CreateBuilder<Argument<int>>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            result.Add(new Argument<int>(ToInt(values[i].Value, 0), ConstructorArgumentLocation(index, i)));
        }

        return new EquatableArray<Argument<int>>(result.MoveToImmutable());
    }

    /// <summary>The elements of a <c>params string[]</c> constructor parameter, each with its own location; a null element reads as "".</summary>
    public EquatableArray<Argument<string>> StringArray(int index)
    {
        if (index >= data.ConstructorArguments.Length || data.ConstructorArguments[index].Kind != TypedConstantKind.Array
            || data.ConstructorArguments[index].IsNull)
        {
            return EquatableArray<Argument<string>>.Empty;
        }

        ImmutableArray<TypedConstant> values = data.ConstructorArguments[index].Values;
        var result = ImmutableArray.CreateBuilder<Argument<string>>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            result.Add(new Argument<string>(values[i].Value as string ?? "", ConstructorArgumentLocation(index, i)));
        }

        return new EquatableArray<Argument<string>>(result.MoveToImmutable());
    }

    /// <summary>A named int (or enum) property, or null when the user did not set it.</summary>
    public Argument<int>? NamedInt(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is { } value)
            {
                return new Argument<int>(ToInt(value, 0), NamedArgumentLocation(name)) { Parameter = ParameterOf(NamedArgumentSyntax(name)) };
            }
        }

        return null;
    }

    /// <summary>A named float property, or null when the user did not set it.</summary>
    public Argument<float>? NamedFloat(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is { } value)
            {
                return new Argument<float>(ToFloat(value), NamedArgumentLocation(name));
            }
        }

        return null;
    }

    /// <summary>A named bool property, or null when the user did not set it.</summary>
    public Argument<bool>? NamedBool(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is bool value)
            {
                return new Argument<bool>(value, NamedArgumentLocation(name));
            }
        }

        return null;
    }

    /// <summary>A named string property, or null when the user did not set it (or set it to null).</summary>
    public Argument<string>? NamedString(string name)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in data.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string value)
            {
                return new Argument<string>(value, NamedArgumentLocation(name));
            }
        }

        return null;
    }

    private static float ToFloat(object value) => value switch
    {
        float f => f,
        double d => (float)d,
        int i => i,
        _ => float.NaN,
    };

    private static int ToInt(object? value, int fallback) => value switch
    {
        int i => i,
        short s => s,
        byte b => b,
        sbyte b => b,
        ushort s => s,
        uint u when u <= int.MaxValue => (int)u,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        _ => fallback,
    };

    /// <summary>
    /// Where the argument for constructor parameter <paramref name="parameterIndex"/> is written; for a
    /// <c>params</c> array, <paramref name="element"/> picks one of the arguments it collects.
    /// </summary>
    private AttributeArgumentSyntax? ConstructorArgumentSyntax(int parameterIndex, int element)
    {
        if (syntax?.ArgumentList is not { } list || data.AttributeConstructor is not { } constructor)
        {
            return null;
        }

        string parameterName = constructor.Parameters[parameterIndex].Name;
        int position = 0;
        foreach (AttributeArgumentSyntax argument in list.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                {
                    return argument;
                }

                continue;
            }

            if (position == parameterIndex + element)
            {
                return argument;
            }

            position++;
        }

        return null;
    }

    private LocationInfo? ConstructorArgumentLocation(int parameterIndex, int element) =>
        ConstructorArgumentSyntax(parameterIndex, element) is { } argument ? LocationInfo.From(argument) : Location;

    private AttributeArgumentSyntax? NamedArgumentSyntax(string name)
    {
        if (syntax?.ArgumentList is { } list)
        {
            foreach (AttributeArgumentSyntax argument in list.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == name)
                {
                    return argument;
                }
            }
        }

        return null;
    }

    private LocationInfo? NamedArgumentLocation(string name) => NamedArgumentSyntax(name) is { } argument ? LocationInfo.From(argument) : Location;

    /// <summary>In a block, the name of the block's <c>const</c> field <paramref name="argument"/> is written as; else null.</summary>
    private string? ParameterOf(AttributeArgumentSyntax? argument)
    {
        if (parameterOwner is null || compilation is null || argument is null)
        {
            return null;
        }

        SemanticModel model = compilation.GetSemanticModel(argument.SyntaxTree);
        return model.GetSymbolInfo(argument.Expression).Symbol is IFieldSymbol { IsConst: true } field
            && SymbolEqualityComparer.Default.Equals(field.ContainingType, parameterOwner)
            ? field.Name
            : null;
    }
}
