using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using StaticNet.Generator.Tests.Support;
using StaticNet.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Networks of random shapes, written as source, compiled with the generator, loaded and checked:
/// they compile without a warning and Backward agrees with finite differences of the loss.
/// </summary>
public class RandomNetworkTests(ITestOutputHelper output)
{
    [Fact]
    public void Random_networks_compile_cleanly_and_their_gradients_match_finite_differences()
    {
        var random = new Random(2026);
        var networks = new List<(string Name, string Loss, string Source)>
        {
            // Four hidden layers with every activation, as the core issue asks, looped and unrolled.
            Declare("EveryActivation", 9, [(12, "ReLU"), (25, "LeakyReLU"), (11, "Sigmoid"), (30, "Tanh"), (7, "Identity")], (4, "Softmax"), "MeanSquaredError"),
        };
        for (int i = 0; i < 12; i++)
        {
            networks.Add(RandomDeclaration(random, $"Random{i}"));
        }

        string source = "using StaticNet;\nnamespace Generated;\n" + string.Join("\n", networks.Select(n => n.Source));
        GeneratorResult result = GeneratorHarness.Run(source);

        // Softmax under mean squared error warns (SN0059), but its full Jacobian is a path these gradient checks cover.
        Assert.All(result.GeneratorDiagnostics, d => Assert.Equal("SN0059", d.Id));
        CompiledNetworks compiled = CompiledNetworks.LoadWithoutWarnings(result.Output);
        int packedChecked = 0;
        foreach (((string name, string loss, string declaration), int index) in networks.Select((n, i) => (n, i)))
        {
            output.WriteLine(declaration);
            NetworkFunctions network = compiled.Get("Generated." + name);
            var data = new Random(500 + index);
            float[] parameters = RandomData.Uniform(data, network.ParameterCount, 0.6);
            float[] input = RandomData.Uniform(data, network.InputSize, 1.0);
            float[] target = RandomData.Target(data, Enum.Parse<Loss>(loss), network.OutputSize);

            GradientCheck.Verify(network, parameters, input, target, maxParameters: 300, seed: 1);
            packedChecked += PackedForwardAgrees(network, parameters, input) ? 1 : 0;
        }

        Assert.True(packedChecked > 0, "some random networks should have dense layers, and so ForwardPacked");
    }

    private static (string Name, string Loss, string Source) RandomDeclaration(Random random, string name)
    {
        int inputs = random.Next(1, 25);
        var hidden = Enumerable.Range(0, random.Next(0, 4))
            .Select(_ => (random.Next(1, 41), RandomGraphs.HiddenActivations[random.Next(RandomGraphs.HiddenActivations.Length)]))
            .ToArray();
        string loss = new[] { "MeanSquaredError", "CrossEntropy", "BinaryCrossEntropy" }[random.Next(3)];
        string lastActivation = loss switch
        {
            "CrossEntropy" => "Softmax",
            "BinaryCrossEntropy" => "Sigmoid",
            _ => new[] { "Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "Softmax" }[random.Next(6)],
        };
        return Declare(name, inputs, hidden, (random.Next(loss == "CrossEntropy" ? 2 : 1, 12), lastActivation), loss);
    }

    private static (string Name, string Loss, string Source) Declare(
        string name, int inputs, (int Units, string Activation)[] hidden, (int Units, string Activation) last, string loss)
    {
        var text = new StringBuilder();
        text.Append($"[Network(Loss = Loss.{loss})]\n[Input({inputs})]\n");
        foreach ((int units, string activation) in hidden.Append(last))
        {
            string slope = activation == "LeakyReLU" ? ", Slope = 0.05f" : "";
            text.Append($"[Dense({units}, Activation.{activation}{slope})]\n");
        }

        text.Append($"public partial class {name} {{ }}\n");
        return (name, loss, text.ToString());
    }

    [Fact]
    public void Random_graphs_compile_cleanly_and_their_gradients_match_finite_differences()
    {
        var random = new Random(2027);
        var graphs = Enumerable.Range(0, 12).Select(i => RandomGraphs.Flat(random, $"Graph{i}")).ToList();

        string source = "using StaticNet;\nnamespace Generated;\n" + string.Join("\n", graphs.Select(g => g.Source));
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        CompiledNetworks compiled = CompiledNetworks.LoadWithoutWarnings(result.Output);
        int packedChecked = 0;
        foreach (((string name, (Loss Loss, int Size)[] heads, string declaration), int index) in graphs.Select((g, i) => (g, i)))
        {
            output.WriteLine(declaration);
            NetworkFunctions network = compiled.Get("Generated." + name);
            var data = new Random(700 + index);
            float[] parameters = RandomData.Uniform(data, network.ParameterCount, 0.6);
            float[] input = RandomData.Uniform(data, network.InputSize, 1.0);
            float[] target = heads.SelectMany(head => RandomData.Target(data, head.Loss, head.Size)).ToArray();

            GradientCheck.Verify(network, parameters, input, target, maxParameters: 300, seed: 1);
            packedChecked += PackedForwardAgrees(network, parameters, input) ? 1 : 0;
        }

        Assert.True(packedChecked > 0, "some random networks should have dense layers, and so ForwardPacked");
    }

    /// <summary>ForwardPacked on the packed parameters gives Forward's outputs, for every network that has it.</summary>
    private static bool PackedForwardAgrees(NetworkFunctions network, float[] parameters, float[] input)
    {
        if (network.ForwardThroughPacked is not { } throughPacked)
        {
            return false;
        }

        var expected = new float[network.OutputSize];
        var actual = new float[network.OutputSize];
        network.Forward(parameters, input, expected);
        throughPacked(parameters, input, actual);
        Tolerance.Close(expected, actual, 1e-4, $"{network.Name}: ForwardPacked");
        return true;
    }
}
