using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Decides whether the instance members (constructors, <c>Parameters</c>, <c>Predict</c>, <c>Save</c>, <c>Load</c>, the
/// <c>INetwork</c> implementation) can be added without clashing with the user's own code.
/// Static classes, structs, records and abstract classes get the static members only, by design and
/// silently; a clash with something the user declared is a warning, so it is never a compile error.
/// </summary>
internal static class InstanceApiCheck
{
    private static readonly string[] GeneratedMembers = ["Parameters", "State", "Predict", "Save", "Load", "ToOnnx"];

    public static bool Allows(INamedTypeSymbol type, LocationInfo? location, ImmutableArray<DiagnosticInfo>.Builder diagnostics)
    {
        if (type.TypeKind != TypeKind.Class || type.IsStatic || type.IsAbstract || type.IsRecord)
        {
            return false;
        }

        string? conflict = FindConflict(type);
        if (conflict is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InstanceApiSkipped, location, type.Name, conflict));
            return false;
        }

        return true;
    }

    private static string? FindConflict(INamedTypeSymbol type)
    {
        foreach (string name in GeneratedMembers)
        {
            if (!type.GetMembers(name).IsEmpty)
            {
                return $"it already declares a member named '{name}'";
            }

            for (INamedTypeSymbol? ancestor = type.BaseType; ancestor is not null; ancestor = ancestor.BaseType)
            {
                if (ancestor.GetMembers(name).Any(member => member.DeclaredAccessibility != Accessibility.Private))
                {
                    return $"it inherits a member named '{name}' from '{ancestor.Name}'";
                }
            }
        }

        // A primary constructor is declared by the type's own declaration. Found through the symbols, not the syntax's
        // ParameterList, which a Roslyn 4.3 compiler (Unity's) has on records alone.
        if (type.InstanceConstructors.Any(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax)))
        {
            return "it has a primary constructor";
        }

        foreach (IMethodSymbol constructor in type.InstanceConstructors.Where(c => !c.IsImplicitlyDeclared))
        {
            if (constructor.Parameters.Length == 1 && constructor.Parameters[0].Type is { } parameter
                && (parameter.SpecialType == SpecialType.System_Int32 || parameter.ToDisplayString() == "System.ReadOnlySpan<float>"))
            {
                return $"it already declares the constructor {constructor.ToDisplayString()}";
            }
        }

        if (type.BaseType is { } baseType && !baseType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility != Accessibility.Private))
        {
            return $"its base class '{baseType.Name}' has no parameterless constructor to call";
        }

        return null;
    }
}
