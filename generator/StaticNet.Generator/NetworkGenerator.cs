using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator;

/// <summary>
/// Compiles networks declared with StaticNet attributes into C#.
/// Pipeline: <see cref="NetworkParser"/> (symbols to plain values), then <see cref="NetworkPlanner"/>
/// (shapes, offsets, diagnostics), then <see cref="NetworkEmitter"/> (source text). Only equatable
/// models travel between the steps, so an edit elsewhere in the project reruns nothing. No step
/// throws: a bug in the generator becomes diagnostic SN9999 instead of breaking the user's build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<NetworkPlan> plans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Declaration)
            .Where(static declaration => declaration is not null)
            .Select(static (declaration, _) => Plan(declaration!))
            .WithTrackingName(TrackingNames.Plan);

        context.RegisterSourceOutput(plans, static (output, plan) => Emit(output, plan));

        // Diagnostics are reported apart from the source: only declarations with problems meet the
        // compilation (to locate each diagnostic in its syntax tree), so a clean project pays nothing.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> problems = plans
            .Select(static (plan, _) => plan.Diagnostics)
            .Where(static diagnostics => diagnostics.Count > 0);
        context.RegisterSourceOutput(problems.Combine(context.CompilationProvider), static (output, pair) => Report(output, pair.Left, pair.Right));

        foreach (string layerAttribute in AttributeNames.Layers)
        {
            IncrementalValuesProvider<DiagnosticInfo> orphans = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    layerAttribute,
                    predicate: static (node, _) => node is TypeDeclarationSyntax,
                    transform: static (context, cancellationToken) => FindOrphanLayers(context, cancellationToken))
                .Where(static diagnostic => diagnostic is not null)
                .Select(static (diagnostic, _) => diagnostic!)
                .WithTrackingName(TrackingNames.OrphanLayers);
            context.RegisterSourceOutput(
                orphans.Combine(context.CompilationProvider),
                static (output, pair) => output.ReportDiagnostic(pair.Left.ToDiagnostic(pair.Right)));
        }
    }

    private static NetworkDeclaration? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return NetworkParser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return NetworkDeclaration.Failed(context.TargetSymbol.Name, LocationInfo.From(context.TargetNode), exception);
        }
    }

    private static NetworkPlan Plan(NetworkDeclaration declaration)
    {
        try
        {
            return NetworkPlanner.Plan(declaration);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return NetworkPlan.Failed(declaration, exception);
        }
    }

    private static DiagnosticInfo? FindOrphanLayers(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return OrphanLayerParser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return DiagnosticInfo.Create(
                DiagnosticDescriptors.InternalError, LocationInfo.From(context.TargetNode), context.TargetSymbol.Name, exception.Message);
        }
    }

    private static void Report(SourceProductionContext output, EquatableArray<DiagnosticInfo> diagnostics, Compilation compilation)
    {
        foreach (DiagnosticInfo diagnostic in diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic(compilation));
        }
    }

    private static void Emit(SourceProductionContext output, NetworkPlan plan)
    {
        if (plan.HasErrors)
        {
            return;
        }

        string source;
        try
        {
            source = NetworkEmitter.Emit(plan);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.InternalError, plan.Location?.ToLocation(), plan.Name, exception.Message));
            return;
        }

        output.AddSource(plan.Target.HintName, SourceText.From(source, System.Text.Encoding.UTF8));
    }
}
