using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// <c>[Block]</c> and <c>[Use]</c>: a block used with different parameters generates exactly what the same layers
/// written out do; every mistake in a use is reported on it; editing a block in another file reruns the networks that
/// use it, and only those.
/// </summary>
public class BlockTests
{
    private const string Block = """
        using StaticNet;

        namespace Demo;

        [Block("x", "condition")]
        [Conv1D(GatedLayer.Channels, GatedLayer.Kernel, Causal = true, Dilation = GatedLayer.Dilation, Name = "conv")]
        [Conv1D(GatedLayer.Channels, 1, Bias = false, From = "condition", Name = "mixin")]
        [Add("conv", "mixin", Activation = Activation.Tanh, Name = "act")]
        [Conv1D(GatedLayer.Channels, 1, Name = "layer1x1")]
        [Add("x", "layer1x1", Name = "out")]
        public static class GatedLayer
        {
            public const int Channels = 4;
            public const int Kernel = 2;
            public const int Dilation = 1;
        }
        """;

    private const string Used = """
        using StaticNet;

        namespace Demo;

        [Network]
        [Input(16, 1)]
        [Conv1D(4, 1, Bias = false, Name = "x")]
        [Use(typeof(GatedLayer), "x", "input", Name = "l0")]
        [Use(typeof(GatedLayer), "l0", "input", Name = "l1", With = "Dilation = 2, Kernel = 3")]
        [Add("l0.act", "l1.act", "l1", Name = "head")]
        [Conv1D(1, 1, Name = "out")]
        public partial class Net { }
        """;

    private const string Written = """
        using StaticNet;

        namespace Demo;

        [Network]
        [Input(16, 1)]
        [Conv1D(4, 1, Bias = false, Name = "x")]
        [Conv1D(4, 2, Causal = true, From = "x", Name = "l0.conv")]
        [Conv1D(4, 1, Bias = false, From = "input", Name = "l0.mixin")]
        [Add("l0.conv", "l0.mixin", Activation = Activation.Tanh, Name = "l0.act")]
        [Conv1D(4, 1, Name = "l0.layer1x1")]
        [Add("x", "l0.layer1x1", Name = "l0.out")]
        [Conv1D(4, 3, Causal = true, Dilation = 2, From = "l0.out", Name = "l1.conv")]
        [Conv1D(4, 1, Bias = false, From = "input", Name = "l1.mixin")]
        [Add("l1.conv", "l1.mixin", Activation = Activation.Tanh, Name = "l1.act")]
        [Conv1D(4, 1, Name = "l1.layer1x1")]
        [Add("l0.out", "l1.layer1x1", Name = "l1.out")]
        [Add("l0.act", "l1.act", "l1.out", Name = "head")]
        [Conv1D(1, 1, Name = "out")]
        public partial class Net { }
        """;

    [Fact]
    public void A_block_used_twice_generates_what_its_layers_written_out_do()
    {
        GeneratorResult used = GeneratorHarness.Run(Block, Used);
        GeneratorResult written = GeneratorHarness.Run(Written);

        Assert.Empty(used.GeneratorDiagnostics);
        Assert.Empty(used.CompilationProblems);
        Assert.Equal(written.Sources.Values.Single(), used.Sources.Values.Single());
    }

