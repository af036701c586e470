using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNet.CodeFixes;

/// <summary>SN0001: adds <c>partial</c> to the declaration the diagnostic names (the network type or a type it is nested in).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : SyntaxRewriteCodeFix<TypeDeclarationSyntax>
{
    // The generator's descriptor ID; CodeFixTests checks that the two agree.
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SN0001");

    /// <summary>
    /// The declaration named by the diagnostic's additional location (its identifier); without one, the
    /// innermost non-partial type around the [Network] attribute.
    /// </summary>
    protected override TypeDeclarationSyntax? FindTarget(SyntaxNode root, Diagnostic diagnostic)
    {
        foreach (Location location in diagnostic.AdditionalLocations)
        {
            if (Fits(location, root)
                && root.FindToken(location.SourceSpan.Start).Parent is TypeDeclarationSyntax named
                && named.Identifier.Span == location.SourceSpan)
            {
                return named.Modifiers.Any(SyntaxKind.PartialKeyword) ? null : named;
            }
        }

        return Fits(diagnostic.Location, root)
            ? root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true)
                .AncestorsAndSelf()
                .OfType<TypeDeclarationSyntax>()
                .FirstOrDefault(type => !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            : null;
    }

    protected override string Title(TypeDeclarationSyntax target) => $"Make '{target.Identifier.ValueText}' partial";

    /// <summary>C# wants <c>partial</c> right before the type keyword, so it goes after every other modifier.</summary>
    protected override SyntaxNode Rewrite(SyntaxNode root, TypeDeclarationSyntax target)
    {
        // Exact trivia, not the factory's elastic kind, which the code action's formatter may rewrite.
        SyntaxToken partial = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        if (target.Modifiers.Count > 0)
        {
            return root.ReplaceNode(target, target.WithModifiers(target.Modifiers.Add(partial)));
        }

        // No modifiers: 'partial' takes over the keyword's indentation.
        SyntaxToken keyword = target.Keyword;
        return root.ReplaceNode(target, target
            .WithKeyword(keyword.WithLeadingTrivia())
            .WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(keyword.LeadingTrivia))));
    }
}
