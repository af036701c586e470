using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Support;
using StaticNet.Storage;
using StaticNet.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The tensor-name contract as a property (API.md "Tensor names"): random chains, graphs and sequence networks, their
/// layers named at random (plain, dotted as nested modules, or not at all), compiled with the generator. For each, the
/// network's own safetensors export, its weight file, and a file written as PyTorch's safetensors writes a state_dict
/// (sorted by name) give the parameters back bit for bit; a file whose module names are the network's renamed imports
/// bit for bit or is refused, and with the map the refusal asks for, imports bit for bit. Never a permutation.
/// </summary>
public partial class TensorNameRoundTripTests(ITestOutputHelper output)
{
    private delegate void Export(Stream stream, ReadOnlySpan<float> parameters);
    private delegate void Import(Stream stream, Span<float> parameters, IReadOnlyDictionary<string, string>? tensorNames, string source, bool allowNonFinite);
    private delegate void Save(Stream stream, ReadOnlySpan<float> parameters);
    private delegate void Load(Stream stream, Span<float> parameters, string source);
    private delegate void StatefulExport(Stream stream, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state);
    private delegate void StatefulImport(Stream stream, Span<float> parameters, Span<float> state, IReadOnlyDictionary<string, string>? tensorNames, string source, bool allowNonFinite);
    private delegate void StatefulSave(Stream stream, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state);
    private delegate void StatefulLoad(Stream stream, Span<float> parameters, Span<float> state, string source);

    private static readonly string[] Words = ["fc", "gru", "enc", "head", "trunk", "blocks", "mix", "proj", "cls", "out_layer"];

