using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// Applies a code fix the way an editor does: one document in a workspace, the generator's diagnostics
/// on its compilation, the fix's code action run to its changed solution (with the action's own
/// simplification and formatting). Only fixes registered for the generator's diagnostics are used.
/// </summary>
public static class CodeFixHarness
{
    /// <summary>The title of every fix <paramref name="provider"/> offers, one diagnostic after another.</summary>
    public static async Task<IReadOnlyList<string>> OfferedTitlesAsync(CodeFixProvider provider, string source)
    {
        Document document = CreateDocument(source);
        var titles = new List<string>();
        foreach (Diagnostic diagnostic in await FixableDiagnosticsAsync(provider, document))
        {
            titles.AddRange((await ActionsAsync(provider, document, diagnostic)).Select(action => action.Title));
        }

        return titles;
    }

    /// <summary>The source after the fix offered for the first diagnostic <paramref name="provider"/> fixes.</summary>
    public static async Task<string> ApplyFirstAsync(CodeFixProvider provider, string source)
    {
        Document document = CreateDocument(source);
        ImmutableArray<Diagnostic> diagnostics = await FixableDiagnosticsAsync(provider, document);
        Assert.NotEmpty(diagnostics);
        CodeAction action = Assert.Single(await ActionsAsync(provider, document, diagnostics[0]));
        return await ApplyAsync(action, document.Id);
    }

    /// <summary>The source after "fix all occurrences in document".</summary>
    public static async Task<string> ApplyFixAllAsync(CodeFixProvider provider, string source)
    {
        Document document = CreateDocument(source);
        ImmutableArray<Diagnostic> diagnostics = await FixableDiagnosticsAsync(provider, document);
        Assert.True(diagnostics.Length > 1, "fix all needs more than one diagnostic to mean anything");
        string? key = (await ActionsAsync(provider, document, diagnostics[0])).Single().EquivalenceKey;
        var context = new FixAllContext(
            document, provider, FixAllScope.Document, key, provider.FixableDiagnosticIds, new GeneratorDiagnostics(), CancellationToken.None);
        FixAllProvider fixAll = provider.GetFixAllProvider() ?? throw new Xunit.Sdk.XunitException("the provider has no fix-all");
        CodeAction action = await fixAll.GetFixAsync(context) ?? throw new Xunit.Sdk.XunitException("fix all offered nothing");
        return await ApplyAsync(action, document.Id);
    }

    private static Document CreateDocument(string source)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        DocumentId documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "UserAssembly", "UserAssembly", LanguageNames.CSharp,
                compilationOptions: GeneratorHarness.CompilationOptions,
                parseOptions: GeneratorHarness.ParseOptions,
                metadataReferences: GeneratorHarness.References))
            .AddDocument(documentId, "Network.cs", SourceText.From(source), filePath: "/user/Network.cs");
        return solution.GetDocument(documentId)!;
    }

    private static async Task<ImmutableArray<Diagnostic>> GeneratorDiagnosticsAsync(Project project)
    {
        Compilation compilation = (await project.GetCompilationAsync())!;
        return GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Diagnostics;
    }

    private static async Task<ImmutableArray<Diagnostic>> FixableDiagnosticsAsync(CodeFixProvider provider, Document document) =>
        (await GeneratorDiagnosticsAsync(document.Project))
            .Where(diagnostic => provider.FixableDiagnosticIds.Contains(diagnostic.Id))
            .OrderBy(diagnostic => diagnostic.Location.SourceSpan.Start)
            .ToImmutableArray();

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider provider, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
        return actions;
    }

    private static async Task<string> ApplyAsync(CodeAction action, DocumentId documentId)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        return (await changed.GetDocument(documentId)!.GetTextAsync()).ToString();
    }

    /// <summary>What the editor's diagnostic service would hand to fix all: the generator's diagnostics.</summary>
    private sealed class GeneratorDiagnostics : FixAllContext.DiagnosticProvider
    {
        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return (await GeneratorDiagnosticsAsync(document.Project)).Where(diagnostic => diagnostic.Location.SourceTree == tree);
        }

        public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            (await GeneratorDiagnosticsAsync(project)).Where(diagnostic => !diagnostic.Location.IsInSource);

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            await GeneratorDiagnosticsAsync(project);
    }
}
