using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The generator's steps are cached: editing unrelated code reruns nothing, editing a network's
/// attributes reruns that network only. Checked on the steps the generator tracks by name.
/// </summary>
public class IncrementalityTests
{
    private const string Networks = """
        using StaticNet;

        namespace Demo;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(4)]
        [Dense(6, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisNet { }

        [Network]
        [Input(2)]
        [Dense(4, Activation.Tanh)]
        [Dense(1)]
        public partial class XorNet { }
        """;

    private const string Unrelated = "namespace Demo; public class Helper { public int Value => 1; }";

    [Fact]
    public void Adding_an_unrelated_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();

        driver = driver.RunGenerators(compilation.AddSyntaxTrees(Parse("namespace Other; class New { }", "New.cs")));

        AssertNothingReran(driver);
    }

    [Fact]
    public void Editing_an_unrelated_file_reruns_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Unrelated.cs");

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, Parse(Unrelated.Replace("1", "2"), "Unrelated.cs")));

        AssertNothingReran(driver);
    }

    [Fact]
    public void Editing_a_body_in_the_networks_file_rebuilds_the_models_but_changes_nothing()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Networks.cs");

        // Same positions, a new syntax tree: the declaration is read again but compares equal.
        string edited = Networks.Replace("public partial class XorNet { }", "public partial class XorNet { } ");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, Parse(edited, "Networks.cs")));

        AssertNothingReran(driver);
    }

    [Fact]
    public void Editing_an_attribute_reruns_that_network_only()
    {
        (GeneratorDriver driver, CSharpCompilation compilation) = FirstRun();
        SyntaxTree old = compilation.SyntaxTrees.Single(t => t.FilePath == "Networks.cs");

        // XorNet comes second, so IrisNet's positions do not move.
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, Parse(Networks.Replace("[Dense(4, Activation.Tanh)]", "[Dense(5, Activation.Tanh)]"), "Networks.cs")));

        IncrementalStepRunReason[] declarations = Reasons(driver, TrackingNames.Declaration);
        IncrementalStepRunReason[] plans = Reasons(driver, TrackingNames.Plan);
        Assert.Equal([IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Modified], declarations);
        Assert.Equal([IncrementalStepRunReason.Cached, IncrementalStepRunReason.Modified], plans);
        Assert.Contains("public const int ParameterCount = 21;", driver.GetRunResult().GeneratedTrees.Single(t => t.FilePath.EndsWith("XorNet.g.cs")).ToString());
    }

    [Fact]
    public void In_a_project_of_100_networks_editing_one_reruns_one()
    {
        static SyntaxTree Network(int index, int hidden) => Parse(
            $"using StaticNet;\nnamespace Demo;\n[Network] [Input(16)] [Dense({hidden}, Activation.Tanh)] [Dense(32, Activation.ReLU)] [Dense(4)]\npublic partial class Net{index} {{ }}\n",
            $"Net{index}.cs");
        SyntaxTree[] trees = Enumerable.Range(0, 100).Select(i => Network(i, 32)).ToArray();
        CSharpCompilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(trees);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(100, driver.GetRunResult().GeneratedTrees.Length);

        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(trees[42], Network(42, 33)));

        IncrementalStepRunReason[] plans = Reasons(driver, TrackingNames.Plan);
        Assert.Equal(100, plans.Length);
        Assert.Equal(IncrementalStepRunReason.Modified, plans[42]);
        Assert.Equal(99, plans.Count(reason => reason == IncrementalStepRunReason.Cached));
        IncrementalStepRunReason[] sources = driver.GetRunResult().Results.Single().TrackedOutputSteps["SourceOutput"]
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.Equal(1, sources.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.All(sources, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Modified, reason.ToString()));
    }

    [Fact]
    public void Pipeline_models_hold_no_Roslyn_objects()
    {
        (GeneratorDriver driver, _) = FirstRun();
        GeneratorRunResult result = driver.GetRunResult().Results.Single();

        foreach (string step in new[] { TrackingNames.Declaration, TrackingNames.Plan })
        {
            foreach (object value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                Assert.DoesNotContain(value.GetType().Assembly.GetName().Name, new[] { "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp" });
                Assert.False(value is ISymbol or SyntaxNode or Compilation or Location);
            }
        }
    }

    private static (GeneratorDriver Driver, CSharpCompilation Compilation) FirstRun()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(Parse(Networks, "Networks.cs"), Parse(Unrelated, "Unrelated.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        return (driver, compilation);
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path);

    private static IncrementalStepRunReason[] Reasons(GeneratorDriver driver, string step) =>
        driver.GetRunResult().Results.Single().TrackedSteps[step]
            .SelectMany(s => s.Outputs)
            .Select(o => o.Reason)
            .ToArray();

    /// <summary>
    /// Roslyn re-evaluates the attribute transform against each new compilation; what must hold is
    /// that its models compare equal (Unchanged), so planning and source output stay Cached.
    /// </summary>
    private static void AssertNothingReran(GeneratorDriver driver)
    {
        Assert.All(Reasons(driver, TrackingNames.Declaration), reason =>
            Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, reason.ToString()));
        AssertAllOutputs(driver, TrackingNames.Plan, IncrementalStepRunReason.Cached);
        IncrementalStepRunReason[] sourceOutputs = driver.GetRunResult().Results.Single().TrackedOutputSteps["SourceOutput"]
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(sourceOutputs);
        Assert.All(sourceOutputs, reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    private static void AssertAllOutputs(GeneratorDriver driver, string step, IncrementalStepRunReason expected)
    {
        IncrementalStepRunReason[] reasons = Reasons(driver, step);
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Equal(expected, reason));
    }
}
