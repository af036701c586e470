using System.Linq;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>The generated code users read, kept under review (see <see cref="Snapshot"/>).</summary>
public class SnapshotTests
{
    public const string IrisNet = """
        using StaticNet;

        namespace Demo;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(4)]
        [Dense(6, Activation.ReLU)]
        [Dense(3, Activation.Softmax)]
        public partial class IrisNet { }
        """;

    // 16 -> 32 is looped (512 weights), 32 -> 6 unrolled (192, the limit), nested in a static class.
    public const string ControllerNet = """
        using StaticNet;

        namespace Audio.Models
        {
            public static partial class Controllers
            {
                [Network]
                [Input(16)]
                [Dense(32, Activation.Tanh)]
                [Dense(6, Activation.LeakyReLU, Slope = 0.1f)]
                [Dense(1)]
                internal partial class Gain { }
            }
        }
        """;

    // RTNeural's kind of model, streamed one audio sample at a time: Step, StepPacked and StepBatch, whose whole step
    // runs in lanes (the GRU, then the dense layer on its last step).
    public const string AmpGru = """
        using StaticNet;

        namespace Audio;

        [Network]
        [Input(64, 1)]
        [Gru(8)]
        [LastStep]
        [Dense(1)]
        public partial class AmpGru { }
        """;

    public const string DigitCnn = """
        using StaticNet;

        namespace Vision;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(1, 8, 8)]
        [Conv2D(4, 3, Activation.ReLU, Padding = 1)]
        [MaxPool2D(2)]
        [Conv2D(8, 3, Activation.ReLU, Stride = 2)]
        [Flatten]
        [Dense(10, Activation.Softmax)]
        public partial class DigitCnn { }
        """;

    /// <summary>N4's shape: its last dense layer's 13,520 weights make ForwardBatch run the layers before it sample by sample, then it over the batch.</summary>
    public const string MnistCnn = """
        using StaticNet;

        namespace Vision;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(1, 28, 28)]
        [Conv2D(8, 3, Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(10, Activation.Softmax)]
        public partial class MnistCnn { }
        """;

    /// <summary>A gated WaveNet block: joins over sequences, streamed step by step with the causal convolutions' history.</summary>
    public const string GatedWaveNetBlock = """
        using StaticNet;

        namespace Audio;

        [Network]
        [Input(16, 1)]
        [Conv1D(4, 1, Bias = false, Name = "x")]
        [Conv1D(4, 2, Activation.Tanh, Causal = true, Dilation = 2, Name = "filter")]
        [Conv1D(4, 2, Activation.Sigmoid, Causal = true, Dilation = 2, From = "x", Name = "gate")]
        [Multiply("filter", "gate", Name = "gated")]
        [Conv1D(4, 1, Name = "residual")]
        [Add("x", "residual")]
        [Conv1D(1, 1)]
        public partial class GatedBlock { }
        """;

    /// <summary>A multilayer perceptron whose first layer goes in panels in the packed copy, its next ones transposed.</summary>
    public const string MnistMlp = """
        using StaticNet;

        namespace Vision;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(64, Activation.ReLU)]
        [Dense(10, Activation.Softmax)]
        public partial class MnistMlp { }
        """;

    public const string NormalisedCnn = """
        using StaticNet;

        namespace Vision;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(1, 8, 8)]
        [Conv2D(4, 3)]
        [BatchNorm(Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dropout(0.25f)]
        [Dense(10, Activation.Softmax)]
        public partial class NormalisedCnn { }
        """;

    // The seed-4-6-2 fixture's PyTorch parameters, as StaticNet.Tests bakes them.
    public const string BakedSeedNet = """
        using StaticNet;

        namespace Demo;

        [Network(Loss = Loss.CrossEntropy, Weights = "seed-4-6-2.snw")]
        [Input(4)]
        [Dense(6, Activation.ReLU)]
        [Dense(2, Activation.Softmax)]
        public partial class BakedSeedNet { }
        """;

