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
    private static readonly string[] HiddenActivations = ["Identity", "ReLU", "LeakyReLU", "Sigmoid", "Tanh"];

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
        Assert.Empty(result.GeneratorDiagnostics);
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
            .Select(_ => (random.Next(1, 41), HiddenActivations[random.Next(HiddenActivations.Length)]))
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
        var graphs = Enumerable.Range(0, 12).Select(i => RandomGraph(random, $"Graph{i}")).ToList();

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

    /// <summary>
    /// A random graph of flat values: dense layers reading any earlier value, sums of values of one size, concatenations,
    /// slices, layers sharing or transposing another's weights, heads on the way; whatever nothing reads becomes a head.
    /// </summary>
    private static (string Name, (Loss Loss, int Size)[] Heads, string Source) RandomGraph(Random random, string name)
    {
        int[] sizes = [3, 4, 6, 24];
        var values = new List<(string Name, int Size, bool Dense, int Inputs)> { ("input", sizes[random.Next(sizes.Length)], false, 0) };
        var read = new HashSet<string>();
        var heads = new List<(Loss, int)>();
        var text = new StringBuilder("[Network]\n").Append($"[Input({values[0].Size})]\n");
        string Pick() => values[random.Next(values.Count)].Name;

        int layers = random.Next(3, 8);
        for (int i = 0; i < layers; i++)
        {
            string layer = $"v{i + 1}";
            string activation = HiddenActivations[random.Next(HiddenActivations.Length)];
            (string Name, int Size, bool Dense, int Inputs) from = values[random.Next(values.Count)];
            var sameSize = values.Where(v => v.Size == from.Size).ToList();
            var owners = values.Where(v => v.Dense).ToList();
            int kind = random.Next(7);
            if (kind == 0 && sameSize.Count >= 2)
            {
                string other = sameSize[random.Next(sameSize.Count)].Name;
                text.Append($"[Add(\"{from.Name}\", \"{other}\", Activation = Activation.{activation}, Name = \"{layer}\")]\n");
                read.UnionWith([from.Name, other]);
                values.Add((layer, from.Size, false, 0));
            }
            else if (kind == 1 && values.Count >= 2)
            {
                string other = Pick();
                text.Append($"[Concat(\"{from.Name}\", \"{other}\", Name = \"{layer}\")]\n");
                read.UnionWith([from.Name, other]);
                values.Add((layer, from.Size + values.First(v => v.Name == other).Size, false, 0));
            }
            else if (kind == 2 && from.Size > 1)
            {
                int start = random.Next(from.Size - 1);
                int length = random.Next(1, from.Size - start + 1);
                text.Append($"[Slice({start}, {length}, From = \"{from.Name}\", Name = \"{layer}\")]\n");
                read.Add(from.Name);
                values.Add((layer, length, false, 0));
            }
            else if (kind == 3 && owners.Count > 0 && values.Any(v => v.Size == owners[0].Inputs))
            {
                (string owner, int units, _, int inputs) = owners[random.Next(owners.Count)];
                bool transpose = random.Next(2) == 0;
                int readSize = transpose ? units : inputs;
                var candidates = values.Where(v => v.Size == readSize).ToList();
                if (candidates.Count == 0)
                {
                    i--;
                    continue;
                }

                string source = candidates[random.Next(candidates.Count)].Name;
                int outSize = transpose ? inputs : units;
                text.Append($"[Dense({outSize}, Activation.{activation}, From = \"{source}\", {(transpose ? "TransposeOf" : "Shares")} = \"{owner}\", Name = \"{layer}\")]\n");
                read.Add(source);
                values.Add((layer, outSize, false, 0));
            }
            else
            {
                int units = sizes[random.Next(sizes.Length)];
                string head = random.Next(4) == 0 ? new[] { "Softmax", "Sigmoid" }[random.Next(2)] : activation;
                text.Append($"[Dense({units}, Activation.{head}, From = \"{from.Name}\", Name = \"{layer}\")]\n");
                read.Add(from.Name);
                values.Add((layer, units, true, from.Size));
                if (random.Next(3) == 0 || head is "Softmax" or "Sigmoid")
                {
                    Loss loss = head switch { "Softmax" => Loss.CrossEntropy, "Sigmoid" => Loss.BinaryCrossEntropy, _ => Loss.MeanSquaredError };
                    text.Append($"[Output(Loss.{loss}, Weight = {random.Next(1, 4)}f)]\n");
                    read.Add(layer);
                    heads.Add((loss, units));
                }
            }
        }

        var unread = values.Skip(1).Where(v => !read.Contains(v.Name)).Select(v => v.Name).ToList();
        if (unread.Count > 0 || heads.Count == 0)
        {
            string joined = unread.Count switch
            {
                0 => values[^1].Name,
                1 => unread[0],
                _ => "joined",
            };
            if (unread.Count > 1)
            {
                text.Append($"[Concat({string.Join(", ", unread.Select(u => $"\"{u}\""))}, Name = \"joined\")]\n");
            }

            text.Append($"[Dense(2, Activation.Softmax, From = \"{joined}\")]\n[Output(Loss.CrossEntropy)]\n");
            heads.Add((Loss.CrossEntropy, 2));
        }

        text.Append($"public partial class {name} {{ }}\n");
        return (name, heads.ToArray(), text.ToString());
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
