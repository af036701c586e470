using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace StaticNet.CodeFixes;

/// <summary>
/// SN0007: inserts <c>[Flatten]</c> right before the layer that needs a flat input, in the style of the
/// surrounding attributes: its own line, the same line, or the same attribute list. A layer that reads another layer
/// (<c>From = "x"</c>) hands its <c>From</c> to the new <c>[Flatten(From = "x")]</c> and reads the flatten above it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsertFlattenCodeFix)), Shared]
public sealed class InsertFlattenCodeFix : SyntaxRewriteCodeFix<AttributeSyntax>
{
    // The generator's descriptor ID; CodeFixTests checks that the two agree.
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SN0007");

    protected override AttributeSyntax? FindTarget(SyntaxNode root, Diagnostic diagnostic) =>
        Fits(diagnostic.Location, root)
        && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>() is { Parent: AttributeListSyntax } layer
            ? layer
            : null;

    protected override string Title(AttributeSyntax target) => "Add [Flatten] before this layer";

    protected override SyntaxNode Rewrite(SyntaxNode root, AttributeSyntax target)
    {
        AttributeArgumentSyntax? from = target.ArgumentList?.Arguments.FirstOrDefault(argument => argument.NameEquals?.Name.Identifier.ValueText == "From");
        AttributeSyntax flatten = FlattenAttribute(from);
        if (from is not null)
        {
            var layer = new SyntaxAnnotation();
            root = root.ReplaceNode(target, target.WithArgumentList(WithoutArgument(target.ArgumentList!, from)).WithAdditionalAnnotations(layer));
            target = root.GetAnnotatedNodes(layer).OfType<AttributeSyntax>().Single();
        }

        var list = (AttributeListSyntax)target.Parent!;
        return list.Attributes.Count == 1
            ? root.ReplaceNode(list, InListBefore(list, flatten))
            : root.ReplaceNode(list, InsideList(list, target, flatten));
    }

    /// <summary>The argument list without <paramref name="argument"/>; no parentheses left when it was the only one.</summary>
    private static AttributeArgumentListSyntax? WithoutArgument(AttributeArgumentListSyntax arguments, AttributeArgumentSyntax argument)
    {
        SeparatedSyntaxList<AttributeArgumentSyntax> rest = arguments.Arguments.Remove(argument);
        return rest.Count == 0 ? null : arguments.WithArguments(rest);
    }

    /// <summary>
    /// Fully qualified and marked for simplification: the code action shortens it to <c>Flatten</c>
    /// where <c>using StaticNet;</c> is in scope, and keeps what is needed where it is not.
    /// </summary>
    private static AttributeSyntax FlattenAttribute(AttributeArgumentSyntax? from)
    {
        AttributeSyntax flatten = SyntaxFactory.Attribute(SyntaxFactory.ParseName("global::StaticNet.Flatten").WithAdditionalAnnotations(Simplifier.Annotation));
        return from is null
            ? flatten
            : flatten.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(from.WithoutTrivia())));
    }

    /// <summary>
    /// A token with exactly the given trivia. <see cref="SyntaxFactory.Token(SyntaxKind)"/> would add elastic
    /// trivia, which the code action's formatter is free to turn into line breaks.
    /// </summary>
    private static SyntaxToken Token(SyntaxKind kind, SyntaxTriviaList trailing = default) =>
        SyntaxFactory.Token(SyntaxFactory.TriviaList(), kind, trailing);

    /// <summary><c>[Dense(10)]</c> alone in its list: a new <c>[Flatten]</c> list goes before it, on its own line when the layer is.</summary>
    private static SyntaxNode[] InListBefore(AttributeListSyntax list, AttributeSyntax flattenAttribute)
    {
        SyntaxTriviaList leading = list.GetLeadingTrivia();
        SyntaxTrivia? lineBreak = LineBreakBefore(list);
        AttributeListSyntax flatten = SyntaxFactory.AttributeList(
                Token(SyntaxKind.OpenBracketToken), null, SyntaxFactory.SingletonSeparatedList(flattenAttribute), Token(SyntaxKind.CloseBracketToken))
            .WithLeadingTrivia(leading);
        if (lineBreak is { } newLine)
        {
            // Comments above the layer stay above the pair; the layer keeps only its indentation.
            SyntaxTriviaList indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
            return [flatten.WithTrailingTrivia(newLine), list.WithLeadingTrivia(indentation)];
        }

        return [flatten.WithTrailingTrivia(SyntaxFactory.Space), list];
    }

    /// <summary><c>[Input(1, 8, 8), Dense(10)]</c>: <c>Flatten</c> joins the list before the layer.</summary>
    private static AttributeListSyntax InsideList(AttributeListSyntax list, AttributeSyntax layer, AttributeSyntax flattenAttribute)
    {
        SyntaxNodeOrTokenList items = list.Attributes.GetWithSeparators();
        int position = items.IndexOf(layer);
        items = items
            .Replace(layer, layer.WithLeadingTrivia())
            .InsertRange(position, [flattenAttribute.WithLeadingTrivia(layer.GetLeadingTrivia()), Token(SyntaxKind.CommaToken, SyntaxFactory.TriviaList(SyntaxFactory.Space))]);
        return list.WithAttributes(SyntaxFactory.SeparatedList<AttributeSyntax>(items));
    }

    /// <summary>The line break that ends the line before <paramref name="list"/>, or null when something precedes it on its line.</summary>
    private static SyntaxTrivia? LineBreakBefore(AttributeListSyntax list)
    {
        SyntaxTriviaList leading = list.GetLeadingTrivia();
        SyntaxTrivia lastLineBreak = leading.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (lastLineBreak.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            return lastLineBreak;
        }

        SyntaxToken previous = list.GetFirstToken().GetPreviousToken();
        if (previous.IsKind(SyntaxKind.None))
        {
            // First thing in the file: only whitespace precedes it, so it begins a line.
            return SyntaxFactory.EndOfLine("\n");
        }

        SyntaxTrivia previousLineBreak = previous.TrailingTrivia.LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return previousLineBreak.IsKind(SyntaxKind.EndOfLineTrivia) ? previousLineBreak : null;
    }
}