    // API.md's two graph examples: a residual block (skip connection) and two heads on one trunk.
    public const string ResidualDigits = """
        using StaticNet;

        namespace Graphs;

        [Network(Loss = Loss.CrossEntropy)]
        [Input(1, 8, 8)]
        [Conv2D(8, 3, Activation.ReLU, Padding = 1, Name = "stem")]
        [Conv2D(8, 3, Activation.ReLU, Padding = 1)]
        [Conv2D(8, 3, Padding = 1, Name = "branch")]
        [Add("stem", "branch", Activation = Activation.ReLU)]
        [MaxPool2D(2)]
        [Flatten]
        [Dense(10, Activation.Softmax)]
        public partial class ResidualDigits { }
        """;

    public const string DigitAndParity = """
        using StaticNet;

        namespace Graphs;

        [Network]
        [Input(64)]
        [Dense(32, Activation.ReLU, Name = "trunk")]
        [Dense(10, Activation.Softmax)]              [Output(Loss.CrossEntropy)]
        [Dense(1, Activation.Sigmoid, From = "trunk")] [Output(Loss.BinaryCrossEntropy, Weight = 0.5f)]
        public partial class DigitAndParity { }
        """;

    [Theory]
    [InlineData(nameof(ResidualDigits), ResidualDigits)]
    [InlineData(nameof(DigitAndParity), DigitAndParity)]
    public void Graph_network(string name, string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match(name, result.Sources[$"Graphs.{name}.g.cs"]);
    }

    [Fact]
    public void Network_with_baked_weights()
    {
        string file = System.IO.Path.Combine(DotNetCli.RepositoryRoot, "tests", "StaticNet.Tests", "Baking", "seed-4-6-2.snw");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = GeneratorHarness.Compile(BakedSeedNet);
        compilation = compilation.WithOptions(compilation.Options.WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Release));

        // Optimised, as users ship it: the baked values are a data-section span (a Debug build caches one array).
        Microsoft.CodeAnalysis.GeneratorDriverRunResult run = GeneratorHarness.CreateDriver([new BinaryAdditionalFile(file)]).RunGenerators(compilation).GetRunResult();

        Assert.Empty(run.Diagnostics);
        Snapshot.Match("BakedSeedNet", run.GeneratedTrees.Single().ToString());
    }

    [Fact]
    public void Network_with_batch_normalisation_and_dropout()
    {
        GeneratorResult result = GeneratorHarness.Run(NormalisedCnn);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("NormalisedCnn", result.Sources["Vision.NormalisedCnn.g.cs"]);
    }

    [Fact]
    public void Convolutional_network()
    {
        GeneratorResult result = GeneratorHarness.Run(DigitCnn);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("DigitCnn", result.Sources["Vision.DigitCnn.g.cs"]);
    }

    [Fact]
    public void Convolutional_network_whose_batch_splits_before_its_last_layer()
    {
        GeneratorResult result = GeneratorHarness.Run(MnistCnn);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("MnistCnn", result.Sources["Vision.MnistCnn.g.cs"]);
    }

    [Fact]
    public void Streaming_graph_over_a_sequence()
    {
        GeneratorResult result = GeneratorHarness.Run(GatedWaveNetBlock);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("GatedBlock", result.Sources["Audio.GatedBlock.g.cs"]);
    }

    [Fact]
    public void Network_with_a_layer_in_panels()
    {
        GeneratorResult result = GeneratorHarness.Run(MnistMlp);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("MnistMlp", result.Sources["Vision.MnistMlp.g.cs"]);
    }

    [Fact]
    public void Unrolled_network()
    {
        GeneratorResult result = GeneratorHarness.Run(IrisNet);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("IrisNet", result.Sources["Demo.IrisNet.g.cs"]);
    }

    [Fact]
    public void Looped_and_unrolled_network_nested_in_a_class()
    {
        GeneratorResult result = GeneratorHarness.Run(ControllerNet);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("ControllerNet", result.Sources["Audio.Models.Controllers.Gain.g.cs"]);
    }

    [Fact]
    public void Streaming_recurrent_network()
    {
        GeneratorResult result = GeneratorHarness.Run(AmpGru);

        Assert.Empty(result.CompilationProblems);
        Snapshot.Match("AmpGru", result.Sources["Audio.AmpGru.g.cs"]);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        string first = GeneratorHarness.Run(ControllerNet).Sources["Audio.Models.Controllers.Gain.g.cs"];
        string second = GeneratorHarness.Run(ControllerNet).Sources["Audio.Models.Controllers.Gain.g.cs"];

        Assert.Equal(first, second);
    }
}
