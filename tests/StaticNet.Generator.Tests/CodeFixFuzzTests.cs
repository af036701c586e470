using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using StaticNet.CodeFixes;
using StaticNet.Generator.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The code fixes on the generator fuzzer's declarations (nested, generic, records, mid-edit files,
/// several mistakes at once): wherever SN0001 or SN0007 is reported, a fix is offered, applying it
/// never throws, it removes one such diagnostic, and it adds no syntax error.
/// </summary>
public class CodeFixFuzzTests(ITestOutputHelper output)
{
    private const int Declarations = 1000;

    [Fact]
    public async Task Fixes_apply_to_every_fixable_random_declaration()
    {
        var random = new Random(20261124);
        string[] files = Enumerable.Range(0, Declarations)
            .Select(i => "using StaticNet;\nnamespace Fuzz;\n" + RandomDeclarations.Any(random, $"Net{i}") + "\n")
            .ToArray();
        GeneratorResult all = GeneratorHarness.Run(files);

        var fixedCounts = new Dictionary<string, int>();
        foreach (CodeFixProvider provider in new CodeFixProvider[] { new MakePartialCodeFix(), new InsertFlattenCodeFix() })
        {
            string id = provider.FixableDiagnosticIds.Single();
            for (int i = 0; i < files.Length; i++)
            {
                string path = $"File{i}.cs";
                // Each declaration has a type name of its own, so its diagnostics in the shared run are its own.
                int before = all.GeneratorDiagnostics.Count(d => d.Id == id && d.Location.SourceTree?.FilePath == path);
                if (before == 0)
                {
                    continue;
                }

                string fixedSource = await CodeFixHarness.ApplyFirstAsync(provider, files[i]);

                Assert.True(Count(fixedSource, id) < before, $"{id} was not fixed:\n{files[i]}\n--- after ---\n{fixedSource}");
                Assert.True(SyntaxErrors(fixedSource) <= SyntaxErrors(files[i]), $"{id} fix broke the syntax:\n{fixedSource}");
                fixedCounts[id] = fixedCounts.GetValueOrDefault(id) + 1;
            }
        }

        output.WriteLine($"{Declarations} declarations: fixed {string.Join(", ", fixedCounts.Select(pair => $"{pair.Value} x {pair.Key}"))}.");
        Assert.True(fixedCounts.GetValueOrDefault("SN0001") >= 20 && fixedCounts.GetValueOrDefault("SN0007") >= 20,
            "The fuzzer should produce both diagnostics often enough to mean something.");
    }

    private static int Count(string source, string id) => GeneratorHarness.Run(source).GeneratorDiagnostics.Count(d => d.Id == id);

    private static int SyntaxErrors(string source) =>
        GeneratorHarness.Compile(source).SyntaxTrees.Single().GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
}
