using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

namespace StaticNet.Generator.Tests.Support;

/// <summary>Runs the generator in-process on source text, as the compiler would in a user's build.</summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private static readonly Lazy<ImmutableArray<MetadataReference>> references = new(() =>
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Concat([typeof(NetworkAttribute).Assembly.Location, typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location])
            .Distinct()
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static readonly CSharpCompilationOptions CompilationOptions =
        new(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);

    /// <summary>The framework, the StaticNet runtime and what it depends on.</summary>
    public static ImmutableArray<MetadataReference> References => references.Value;

    /// <summary>
    /// A compilation with the references and no source, whose referenced assemblies are bound once: compilations
    /// derived from it (<see cref="CSharpCompilation.AddSyntaxTrees(SyntaxTree[])"/>, options that leave the references
    /// alone) share those symbols rather than each decoding the framework again, a tenth of the fuzzer's time.
    /// </summary>
    private static readonly Lazy<CSharpCompilation> empty = new(() =>
    {
        CSharpCompilation compilation = CSharpCompilation.Create("UserAssembly", [], references.Value, CompilationOptions);
        _ = compilation.SourceModule.ReferencedAssemblySymbols;
        return compilation;
    });

    public static CSharpCompilation Compile(params string[] sources) =>
        empty.Value.AddSyntaxTrees(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"File{i}.cs")));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText>? additionalFiles = null) => CSharpGeneratorDriver.Create(
        [new NetworkGenerator().AsSourceGenerator()],
        additionalTexts: additionalFiles,
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    public static GeneratorResult Run(params string[] sources) => Run([], sources);

    /// <summary>
    /// Runs the generator as a project with its own <c>LangVersion</c> and <c>Nullable</c> settings would. The compilation
    /// binds on one thread: the fuzzer already runs one compilation per core, and Roslyn's own parallelism on top of that
    /// measured slower (1 m 50 s against 1 m 24 s for 5,000 declarations).
    /// With <paramref name="errorsOnly"/>, the compiler skips nullable analysis, which reports only warnings and took a
    /// third of the fuzzer's binding time: for tests that look at errors alone.
    /// </summary>
    public static GeneratorResult Run(
        LanguageVersion version, NullableContextOptions nullable, DocumentationMode documentationMode, string[] sources, bool errorsOnly = false)
    {
        var parseOptions = new CSharpParseOptions(version, documentationMode);
        if (errorsOnly)
        {
            parseOptions = parseOptions.WithFeatures([new("run-nullable-analysis", "never")]);
        }

        CSharpCompilation compilation = empty.Value
            .WithOptions(CompilationOptions.WithNullableContextOptions(nullable).WithConcurrentBuild(false))
            .AddSyntaxTrees(sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: $"File{i}.cs")));
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new NetworkGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        return new GeneratorResult(compilation, output, driver.GetRunResult(), driverDiagnostics);
    }

    public static GeneratorResult Run(IEnumerable<AdditionalText> additionalFiles, params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CreateDriver(additionalFiles).RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();
        return new GeneratorResult(compilation, output, run, driverDiagnostics);
    }
}

/// <summary>What one generator run produced.</summary>
public sealed record GeneratorResult(
    CSharpCompilation Input, Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> DriverDiagnostics)
{
    /// <summary>Diagnostics the generator reported (not the compiler's).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Run.Diagnostics;

    public IReadOnlyDictionary<string, string> Sources =>
        Run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());

    /// <summary>Compiler diagnostics located in generated files: there must never be any.</summary>
    public IEnumerable<Diagnostic> DiagnosticsInGeneratedCode =>
        Output.GetDiagnostics().Where(d => d.Location.SourceTree is { } tree && !Input.SyntaxTrees.Contains(tree));

    /// <summary>Every error and warning of the compilation after generation.</summary>
    public IEnumerable<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
