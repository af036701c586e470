using System;
using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// One small snapshot per layer kind: the blocks of Forward, Backward, ForwardBatch and BackwardBatch that a layer of
/// that kind writes, so a change to one kind's code shows in one short file (Snapshots/Layers/KIND.verified.cs).
/// </summary>
public class LayerSnapshotTests
{
    /// <summary>Each kind in a small network, and which layer of it to show.</summary>
    public static TheoryData<string, string, int> Kinds => new()
    {
        { "DenseUnrolled", "[Input(3)] [Dense(2, Activation.Tanh)] [Dense(1)]", 1 },
        { "DenseLooped", "[Input(24)] [Dense(16, Activation.ReLU)] [Dense(1)]", 1 },
        { "DenseNoBias", "[Input(3)] [Dense(2, Activation.ReLU, Bias = false)] [Dense(1)]", 1 },
        { "DenseOutputSoftmax", "[Network(Loss = Loss.CrossEntropy)] [Input(2)] [Dense(3, Activation.Softmax)]", 1 },
        { "DenseHiddenSoftmax", "[Input(2)] [Dense(3, Activation.Softmax)] [Dense(1)]", 1 },
        { "DenseElu", "[Input(2)] [Dense(3, Activation.ELU)] [Dense(1)]", 1 },
        { "DensePReLU", "[Input(2)] [Dense(3, Activation.PReLU)] [Dense(1)]", 1 },
        { "Conv2DPReLU", "[Input(1, 4, 4)] [Conv2D(2, 3, Activation.PReLU)] [Flatten] [Dense(1)]", 1 },
        { "Conv2D", "[Input(2, 5, 5)] [Conv2D(3, 3, Activation.ReLU, Padding = 1)] [Flatten] [Dense(1)]", 1 },
        { "Conv2DNoBias", "[Input(2, 5, 5)] [Conv2D(3, 3, Bias = false)] [BatchNorm(Activation.ReLU)] [Flatten] [Dense(1)]", 1 },
        { "MaxPool2D", "[Input(2, 4, 4)] [Conv2D(2, 1)] [MaxPool2D(2)] [Flatten] [Dense(1)]", 2 },
        { "AvgPool2D", "[Input(2, 4, 4)] [Conv2D(2, 1)] [AvgPool2D(2)] [Flatten] [Dense(1)]", 2 },
        { "GlobalAveragePool2D", "[Input(2, 4, 4)] [Conv2D(2, 1)] [GlobalAveragePool2D] [Dense(1)]", 2 },
        { "Flatten", "[Input(2, 2, 2)] [Conv2D(2, 1)] [Flatten] [Dense(1)]", 2 },
        { "Dropout", "[Input(4)] [Dense(4, Activation.ReLU)] [Dropout(0.5f)] [Dense(1)]", 2 },
        { "BatchNorm", "[Input(4)] [Dense(3)] [BatchNorm(Activation.ReLU)] [Dense(1)]", 2 },
        { "Gru", "[Input(4, 2)] [Gru(3)] [LastStep] [Dense(1)]", 1 },
        { "Lstm", "[Input(4, 2)] [Lstm(3)] [LastStep] [Dense(1)]", 1 },
        { "LastStep", "[Input(4, 2)] [Gru(3)] [LastStep] [Dense(1)]", 2 },
        { "DenseEachStep", "[Input(4, 2)] [Dense(3, Activation.Tanh)] [Gru(2)] [LastStep] [Dense(1)]", 1 },
        { "Conv1DCausal", "[Input(5, 2)] [Conv1D(3, 2, Activation.ReLU, Causal = true, Dilation = 2)] [LastStep] [Dense(1)]", 1 },
        { "Conv1DStrided", "[Input(6, 2)] [Conv1D(3, 3, Stride = 2, Padding = 1)] [Flatten] [Dense(1)]", 1 },
        { "Add", "[Input(3)] [Dense(3, Name = \"a\")] [Dense(3, Activation.Tanh, Name = \"b\")] [Add(\"a\", \"b\", Activation = Activation.ReLU)] [Dense(1)]", 3 },
        { "Multiply", "[Input(3)] [Dense(3, Activation.Tanh, Name = \"a\")] [Dense(3, Activation.Sigmoid, From = \"input\", Name = \"b\")] [Multiply(\"a\", \"b\")] [Dense(1)]", 3 },
        { "Concat", "[Input(3)] [Dense(2, Name = \"a\")] [Dense(4, From = \"input\", Name = \"b\")] [Concat(\"a\", \"b\")] [Dense(1)]", 3 },
        { "Slice", "[Input(4)] [Dense(5)] [Slice(1, 3)] [Dense(1)]", 2 },
        { "ActivateTanh", "[Input(3)] [Dense(4)] [Activate(Activation.Tanh)] [Dense(1)]", 2 },
        { "ActivatePReLU", "[Input(2, 3, 3)] [Conv2D(2, 1)] [Activate(Activation.PReLU)] [Flatten] [Dense(1)]", 2 },
        { "DenseGELU", "[Input(2)] [Dense(3, Activation.GELU)] [Dense(1)]", 1 },
        { "DenseHardSwishLooped", "[Input(24)] [Dense(16, Activation.HardSwish)] [Dense(1)]", 1 },
    };

