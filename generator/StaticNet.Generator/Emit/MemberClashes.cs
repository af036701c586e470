using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Baking;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Finds the user's members that the generated code would duplicate (CS0102, CS0111) or hide (CS0108), by reading the
/// members the emitter actually wrote, so the check cannot fall out of step with it. Runs only for networks whose type
/// has a member with a generated name, which the parser recorded.
/// </summary>
internal static class MemberClashes
{
    /// <summary>The build with a diagnostic added for each clash (then nothing is emitted for it: see <see cref="In"/>).</summary>
    public static NetworkBuild Check(NetworkBuild build)
    {
        NetworkPlan plan = build.Plan;
        if (plan.UserMembers.Count == 0 || plan.HasErrors)
        {
            return build;
        }

        // Unoptimised output has every member the emitter can write (the Debug cache fields of baked weights too).
        List<DiagnosticInfo> clashes = Find(plan, NetworkEmitter.Emit(plan, build.Weights, optimised: false));
        return clashes.Count == 0 ? build : build with { Diagnostics = build.Diagnostics.AsImmutableArray().AddRange(clashes).ToEquatableArray() };
    }

    /// <summary>Whether the build has a clash, so that emitting it would only add compiler errors.</summary>
    public static bool In(NetworkBuild build) =>
        build.Diagnostics.Any(d => d.Id == DiagnosticDescriptors.MemberClash.Id || d.Id == DiagnosticDescriptors.InheritedMemberClash.Id);

    private static List<DiagnosticInfo> Find(NetworkPlan plan, string source)
    {
        var clashes = new List<DiagnosticInfo>();
        TypeDeclarationSyntax network = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes()
            .OfType<TypeDeclarationSyntax>()
            .Last(type => type.Identifier.ValueText == plan.Target.Type.Name);
        var generated = network.Members.SelectMany(Describe).ToList();
        foreach (UserMember user in plan.UserMembers)
        {
            if (!generated.Any(member => member.Name == user.Name && (!member.IsMethod || !user.IsMethod || member.Signature == user.Signature)))
            {
                continue;
            }

            clashes.Add(user.InheritedFrom is null
                ? DiagnosticInfo.Create(DiagnosticDescriptors.MemberClash, user.Location ?? plan.Location, plan.Name, user.Name)
                : DiagnosticInfo.Create(DiagnosticDescriptors.InheritedMemberClash, plan.Location, plan.Name, user.Name, user.InheritedFrom));
        }

        return clashes;
    }

    /// <summary>The named members a declaration adds (explicit interface implementations add none a user could clash with).</summary>
    private static IEnumerable<(string Name, bool IsMethod, string Signature)> Describe(MemberDeclarationSyntax member) => member switch
    {
        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => [(method.Identifier.ValueText, true, Signature(method))],
        PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => [(property.Identifier.ValueText, false, "")],
        FieldDeclarationSyntax field => field.Declaration.Variables.Select(variable => (variable.Identifier.ValueText, false, "")),
        BaseTypeDeclarationSyntax type => [(type.Identifier.ValueText, false, "")],
        _ => [],
    };

    private static string Signature(MethodDeclarationSyntax method) => MemberSignature.Of(
        method.TypeParameterList?.Parameters.Count ?? 0,
        method.ParameterList.Parameters.Select(parameter => (
            parameter.Modifiers.Any(modifier => modifier.IsKind(SyntaxKind.RefKeyword) || modifier.IsKind(SyntaxKind.OutKeyword) || modifier.IsKind(SyntaxKind.InKeyword)),
            parameter.Type!.ToString())));
}
