using System.Collections.Generic;
using System.Linq;
using StaticNet.Storage;

namespace StaticNet.Audio;

/// <summary>
/// Checks that a network is declared as a <c>.nam</c> model needs, before anything is written: one input feature per
/// step, every tensor of the file's model under its name and shape and no other, and the same layers, geometry,
/// activations and wiring (the network's <see cref="INetwork.Architecture"/> against the one the file's declaration
/// has). A failure names the file's part and the network's.
/// </summary>
internal static class NamNetworkCheck
{
    public static void Check(NamLayout layout, INetwork network, string source, string declared, string summary)
    {
        string hint = $" ({source} is {summary}; NamModel.Declaration prints the declaration it needs)";
        SampleShape input = network.InputShape;
        if (!input.IsSequence || input.Features != 1)
        {
            throw new WeightFileException(source, $"{declared} takes {Describe(input)}, but an amp model takes a sequence of one-channel samples, [Input(steps, 1)]{hint}");
        }

        Dictionary<string, TensorSlot> slots = network.TensorSlots.ToDictionary(slot => slot.Name);
        var expected = new HashSet<string>();
        foreach (NamTensor tensor in layout.Layers.SelectMany(layer => layer.Tensors))
        {
            expected.Add(tensor.Name);
            if (!slots.TryGetValue(tensor.Name, out TensorSlot? slot))
            {
                throw new WeightFileException(source, $"the file's {tensor.What}, `{tensor.Name}` {TensorSlot.FormatShape(tensor.Shape)}, have no tensor of that name in {declared}{hint}");
            }

            if (!slot.Shape.SequenceEqual(tensor.Shape))
            {
                throw new WeightFileException(source, $"the file's {tensor.What}, `{tensor.Name}`, are {TensorSlot.FormatShape(tensor.Shape)}, {declared}'s are {slot.ShapeText}{hint}");
            }
        }

        TensorSlot? extra = network.TensorSlots.FirstOrDefault(slot => !expected.Contains(slot.Name));
        if (extra is not null)
        {
            throw new WeightFileException(source, $"{declared} has `{extra.Name}` {extra.ShapeText}, which the file's model does not{hint}");
        }

        // The input's shape was checked above; the rest is one entry per layer.
        string[] wanted = Architecture(layout, input.Steps);
        string[] actual = network.Architecture.Split(' ').Skip(2).ToArray();
        for (int i = 0; i < System.Math.Max(wanted.Length, actual.Length); i++)
        {
            string? file = i < wanted.Length ? wanted[i] : null;
            string? mine = i < actual.Length ? actual[i] : null;
            if (file != mine)
            {
                string layer = i < layout.Layers.Length ? $"layer {i + 1} (`{layout.Layers[i].Name}`)" : $"layer {i + 1}";
                throw new WeightFileException(source, $"{layer} differs: the file's model has `{file ?? "nothing"}`, {declared} declares `{mine ?? "nothing"}`{hint}");
            }
        }
    }

    /// <summary>The layers' entries of the network's <c>Architecture</c> text as the file's declaration generates it.</summary>
    private static string[] Architecture(NamLayout layout, int steps)
    {
        var tokens = new string[layout.Layers.Length];
        for (int number = 1; number <= tokens.Length; number++)
        {
            NamLayer layer = layout.Layers[number - 1];
            string sources = layer.Sources.Length == 1 && layer.Sources[0] == number - 1 ? "" : "<-" + string.Join(",", layer.Sources);
            tokens[number - 1] = $"{layer.Description.Replace(" ", "")}({steps},{layer.Features}){sources}";
        }

        return tokens;
    }

    private static string Describe(SampleShape shape) =>
        shape.IsSequence ? $"sequences of {shape.Features} features" : shape.IsImage ? $"images of {shape.Channels}x{shape.Height}x{shape.Width}" : $"flat vectors of {shape.Size}";
}
