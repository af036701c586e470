using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.Storage;

/// <summary>
/// Tensor names as a contract (API.md "Tensor names"): a layer's Name names its tensors in chains and graphs, dotted
/// names mirror nested modules, a network's own export imports back bit for bit, files in PyTorch's names import by
/// name, and a file whose order is a guess is refused with the name map to pass, never permuted.
/// </summary>
public class TensorNameTests
{
    [Fact]
    public void Named_layers_name_their_tensors_in_graphs_and_chains()
    {
        Assert.Equal(["trunk.weight", "trunk.bias", "cls.weight", "cls.bias", "odd.weight", "odd.bias"], NamedHeadsNet.TensorSlots.Select(s => s.Name));
        Assert.Equal(
            ["t.weight", "t.bias", "layer2.weight", "layer2.bias", "layer3.weight", "layer3.bias", "u.weight", "u.bias"],
            SameShapeGraphNet.TensorSlots.Select(s => s.Name));
        Assert.Equal(
            ["gru.weight_ih_l0", "gru.weight_hh_l0", "gru.bias_ih_l0", "gru.bias_hh_l0", "fc.weight", "fc.bias"],
            GruThenFcNet.TensorSlots.Select(s => s.Name));
        Assert.Equal(
            ["trunk.0.weight", "trunk.0.bias", "trunk.2.weight", "trunk.2.bias", "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"],
            NestedTrunkNet.TensorSlots.Select(s => s.Name));

        // An activation layer is one module (nn.PReLU's slopes are its "weight"), named or at its nn.Sequential index.
        Assert.Equal(["0.weight", "0.bias", "act.weight", "6.weight", "6.bias"], ConvActivateNet.TensorSlots.Select(s => s.Name));
        Assert.Equal(["8.weight", "9.weight", "9.bias"], LoopedActivationsNet.TensorSlots.Skip(8).Select(s => s.Name));

        // Unnamed chain layers keep their nn.Sequential index, activations counting as modules; a fused PReLU is the next one.
        Assert.Equal(
            ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "5.weight", "6.weight", "6.bias"],
            SameShapeChainNet.TensorSlots.Select(s => s.Name));
    }

    public static TheoryData<string> Graphs => [nameof(NamedHeadsNet), nameof(SameShapeGraphNet), nameof(GruThenFcNet), nameof(NestedTrunkNet), nameof(SameShapeChainNet)];

    [Theory]
    [MemberData(nameof(Graphs))]
    public void A_networks_own_export_imports_back_bit_for_bit(string network)
    {
        (IReadOnlyList<TensorSlot> slots, int count) = Describe(network);
        float[] parameters = RandomData.Uniform(new Random(network.Length), count, 1.0);
        using var stream = new MemoryStream();
        SafeTensors.Export(stream, slots, parameters, ReadOnlySpan<float>.Empty);
        var imported = new float[count];

        stream.Position = 0;
        Import(network, stream, imported);

        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Fact]
    public void The_issue_graphs_export_and_import_through_their_generated_members()
    {
        float[] parameters = RandomData.Uniform(new Random(29), NamedHeadsNet.ParameterCount, 1.0);
        using var stream = new MemoryStream();
        NamedHeadsNet.ExportSafetensors(stream, parameters);
        var imported = new float[NamedHeadsNet.ParameterCount];
        stream.Position = 0;
        NamedHeadsNet.ImportSafetensors(stream, imported);
        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));

        parameters = RandomData.Uniform(new Random(30), SameShapeGraphNet.ParameterCount, 1.0);
        stream.SetLength(0);
        SameShapeGraphNet.ExportSafetensors(stream, parameters);
        imported = new float[SameShapeGraphNet.ParameterCount];
        stream.Position = 0;
        SameShapeGraphNet.ImportSafetensors(stream, imported);
        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Theory]
    [InlineData(nameof(GruThenFcNet))]
    [InlineData(nameof(NestedTrunkNet))]
    public void Files_in_PyTorch_module_names_import_by_name_without_a_map(string network)
    {
        // safetensors' save_file writes tensors sorted by name: fc before gru, fc1 before trunk.0.
        (IReadOnlyList<TensorSlot> slots, int count) = Describe(network);
        float[] parameters = RandomData.Uniform(new Random(3), count, 1.0);
        byte[] file = Write(slots.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), parameters);
        var imported = new float[count];

        Import(network, new MemoryStream(file), imported);

        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Fact]
    public void Names_that_do_not_fix_the_order_of_tensors_of_one_shape_are_refused_with_the_map_to_pass()
    {
        // A PyTorch module with fc1, fc2, fc3 and head: their order in the file is the alphabet's, not the model's.
        IReadOnlyList<TensorSlot> slots = SameShapeChainNet.TensorSlots;
        string[] pytorchNames = ["fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias", "fc3.act.weight", "head.weight", "head.bias"];
        float[] parameters = RandomData.Uniform(new Random(4), SameShapeChainNet.ParameterCount, 1.0);
        byte[] file = Write(Renamed(slots, pytorchNames), parameters);
        float[] imported = Enumerable.Repeat(42f, SameShapeChainNet.ParameterCount).ToArray();

        var error = Assert.Throws<WeightFileException>(() => SameShapeChainNet.ImportSafetensors(new MemoryStream(file), imported, source: "fc.safetensors"));

        Assert.Contains("could trade places", error.Message);
        Assert.Contains("fc.safetensors", error.Message);
        Assert.Contains("[\"0.weight\"] = \"", error.Message);
        Assert.Contains("[\"6.bias\"] = \"", error.Message);
        Assert.All(imported, value => Assert.Equal(42f, value));

        var map = slots.Select((slot, i) => (slot.Name, pytorchNames[i])).ToDictionary(p => p.Item1, p => p.Item2);
        SameShapeChainNet.ImportSafetensors(new MemoryStream(file), imported, map);
        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Fact]
    public void The_printed_map_is_code_that_imports_when_the_order_was_right()
    {
        IReadOnlyList<TensorSlot> slots = SameShapeGraphNet.TensorSlots;
        string[] names = ["a.weight", "a.bias", "b.weight", "b.bias", "c.weight", "c.bias", "d.weight", "d.bias"];
        float[] parameters = RandomData.Uniform(new Random(5), SameShapeGraphNet.ParameterCount, 1.0);
        byte[] file = Write(Renamed(slots, names), parameters);

        var error = Assert.Throws<WeightFileException>(() => SameShapeGraphNet.ImportSafetensors(new MemoryStream(file), new float[48]));
        Dictionary<string, string> printed = NameMapLines(error.Message);

        Assert.Equal(slots.Select(s => s.Name), printed.Keys);
        var imported = new float[48];
        SameShapeGraphNet.ImportSafetensors(new MemoryStream(file), imported, printed);
        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Fact]
    public void Numbered_modules_fix_the_order_so_a_renumbered_sequential_imports_by_order()
    {
        // nn.Sequential(Linear, ReLU, Dropout, Linear, ReLU, Dropout, Linear, PReLU, Linear) inside self.layers: indices
        // 0, 3, 6, 7, 8 are not the network's 0, 2, 4, 5, 6, but numbers say the order.
        IReadOnlyList<TensorSlot> slots = SameShapeChainNet.TensorSlots;
        string[] names = ["layers.0.weight", "layers.0.bias", "layers.3.weight", "layers.3.bias", "layers.6.weight", "layers.6.bias", "layers.7.weight", "layers.10.weight", "layers.10.bias"];
        float[] parameters = RandomData.Uniform(new Random(6), SameShapeChainNet.ParameterCount, 1.0);
        var imported = new float[SameShapeChainNet.ParameterCount];

        SameShapeChainNet.ImportSafetensors(new MemoryStream(Write(Renamed(slots, names).OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), parameters)), imported);

        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(imported));
    }

    [Fact]
    public void A_shape_mismatch_after_matching_by_order_says_that_names_or_a_map_are_the_cure()
    {
        // gru.* and fc.* under other names: "dense" sorts before "rnn", so the order puts the linear layer first.
        IReadOnlyList<TensorSlot> slots = GruThenFcNet.TensorSlots;
        string[] names = ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0", "dense.weight", "dense.bias"];
        byte[] file = Write(Renamed(slots, names), new float[GruThenFcNet.ParameterCount]);

        var error = Assert.Throws<WeightFileException>(() => GruThenFcNet.ImportSafetensors(new MemoryStream(file), new float[GruThenFcNet.ParameterCount]));

        Assert.Contains("tensor 'dense.weight' has shape [1, 8], but layer 1's input weights (gru.weight_ih_l0) must have shape [24, 2]", error.Message);
        Assert.Contains("matched by order", error.Message);
        Assert.Contains("Name = \"fc\"", error.Message);
        Assert.Contains("[\"gru.weight_ih_l0\"] = \"dense.weight\",", error.Message);
    }

    [Fact]
    public void A_file_with_some_of_the_network_names_missing_or_extra_names_the_tensor()
    {
        IReadOnlyList<TensorSlot> slots = NestedTrunkNet.TensorSlots;
        float[] parameters = new float[NestedTrunkNet.ParameterCount];

        byte[] missing = Write(slots.Where(s => s.Name != "fc2.bias").ToList(), parameters);
        Assert.Contains("there is no tensor 'fc2.bias' for layer 4's biases",
            Assert.Throws<WeightFileException>(() => NestedTrunkNet.ImportSafetensors(new MemoryStream(missing), parameters)).Message);

        var extra = slots.Append(new TensorSlot("fc3.weight", 5, "weights", [1], isState: false, offset: 0)).ToList();
        Assert.Contains("tensor 'fc3.weight' has no place in the network",
            Assert.Throws<WeightFileException>(() => NestedTrunkNet.ImportSafetensors(new MemoryStream(Write(extra, parameters)), parameters)).Message);
    }

    public static TheoryData<string> EveryNetwork => new(BatchNetworks.All);

    /// <summary>
    /// Every network of the test project: its tensor names are unique, its tensors cover its parameters and state exactly
    /// once each, and its safetensors export, written in PyTorch's sorted order, imports back bit for bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryNetwork))]
    public void Every_network_lays_out_its_tensors_once_each_and_round_trips_them(string name)
    {
        INetwork network = BatchNetworks.Create(name, seed: 3);
        IReadOnlyList<TensorSlot> slots = BatchNetworks.TensorSlots(name);
        Assert.Equal(slots.Count, slots.Select(s => s.Name).Distinct().Count());
        foreach ((bool isState, int count) in new[] { (false, network.Parameters.Length), (true, network.State.Length) })
        {
            var covered = new int[count];
            foreach (TensorSlot slot in slots.Where(s => s.IsState == isState))
            {
                for (int i = slot.Offset; i < slot.Offset + slot.Count; i++)
                {
                    covered[i]++;
                }
            }

            Assert.All(covered, times => Assert.Equal(1, times));
        }

        float[] parameters = RandomData.Uniform(new Random(name.Length), network.Parameters.Length, 1.0);
        float[] state = RandomData.Uniform(new Random(name.Length + 1), network.State.Length, 1.0);
        byte[] file = Write(slots.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), parameters, state);
        var importedParameters = new float[parameters.Length];
        var importedState = new float[state.Length];
        SafeTensors.Import(new MemoryStream(file), name, slots, importedParameters, importedState);
        Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(importedParameters));
        Assert.Equal(FloatBits.Of(state), FloatBits.Of(importedState));
    }

    /// <summary>The lines <c>["slot"] = "file",</c> of a refusal, as a user would paste them.</summary>
    private static Dictionary<string, string> NameMapLines(string message) =>
        message.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith("[\"", StringComparison.Ordinal) && line.EndsWith("\",", StringComparison.Ordinal))
            .Select(line => line.TrimEnd(',').Split(" = "))
            .ToDictionary(parts => parts[0][2..^2], parts => parts[1][1..^1]);

    private static List<TensorSlot> Renamed(IReadOnlyList<TensorSlot> slots, string[] names) =>
        slots.Select((slot, i) => new TensorSlot(names[i], slot.Layer, slot.Role, slot.Shape, slot.IsState, slot.Offset)).ToList();

    private static byte[] Write(IReadOnlyList<TensorSlot> slots, float[] parameters, float[]? state = null)
    {
        using var stream = new MemoryStream();
        SafeTensors.Export(stream, slots, parameters, state ?? ReadOnlySpan<float>.Empty);
        return stream.ToArray();
    }

    private static (IReadOnlyList<TensorSlot> Slots, int Count) Describe(string network) => network switch
    {
        nameof(NamedHeadsNet) => (NamedHeadsNet.TensorSlots, NamedHeadsNet.ParameterCount),
        nameof(SameShapeGraphNet) => (SameShapeGraphNet.TensorSlots, SameShapeGraphNet.ParameterCount),
        nameof(GruThenFcNet) => (GruThenFcNet.TensorSlots, GruThenFcNet.ParameterCount),
        nameof(NestedTrunkNet) => (NestedTrunkNet.TensorSlots, NestedTrunkNet.ParameterCount),
        nameof(SameShapeChainNet) => (SameShapeChainNet.TensorSlots, SameShapeChainNet.ParameterCount),
        _ => throw new ArgumentException(network),
    };

    private static void Import(string network, Stream stream, float[] parameters)
    {
        switch (network)
        {
            case nameof(NamedHeadsNet): NamedHeadsNet.ImportSafetensors(stream, parameters); break;
            case nameof(SameShapeGraphNet): SameShapeGraphNet.ImportSafetensors(stream, parameters); break;
            case nameof(GruThenFcNet): GruThenFcNet.ImportSafetensors(stream, parameters); break;
            case nameof(NestedTrunkNet): NestedTrunkNet.ImportSafetensors(stream, parameters); break;
            case nameof(SameShapeChainNet): SameShapeChainNet.ImportSafetensors(stream, parameters); break;
            default: throw new ArgumentException(network);
        }
    }
}