    [Fact]
    public void Random_networks_round_trip_their_parameters_through_every_format_bit_for_bit()
    {
        var random = new Random(2929);
        var declarations = new List<(string Name, string Source)>();
        for (int i = 0; i < 14; i++)
        {
            string name = $"Chain{i}";
            declarations.Add((name, NameLayers(random, RandomDeclarations.WellFormed(random, name))));
        }

        for (int i = 0; i < 10; i++)
        {
            (string name, _, string source) = RandomGraphs.Flat(random, $"Graph{i}");
            declarations.Add((name, RenameGraphValues(random, source)));
        }

        string code = "using StaticNet;\nnamespace Generated;\n" + string.Join("\n", declarations.Select(d => d.Source));
        GeneratorResult result = GeneratorHarness.Run(code);

        // Information (SN0060: a random network over a sequence that does not stream) is no problem here.
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity != DiagnosticSeverity.Info));
        Assembly assembly = CompiledNetworks.Load(result.Output).Assembly;

        int refused = 0;
        int byOrder = 0;
        foreach (((string name, string source), int index) in declarations.Select((d, i) => (d, i)))
        {
            output.WriteLine(source);
            // A declaration may put its attributes on a class wrapped around one of the name (RandomDeclarations' Outer).
            Type type = assembly.GetTypes().Single(t => t.Name.EndsWith(name, StringComparison.Ordinal) && t.GetProperty("TensorSlots") is not null);
            var slots = (IReadOnlyList<TensorSlot>)type.GetProperty("TensorSlots")!.GetValue(null)!;
            Assert.Equal(slots.Count, slots.Select(s => s.Name).Distinct().Count());
            var network = Bind(type);
            var data = new Random(index);
            float[] parameters = RandomData.Uniform(data, network.ParameterCount, 2.0);
            float[] state = RandomData.Uniform(data, network.StateCount, 2.0);

            using var exported = new MemoryStream();
            network.Export(exported, parameters, state);
            network.AssertImports(exported.ToArray(), null, parameters, state, $"{name}: own export");

            using var saved = new MemoryStream();
            network.Save(saved, parameters, state);
            (float[] loadedParameters, float[] loadedState) = network.Load(saved.ToArray());
            Assert.Equal(FloatBits.Of(parameters), FloatBits.Of(loadedParameters));
            Assert.Equal(FloatBits.Of(state), FloatBits.Of(loadedState));

            // PyTorch's safetensors writer sorts the state_dict's tensors by name.
            byte[] pytorch = Write(slots.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), parameters, state);
            network.AssertImports(pytorch, null, parameters, state, $"{name}: PyTorch-ordered file");

            // The same module renamed, as a PyTorch model of other attribute names would be.
            Dictionary<string, string> renamed = RenameModules(data, slots);
            byte[] foreign = Write(slots.Select(s => Renamed(s, renamed[s.Name])).OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), parameters, state);
            try
            {
                network.AssertImports(foreign, null, parameters, state, $"{name}: renamed file by order");
                byOrder++;
            }
            catch (WeightFileException error)
            {
                Assert.True(error.Message.Contains("could trade places", StringComparison.Ordinal)
                    || error.Message.Contains("matched by order", StringComparison.Ordinal), error.Message);
                refused++;
                network.AssertImports(foreign, renamed, parameters, state, $"{name}: renamed file with the map");
            }
        }

        output.WriteLine($"{byOrder} renamed files imported by order, {refused} refused and imported with a map");
        Assert.True(refused > 0 && byOrder > 0, $"{byOrder} by order, {refused} refused: both outcomes should occur");
    }

    /// <summary>Gives some of a declaration's layers a Name: a word, a nested module (<c>trunk.0</c>) or deeper.</summary>
    private static string NameLayers(Random random, string source)
    {
        var used = new HashSet<string>();
        return LayerLine().Replace(source, match =>
        {
            string kind = match.Groups["kind"].Value;
            if (kind is "Network" or "Input" or "Output" || random.Next(3) == 0)
            {
                return match.Value;
            }

            string name = ModuleName(random, used);
            string arguments = match.Groups["arguments"].Value;
            return arguments.Length == 0 ? $"[{kind}(Name = \"{name}\")]" : $"[{kind}({arguments}, Name = \"{name}\")]";
        });
    }

    /// <summary>The flat graph's values v1, v2... and "joined", each under a random module name of its own.</summary>
    private static string RenameGraphValues(Random random, string source)
    {
        var used = new HashSet<string>();
        var names = new Dictionary<string, string>();
        return GraphValue().Replace(source, match =>
        {
            string value = match.Groups["value"].Value;
            if (!names.TryGetValue(value, out string? name))
            {
                names[value] = name = ModuleName(random, used);
            }

            return $"\"{name}\"";
        });
    }

    private static string ModuleName(Random random, HashSet<string> used)
    {
        while (true)
        {
            string word = Words[random.Next(Words.Length)];
            string name = random.Next(3) switch
            {
                0 => word,
                1 => $"{word}.{random.Next(12)}",
                _ => $"{word}.{random.Next(4)}.{Words[random.Next(Words.Length)]}",
            };

            // Distinct names, none a module of another's tensors (trunk beside trunk.weight would be refused: SN0043).
            if (used.Add(name))
            {
                return name;
            }
        }
    }

    /// <summary>Each module of the slots under a new random name: what the file would say, by slot name.</summary>
    private static Dictionary<string, string> RenameModules(Random random, IReadOnlyList<TensorSlot> slots)
    {
        var modules = new Dictionary<string, string>();
        var map = new Dictionary<string, string>();
        foreach (TensorSlot slot in slots)
        {
            int dot = slot.Name.LastIndexOf('.');
            string module = slot.Name[..dot];
            if (!modules.TryGetValue(module, out string? renamed))
            {
                modules[module] = renamed = random.Next(2) == 0 ? $"m{modules.Count}_{random.Next(100)}" : $"net.{modules.Count}x{random.Next(100)}";
            }

            map[slot.Name] = renamed + slot.Name[dot..];
        }

        return map;
    }

    private static TensorSlot Renamed(TensorSlot slot, string name) => new(name, slot.Layer, slot.Role, slot.Shape, slot.IsState, slot.Offset);

    private static byte[] Write(IReadOnlyList<TensorSlot> slots, float[] parameters, float[] state)
    {
        using var stream = new MemoryStream();
        SafeTensors.Export(stream, slots, parameters, state);
        return stream.ToArray();
    }

    private static BoundNetwork Bind(Type type)
    {
        int parameterCount = (int)type.GetField("ParameterCount")!.GetRawConstantValue()!;
        int stateCount = (int)type.GetField("StateCount")!.GetRawConstantValue()!;
        MethodInfo Method(string name, params Type[] types) => type.GetMethod(name, types)
            ?? throw new InvalidOperationException($"{type.Name} has no {name}({string.Join(", ", types.Select(t => t.Name))})");
        Type read = typeof(ReadOnlySpan<float>);
        Type write = typeof(Span<float>);
        Type map = typeof(IReadOnlyDictionary<string, string>);
        if (stateCount == 0)
        {
            var export = Method("ExportSafetensors", typeof(Stream), read).CreateDelegate<Export>();
            var import = Method("ImportSafetensors", typeof(Stream), write, map, typeof(string), typeof(bool)).CreateDelegate<Import>();
            var save = Method("SaveWeights", typeof(Stream), read).CreateDelegate<Save>();
            var load = Method("LoadWeights", typeof(Stream), write, typeof(string)).CreateDelegate<Load>();
            return new BoundNetwork(parameterCount, 0,
                (stream, p, _) => export(stream, p), (stream, p, _, names) => import(stream, p, names, "file", false),
                (stream, p, _) => save(stream, p), (stream, p, _) => load(stream, p, "file"));
        }

        var statefulExport = Method("ExportSafetensors", typeof(Stream), read, read).CreateDelegate<StatefulExport>();
        var statefulImport = Method("ImportSafetensors", typeof(Stream), write, write, map, typeof(string), typeof(bool)).CreateDelegate<StatefulImport>();
        var statefulSave = Method("SaveWeights", typeof(Stream), read, read).CreateDelegate<StatefulSave>();
        var statefulLoad = Method("LoadWeights", typeof(Stream), write, write, typeof(string)).CreateDelegate<StatefulLoad>();
        return new BoundNetwork(parameterCount, stateCount,
            (stream, p, s) => statefulExport(stream, p, s), (stream, p, s, names) => statefulImport(stream, p, s, names, "file", false),
            (stream, p, s) => statefulSave(stream, p, s), (stream, p, s) => statefulLoad(stream, p, s, "file"));
    }

    private sealed record BoundNetwork(
        int ParameterCount, int StateCount,
        Action<Stream, float[], float[]> Export, Action<Stream, float[], float[], IReadOnlyDictionary<string, string>?> ImportInto,
        Action<Stream, float[], float[]> Save, Action<Stream, float[], float[]> LoadInto)
    {
        public (float[] Parameters, float[] State) Load(byte[] file)
        {
            var parameters = new float[ParameterCount];
            var state = new float[StateCount];
            LoadInto(new MemoryStream(file), parameters, state);
            return (parameters, state);
        }

        public void AssertImports(byte[] file, IReadOnlyDictionary<string, string>? names, float[] parameters, float[] state, string what)
        {
            var importedParameters = new float[ParameterCount];
            var importedState = new float[StateCount];
            ImportInto(new MemoryStream(file), importedParameters, importedState, names);
            Assert.True(FloatBits.Of(parameters).SequenceEqual(FloatBits.Of(importedParameters)), $"{what}: parameters differ");
            Assert.True(FloatBits.Of(state).SequenceEqual(FloatBits.Of(importedState)), $"{what}: state differs");
        }
    }

    [GeneratedRegex(@"^\[(?<kind>\w+)(\((?<arguments>.*)\))?\]$", RegexOptions.Multiline)]
    private static partial Regex LayerLine();

    [GeneratedRegex("\"(?<value>v\\d+|joined)\"")]
    private static partial Regex GraphValue();
}
