using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace StaticNet.CodeFixes;

/// <summary>
/// A fix that finds one node from the diagnostic and rewrites the document's syntax around it. Offers
/// nothing when the node is not there (a stale diagnostic, a location in another file), and supports
/// "fix all" by batching the single fixes.
/// </summary>
public abstract class SyntaxRewriteCodeFix<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (FindTarget(root, diagnostic) is not { } target)
            {
                continue;
            }

            Document document = context.Document;
            context.RegisterCodeFix(
                CodeAction.Create(Title(target), cancellationToken => RewriteAsync(document, target, cancellationToken), equivalenceKey: GetType().Name),
                diagnostic);
        }
    }

    /// <summary>The node to fix, or null when this document does not hold it.</summary>
    protected abstract TNode? FindTarget(SyntaxNode root, Diagnostic diagnostic);

    protected abstract string Title(TNode target);

    /// <summary>The document's new root.</summary>
    protected abstract SyntaxNode Rewrite(SyntaxNode root, TNode target);

    /// <summary>Whether <paramref name="location"/> can be a span of <paramref name="root"/>'s document.</summary>
    protected static bool Fits(Location location, SyntaxNode root) => location.IsInSource && location.SourceSpan.End <= root.FullSpan.End;

    private async Task<Document> RewriteAsync(Document document, TNode target, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null ? document : document.WithSyntaxRoot(Rewrite(root, target));
    }
}
