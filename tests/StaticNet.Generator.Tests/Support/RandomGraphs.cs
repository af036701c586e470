using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace StaticNet.Generator.Tests.Support;

/// <summary>Seeded random graph declarations that compile: for gradient checks and tensor-name round trips.</summary>
public static class RandomGraphs
{
    /// <summary>
    /// The activations of hidden layers, read from the runtime enum so a new one is gradient-checked by being declared:
    /// all but softmax, whose outputs sum to 1 (it has tests of its own, and as a head its loss's peephole).
    /// </summary>
    public static readonly string[] HiddenActivations = Enum.GetNames<Activation>().Where(name => name != nameof(Activation.Softmax)).ToArray();

    /// <summary>
    /// A random graph of flat values: dense layers reading any earlier value, sums of values of one size, concatenations,
    /// slices, layers sharing or transposing another's weights, heads on the way; whatever nothing reads becomes a head.
    /// </summary>
    public static (string Name, (Loss Loss, int Size)[] Heads, string Source) Flat(Random random, string name)
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
}
