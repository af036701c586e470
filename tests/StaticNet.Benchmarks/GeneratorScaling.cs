using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

namespace StaticNet.Benchmarks;

/// <summary>
/// The generator in a project of 1, 10 or 100 networks of realistic size (the shapes of N1 to N4 in turn, each in
/// its own file): a full run, what a command-line build pays, and a run after editing one network, what an editor
/// pays per keystroke in that file. Run with: run.sh '*GeneratorScaling*'.
/// </summary>
public class GeneratorScaling
{
    private static readonly string[] Shapes =
    [
        "[Network(Loss = Loss.CrossEntropy)] [Input(4)] [Dense(6, Activation.ReLU)] [Dense(2, Activation.Softmax)]",
        "[Network(Loss = Loss.CrossEntropy)] [Input(784)] [Dense(128, Activation.ReLU)] [Dense(64, Activation.ReLU)] [Dense(10, Activation.Softmax)]",
        "[Network] [Input(16)] [Dense(32, Activation.Tanh)] [Dense(32, Activation.Tanh)] [Dense(1)]",
        "[Network(Loss = Loss.CrossEntropy)] [Input(1, 28, 28)] [Conv2D(8, 3, Activation.ReLU)] [MaxPool2D(2)] [Flatten] [Dense(10, Activation.Softmax)]",
    ];

    private CSharpCompilation compilation = null!;
    private CSharpCompilation edited = null!;
    private GeneratorDriver warm = null!;

    [Params(1, 10, 100)]
    public int Networks { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SyntaxTree[] trees = Enumerable.Range(0, Networks).Select(i => Parse(i, Shapes[i % Shapes.Length])).ToArray();
        compilation = UserCompilation.Create("Scaling", trees);
        edited = compilation.ReplaceSyntaxTree(trees[0], Parse(0, Shapes[0].Replace("[Dense(6,", "[Dense(7,")));
        warm = CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(compilation);
        int generated = warm.GetRunResult().GeneratedTrees.Length;
        if (generated != Networks)
        {
            throw new InvalidOperationException($"Expected {Networks} generated files, got {generated}.");
        }
    }

    [Benchmark(Description = "full run")]
    public GeneratorDriver FullRun() => CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(compilation);

    [Benchmark(Description = "one network edited")]
    public GeneratorDriver EditOne() => warm.RunGenerators(edited);

    private static SyntaxTree Parse(int index, string attributes) =>
        CSharpSyntaxTree.ParseText($"using StaticNet;\nnamespace Scaling;\n{attributes}\npublic partial class Net{index} {{ }}\n", path: $"Net{index}.cs");
}
