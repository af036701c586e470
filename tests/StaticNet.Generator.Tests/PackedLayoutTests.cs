using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Which dense weight blocks the packed copy holds in panels: a large looped layer's, and not a block a layer reads one
/// weight at a time (an unrolled layer, a tied decoder). Only the generated text is read: an unrolled layer of 9,600
/// weights would take the compiler seconds to bind.
/// </summary>
public class PackedLayoutTests
{
    private static string Generate(string unroll, string layers)
    {
        string source = $$"""
            using StaticNet;

            [Network{{unroll}}]
            [Input(4)]
            [Dense(600, Activation.ReLU)]
            {{layers}}
            public partial class Net { }
            """;
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(source));
        return driver.GetRunResult().GeneratedTrees.Single().ToString();
    }

    [Fact]
    public void A_large_looped_layer_is_packed_in_panels()
    {
        string code = Generate("", "[Dense(16)]");
        Assert.Contains("DensePanels.Pack(parameters.Slice(Layer2.WeightOffset, Layer2.WeightCount)", code);
        Assert.Contains("DensePanels.Forward(", code);
        Assert.Contains("DensePanels.ForwardBatch(", code);
    }

    [Fact]
    public void An_unrolled_layer_reads_its_weights_whole_whatever_their_size()
    {
        string code = Generate("(Unroll = 9600)", "[Dense(16)]");
        Assert.Contains("b2[0] + w2[0] * a1_0 + w2[1] * a1_1 + ", code); // the unrolled sums read PyTorch's layout
        Assert.DoesNotContain("w2[0] * a1_0 + w2[16] * a1_1 ", code);
        Assert.DoesNotContain("DensePanels", code);
    }

    [Fact]
    public void A_block_a_tied_decoder_reads_is_kept_whole()
    {
        string code = Generate("", "[Dense(16, Name = \"encoder\")] [Dense(600, TransposeOf = \"encoder\")]");
        Assert.DoesNotContain("DensePanels.Pack", code);
    }
}