    [Theory]
    [InlineData("SN0061", "[Use(typeof(string), \"x\", \"input\", Name = \"l0\")]", "typeof(string)", "[Use] names string, which is not marked [Block]")]
    [InlineData("SN0062", "[Use(typeof(GatedLayer), \"x\", Name = \"l0\")]", "Use(typeof(GatedLayer), \"x\", Name = \"l0\")", "[Use] of GatedLayer gives 1 input, but the block reads 2 (x, condition)")]
    [InlineData("SN0063", "[Use(typeof(GatedLayer), \"x\", \"input\", Name = \"l0\", With = \"Stride = 2\")]", "With = \"Stride = 2\"", "sets Stride, which is not a const int field of GatedLayer; write \"Name = value, ...\" with the block's parameters (Channels, Kernel, Dilation)")]
    [InlineData("SN0063", "[Use(typeof(GatedLayer), \"x\", \"input\", Name = \"l0\", With = \"Dilation: 2\")]", "With = \"Dilation: 2\"", "has \"Dilation: 2\", not a \"Name = value\"")]
    [InlineData("SN0063", "[Use(typeof(GatedLayer), \"x\", \"input\", Name = \"l0\", With = \"Dilation = two\")]", "With = \"Dilation = two\"", "sets Dilation to \"two\", not a whole number")]
    public void Mistakes_in_a_use_are_reported_on_it(string id, string use, string location, string message)
    {
        string network = $"using StaticNet;\nnamespace Demo;\n[Network]\n[Input(16, 1)]\n[Conv1D(4, 1, Bias = false, Name = \"x\")]\n{use}\n[Conv1D(1, 1)]\npublic partial class Net {{ }}\n";
        GeneratorResult result = GeneratorHarness.Run(Block, network);

        Assert.Equal(location, DiagnosticAssert.Reported(result, id, DiagnosticSeverity.Error, message));
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void A_parameter_set_but_written_as_no_size_is_reported()
    {
        string block = Block.Replace("public const int Dilation = 1;", "public const int Dilation = 1;\n    public const int Unused = 5;");
        string network = Used.Replace("With = \"Dilation = 2, Kernel = 3\"", "With = \"Unused = 2\"");
        GeneratorResult result = GeneratorHarness.Run(block, network);

        Assert.Equal("With = \"Unused = 2\"", DiagnosticAssert.Reported(result, "SN0063", DiagnosticSeverity.Error, "sets Unused, which no size of the block's layers is written as"));
    }

    [Fact]
    public void Network_attributes_in_a_block_are_reported_and_its_layers_are_no_orphans()
    {
        string block = Block.Replace("[Block(\"x\", \"condition\")]", "[Block(\"x\", \"condition\")]\n[Input(16, 1)]");
        GeneratorResult result = GeneratorHarness.Run(block, Used);
        Assert.Equal("Input(16, 1)", DiagnosticAssert.Reported(result, "SN0064", DiagnosticSeverity.Error, "[Input] belongs to the network, not to the block GatedLayer"));

        // A block alone is not a network without [Network] (SN0011): its layers wait for a use.
        Assert.Empty(GeneratorHarness.Run(Block).GeneratorDiagnostics);
    }

    [Fact]
    public void Editing_a_block_in_its_own_file_reruns_the_network_that_uses_it_and_no_other()
    {
        const string Other = "using StaticNet;\nnamespace Demo;\n[Network]\n[Input(4)]\n[Dense(2)]\npublic partial class Other { }\n";
        CSharpCompilation compilation = GeneratorHarness.Compile().AddSyntaxTrees(Parse(Block, "Block.cs"), Parse(Used, "Net.cs"), Parse(Other, "Other.cs"));
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        Assert.Equal(2, driver.GetRunResult().GeneratedTrees.Length);
        string before = driver.GetRunResult().GeneratedTrees.Single(tree => tree.FilePath.EndsWith("Demo.Net.g.cs", System.StringComparison.Ordinal)).ToString();

        SyntaxTree old = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Block.cs");
        driver = driver.RunGenerators(compilation.ReplaceSyntaxTree(old, Parse(Block.Replace("Kernel = 2", "Kernel = 4"), "Block.cs")));

        GeneratorRunResult run = driver.GetRunResult().Results.Single();
        foreach (object value in run.TrackedSteps["StaticNet.Blocks"].SelectMany(step => step.Outputs).Select(output => output.Value))
        {
            Assert.False(value is ISymbol or SyntaxNode or Compilation or Location, "a block's model holds a Roslyn object");
        }

        IncrementalStepRunReason[] plans = run.TrackedSteps["StaticNet.Plan"].SelectMany(step => step.Outputs).Select(output => output.Reason).ToArray();
        Assert.Equal(1, plans.Count(reason => reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, plans.Count(reason => reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        string after = driver.GetRunResult().GeneratedTrees.Single(tree => tree.FilePath.EndsWith("Demo.Net.g.cs", System.StringComparison.Ordinal)).ToString();
        Assert.NotEqual(before, after);
        Assert.Contains("Conv1D(4, 4, causal)", after);
    }

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path);
}
