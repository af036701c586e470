using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Reads the members of a network type, and the members it inherits, that carry a name the generator writes
/// (see <see cref="GeneratedMemberNames"/>). Constructors are left to <see cref="InstanceApiCheck"/>.
/// </summary>
internal static class UserMemberReader
{
    public static EquatableArray<UserMember> Read(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var members = new List<UserMember>();
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            bool inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (ISymbol member in current.GetMembers())
            {
                if (member.IsImplicitlyDeclared || !GeneratedMemberNames.Contains(member.Name)
                    || (inherited && member.DeclaredAccessibility == Accessibility.Private)
                    || member is IMethodSymbol { MethodKind: not MethodKind.Ordinary })
                {
                    continue;
                }

                members.Add(new UserMember(
                    member.Name,
                    member is IMethodSymbol,
                    member is IMethodSymbol method ? Signature(method) : "",
                    inherited ? current.Name : null,
                    member.Locations.FirstOrDefault(location => location.IsInSource) is { } location ? LocationInfo.From(location) : null));
            }
        }

        return members.ToEquatableArray();
    }

    /// <summary>What makes two methods of one name the same to C#: type-parameter count and parameter types, <c>ref</c>/<c>out</c>/<c>in</c> alike.</summary>
    private static string Signature(IMethodSymbol method) =>
        MemberSignature.Of(method.TypeParameters.Length, method.Parameters.Select(
            parameter => (parameter.RefKind != RefKind.None, parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))));
}
