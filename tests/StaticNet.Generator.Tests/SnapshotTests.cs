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
    public void Output_is_deterministic()
    {
        string first = GeneratorHarness.Run(ControllerNet).Sources["Audio.Models.Controllers.Gain.g.cs"];
        string second = GeneratorHarness.Run(ControllerNet).Sources["Audio.Models.Controllers.Gain.g.cs"];

        Assert.Equal(first, second);
    }
}
