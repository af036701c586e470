using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// Loads networks compiled in a test and exposes them as <see cref="NetworkFunctions"/>. A network with
/// batch normalisation is bound to a state span of fresh running statistics (<c>InitializeState</c>).
/// </summary>
public sealed class CompiledNetworks
{
    private delegate void StatefulForward(ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, ReadOnlySpan<float> input, Span<float> output);

    private delegate float StatefulBackward(
        ReadOnlySpan<float> parameters, ReadOnlySpan<float> state, ReadOnlySpan<float> input, ReadOnlySpan<float> target,
        Span<float> parameterGradients, Span<float> inputGradients);

    private delegate void StateInitializer(Span<float> state);

    private CompiledNetworks(Assembly assembly) => Assembly = assembly;

    /// <summary>The emitted assembly, for tests that call other members of it.</summary>
    public Assembly Assembly { get; }

    public static CompiledNetworks Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return new CompiledNetworks(Assembly.Load(stream.ToArray()));
    }

    /// <summary>
    /// Emits and loads <paramref name="compilation"/>, which must compile without a warning: the emit's own diagnostics
    /// are the compilation's, so the code is bound once rather than once to check and once to compile.
    /// </summary>
    public static CompiledNetworks LoadWithoutWarnings(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Diagnostic[] problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        Assert.True(emitted.Success && problems.Length == 0, string.Join("\n", problems));
        return new CompiledNetworks(Assembly.Load(stream.ToArray()));
    }

    public NetworkFunctions Get(string typeName) =>
        TryGet(typeName, out NetworkFunctions? network) ? network! : throw new InvalidOperationException($"No network type {typeName}.");

    /// <summary>The network of that type (nested types use '+'), or false if the type has no generated Forward.</summary>
    public bool TryGet(string typeName, out NetworkFunctions? network)
    {
        network = null;
        Type? type = Assembly.GetType(typeName) ?? Assembly.GetType(NestedName(typeName));
        if (type?.GetMethod("Forward") is null)
        {
            return false;
        }

        int stateCount = Constant(type, "StateCount");
        (ForwardFunction forward, BackwardFunction backward) = stateCount == 0 ? Stateless(type) : Stateful(type, stateCount);
        network = new NetworkFunctions(
            type.Name, Constant(type, "ParameterCount"), Constant(type, "InputSize"), Constant(type, "OutputSize"), forward, backward)
        {
            ForwardThroughPacked = stateCount == 0 ? ThroughPacked(type) : null,
        };
        return true;
    }

    private delegate void PackFunction(ReadOnlySpan<float> parameters, Span<float> packed);

    private static ForwardFunction? ThroughPacked(Type type)
    {
        if (type.GetMethod("PackParameters") is not { } packMethod || type.GetMethod("ForwardPacked") is not { } forwardMethod)
        {
            return null;
        }

        var pack = packMethod.CreateDelegate<PackFunction>();
        var forwardPacked = forwardMethod.CreateDelegate<ForwardFunction>();
        return (parameters, input, output) =>
        {
            var packed = new float[parameters.Length];
            pack(parameters, packed);
            forwardPacked(packed, input, output);
        };
    }

    private static (ForwardFunction, BackwardFunction) Stateless(Type type) => (
        type.GetMethod("Forward")!.CreateDelegate<ForwardFunction>(),
        type.GetMethod("Backward", [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(Span<float>)])!
            .CreateDelegate<BackwardFunction>());

    private static (ForwardFunction, BackwardFunction) Stateful(Type type, int stateCount)
    {
        var state = new float[stateCount];
        type.GetMethod("InitializeState")!.CreateDelegate<StateInitializer>()(state);
        var forward = type.GetMethod("Forward")!.CreateDelegate<StatefulForward>();
        var backward = type.GetMethod(
            "Backward",
            [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(Span<float>)])!
            .CreateDelegate<StatefulBackward>();
        return (
            (parameters, input, output) => forward(parameters, state, input, output),
            (parameters, input, target, parameterGradients, inputGradients) => backward(parameters, state, input, target, parameterGradients, inputGradients));
    }

    /// <summary>"Ns.Outer.Inner" as reflection spells a nested type: "Ns.Outer+Inner".</summary>
    private static string NestedName(string typeName)
    {
        int last = typeName.LastIndexOf('.');
        return last < 0 ? typeName : typeName[..last] + "+" + typeName[(last + 1)..];
    }

    private static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
}