    /// <summary>Every layer attribute the generator reads (Input and Output are not layers of their own) has a snapshot.</summary>
    [Fact]
    public void Every_layer_kind_has_a_snapshot()
    {
        string[] kinds = Layers.LayerFactory.LayerAttributes.Select(Parsing.AttributeNames.ShortName).Where(kind => kind is not ("Input" or "Output" or "Use")).ToArray();  // a Use is its block's layers (BlockTests)
        string[] declared = Kinds.Select(row => (string)row[1]).ToArray();

        Assert.All(kinds, kind => Assert.Contains(declared, layers => layers.Contains($"[{kind}", StringComparison.Ordinal)));
    }

    private static readonly string[] Methods = ["Forward", "ForwardPacked", "Step", "StepPacked", "Backward", "BackwardCore", "ForwardBatch", "BackwardBatch", "ToOnnx", "ToOnnxStep"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_layer_kind_writes_its_blocks(string kind, string layers, int layer)
    {
        string attributes = layers.StartsWith("[Network", StringComparison.Ordinal) ? layers : "[Network] " + layers;
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n{attributes}\npublic partial class Net {{ }}\n");
        Assert.Empty(result.CompilationProblems);
        string[] lines = result.Sources.Values.Single().Split('\n');

        var snippet = new List<string> { $"// {kind}: layer {layer} of {attributes}" };
        foreach (string method in Methods)
        {
            string[] blocks = Blocks(lines, method).Where(block => block[0].TrimStart().StartsWith($"// Layer {layer}:", StringComparison.Ordinal)).Select(block => string.Join("\n", block)).ToArray();
            if (blocks.Length > 0)
            {
                snippet.Add("");
                snippet.Add($"// ---- {method} ----");
                snippet.AddRange(blocks.SelectMany(block => new[] { block, "" }).SkipLast(1));
            }
        }

        Assert.True(snippet.Count > 1, $"layer {layer} wrote no block");
        Snapshot.Match($"Layers/{kind}", string.Join("\n", snippet) + "\n");
    }

    /// <summary>The blank-line-separated blocks of the first overload of <paramref name="method"/> that has a body.</summary>
    private static IEnumerable<string[]> Blocks(string[] lines, string method)
    {
        int start = Array.FindIndex(lines, line => line.TrimStart().StartsWith("public static", StringComparison.Ordinal) || line.TrimStart().StartsWith("private static", StringComparison.Ordinal)
            ? line.Contains($" {method}(", StringComparison.Ordinal) && !line.TrimEnd().EndsWith("=>", StringComparison.Ordinal)
            : false);
        if (start < 0)
        {
            yield break;
        }

        string indent = lines[start][..(lines[start].Length - lines[start].TrimStart().Length)];
        var block = new List<string>();
        for (int i = start + 2; i < lines.Length && lines[i] != indent + "}"; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                if (block.Count > 0)
                {
                    yield return block.ToArray();
                }

                block.Clear();
            }
            else
            {
                block.Add(lines[i]);
            }
        }

        if (block.Count > 0)
        {
            yield return block.ToArray();
        }
    }
}
