using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using StaticNet.TestSupport;
using StaticNet.Training;

namespace StaticNet.Tests.Networks;

/// <summary>
/// The networks the batch, ONNX, thread-count and allocation tests run, by name, as network objects: every class of
/// this test project that the generator made a network object of (it implements <see cref="INetwork"/> and has the
/// generated seed constructor), found by reflection, so a network joins those tests by being declared.
/// </summary>
public static class BatchNetworks
{
    private static readonly Dictionary<string, Type> Types = Discover();

    /// <summary>Networks without dropout or batch normalisation: their batch step is exactly the mean of per-sample steps.</summary>
    public static readonly string[] Deterministic = Types.Keys.Where(name => !HasDropout(name) && !HasState(name)).Order(StringComparer.Ordinal).ToArray();

    public static readonly string[] WithDropout = Types.Keys.Where(HasDropout).Order(StringComparer.Ordinal).ToArray();

    public static readonly string[] WithBatchNorm = Types.Keys.Where(name => !HasDropout(name) && HasState(name)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every network object, by name.</summary>
    public static readonly string[] All = [.. Deterministic, .. WithDropout, .. WithBatchNorm];

    public static INetwork Create(string name, int seed) =>
        Types.TryGetValue(name, out Type? type) ? (INetwork)Activator.CreateInstance(type, seed)! : throw new ArgumentException("Unknown network " + name, nameof(name));

    /// <summary>A network's generated class, for tests that call its static members.</summary>
    public static Type TypeOf(string name) => Types[name];

    /// <summary>The network's generated <c>TensorSlots</c>: its tensors as PyTorch's <c>state_dict</c> names and lays them out.</summary>
    public static IReadOnlyList<StaticNet.Storage.TensorSlot> TensorSlots(string name) =>
        (IReadOnlyList<StaticNet.Storage.TensorSlot>)Types[name].GetProperty("TensorSlots", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    /// <summary>The network's generated <c>MultiplyAccumulateCount</c>: multiply-adds for one sample's forward pass.</summary>
    public static long MultiplyAccumulates(string name) => (long)Types[name].GetField("MultiplyAccumulateCount")!.GetRawConstantValue()!;

    /// <summary>The generated static Forward and Backward of a network without state, as delegates.</summary>
    public static NetworkFunctions StaticFunctions(string name)
    {
        Type type = Types[name];
        Type read = typeof(ReadOnlySpan<float>);
        Type write = typeof(Span<float>);
        return new NetworkFunctions(
            name, Constant(type, "ParameterCount"), Constant(type, "InputSize"), Constant(type, "OutputSize"),
            type.GetMethod("Forward", BindingFlags.Public | BindingFlags.Static, [read, read, write])!.CreateDelegate<ForwardFunction>(),
            type.GetMethod("Backward", BindingFlags.Public | BindingFlags.Static, [read, read, read, write, write])!.CreateDelegate<BackwardFunction>());
    }

    /// <summary>Gives batch-norm networks running statistics far from their start, with a few training steps on shifted data.</summary>
    public static void MoveRunningStatistics(INetwork network, Random data)
    {
        if (network.State.Length == 0)
        {
            return;
        }

        const int batch = 8;
        var random = new SeededRandom(1);
        for (int step = 0; step < 5; step++)
        {
            float[] inputs = RandomData.Uniform(data, batch * network.InputSize, 2.0).Select(v => v + 0.5f).ToArray();
            network.BackwardBatch(inputs, Targets(data, network, batch), new float[network.Parameters.Length], [], ref random);
        }
    }

    /// <summary>Random targets for <paramref name="batch"/> samples, each head's part suited to its loss.</summary>
    public static float[] Targets(Random random, INetwork network, int batch) =>
        Enumerable.Range(0, batch).SelectMany(_ => RandomData.Target(random, network.Heads)).ToArray();

    /// <summary>Dropout networks' static <c>BackwardBatch</c> takes the random generator that draws the masks.</summary>
    private static bool HasDropout(string name) => Types[name].GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Any(method => method.Name == "BackwardBatch" && method.GetParameters().Any(parameter => parameter.ParameterType == typeof(SeededRandom).MakeByRefType()));

    private static bool HasState(string name) => Constant(Types[name], "StateCount") > 0;

    private static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;

    private static Dictionary<string, Type> Discover()
    {
        var types = new Dictionary<string, Type>(StringComparer.Ordinal);
        // The amp sample's networks too (the NAM file formats' WaveNets and LSTMs): real models' shapes.
        foreach (Type type in new[] { typeof(BatchNetworks).Assembly, typeof(AmpModel.A1StandardAmp).Assembly }.SelectMany(assembly => assembly.GetTypes())
            .Where(type => typeof(INetwork).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor([typeof(int)]) is not null))
        {
            // Theory data names networks by class name: two classes of one name would make a test ambiguous.
            if (!types.TryAdd(type.Name, type))
            {
                throw new InvalidOperationException($"Two test networks are named {type.Name}: {types[type.Name].FullName} and {type.FullName}.");
            }
        }

        return types;
    }
}
