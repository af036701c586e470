using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using StaticNet.Generator.Baking;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator;

/// <summary>
/// Compiles networks declared with StaticNet attributes into C#.
/// Pipeline: <see cref="NetworkParser"/> (symbols to plain values), then <see cref="NetworkPlanner"/>
/// (shapes, offsets, diagnostics), then <see cref="WeightBaker"/> (weight files to bake, if any), then
/// <see cref="NetworkEmitter"/> (source text). Only equatable
/// models travel between the steps, so an edit elsewhere in the project reruns nothing. No step
/// throws: a bug in the generator becomes diagnostic SN9999 instead of breaking the user's build.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // [Block] classes are read on their own, so editing one reruns the networks that use it (a network's own
        // transform sees only its own file's edits), and a network meets them as plain values.
        IncrementalValueProvider<EquatableArray<BlockDeclaration>> blocks = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Block,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => ParseBlock(context, cancellationToken))
            .WithTrackingName(TrackingNames.Blocks)
            .Collect()
            .Select(static (blocks, _) => blocks.OrderBy(block => block.TypeName, StringComparer.Ordinal).ToEquatableArray());
        IncrementalValuesProvider<NetworkPlan> plans = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                AttributeNames.Network,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (context, cancellationToken) => Parse(context, cancellationToken))
            .WithTrackingName(TrackingNames.Declaration)
            .Where(static declaration => declaration is not null)
            .Combine(blocks)
            .Select(static (pair, _) => Plan(pair.Left!, pair.Right))
            .WithTrackingName(TrackingNames.Plan);

        // [Network(Weights = "file")]: only AdditionalFiles items some network names are read, each once per change
        // of the item (a new AdditionalText); a network's build reruns when its plan or the files change, and its
        // output compares equal unless its own weights did, so editing one weight file re-emits one network.
        IncrementalValueProvider<EquatableArray<string>> requestedWeights = plans
            .Select(static (plan, _) => plan.HasErrors ? "" : plan.Weights?.Value ?? "")
            .Where(static name => name.Length > 0)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(name => name, StringComparer.Ordinal).ToEquatableArray());
        IncrementalValuesProvider<WeightFileContent> weightFiles = context.AdditionalTextsProvider
            .Combine(requestedWeights)
            .Where(static pair => WeightBaker.IsRequested(pair.Left.Path, pair.Right))
            .Select(static (pair, cancellationToken) => WeightFileReader.Read(pair.Left.Path, cancellationToken))
            .WithTrackingName(TrackingNames.WeightFiles);
        IncrementalValuesProvider<NetworkBuild> builds = plans
            .Combine(weightFiles.Collect())
            .Select(static (pair, _) => Bake(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Build);

        // Baked values are emitted as an array the C# compiler maps onto the assembly's data section, which it does
        // only in optimised builds; a Debug build gets one cached array instead, so no build allocates per call.
        IncrementalValueProvider<bool> optimised = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Options.OptimizationLevel == OptimizationLevel.Release);
        context.RegisterSourceOutput(builds.Combine(optimised), static (output, pair) => Emit(output, pair.Left, pair.Right));

        // Diagnostics are reported apart from the source: only declarations with problems meet the
        // compilation (to locate each diagnostic in its syntax tree), so a clean project pays nothing.
        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> problems = builds
            .Select(static (build, _) => build.Diagnostics)
            .Where(static diagnostics => diagnostics.Count > 0);
        context.RegisterSourceOutput(problems.Combine(context.CompilationProvider), static (output, pair) => Report(output, pair.Left, pair.Right));

        foreach (string layerAttribute in LayerFactory.LayerAttributes)
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

    private static BlockDeclaration ParseBlock(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return BlockParser.Parse(context, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new BlockDeclaration(
                context.TargetSymbol.ToDisplayString(), EquatableArray<string>.Empty, EquatableArray<BlockParameter>.Empty, EquatableArray<LayerDeclaration>.Empty,
                new EquatableArray<DiagnosticInfo>(ImmutableArray.Create(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InternalError, LocationInfo.From(context.TargetNode), context.TargetSymbol.Name, exception.Message))));
        }
    }

    private static NetworkPlan Plan(NetworkDeclaration declaration, EquatableArray<BlockDeclaration> blocks)
    {
        try
        {
            return NetworkPlanner.Plan(BlockExpansion.Expand(declaration, blocks));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return NetworkPlan.Failed(declaration, exception);
        }
    }

    private static NetworkBuild Bake(NetworkPlan plan, ImmutableArray<WeightFileContent> weightFiles)
    {
        try
        {
            return MemberClashes.Check(WeightBaker.Bake(plan, weightFiles));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new NetworkBuild(plan, null, new EquatableArray<DiagnosticInfo>(plan.Diagnostics.AsImmutableArray().Add(
                DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, plan.Location, plan.Name, exception.Message))));
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

    private static void Emit(SourceProductionContext output, NetworkBuild build, bool optimised)
    {
        NetworkPlan plan = build.Plan;
        if (plan.HasErrors || MemberClashes.In(build))
        {
            return;
        }

        string source;
        try
        {
            source = NetworkEmitter.Emit(plan, build.Weights, optimised);
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
