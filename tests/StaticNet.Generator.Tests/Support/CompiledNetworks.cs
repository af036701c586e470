using System;
using System.IO;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Generator.Tests.Support;

/// <summary>Loads networks compiled in a test and exposes them as <see cref="NetworkFunctions"/>.</summary>
public sealed class CompiledNetworks
{
    private readonly Assembly assembly;

    private CompiledNetworks(Assembly assembly) => this.assembly = assembly;

    public static CompiledNetworks Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        EmitResult emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return new CompiledNetworks(Assembly.Load(stream.ToArray()));
    }

    public NetworkFunctions Get(string typeName) =>
        TryGet(typeName, out NetworkFunctions? network) ? network! : throw new InvalidOperationException($"No network type {typeName}.");

    /// <summary>The network of that type (nested types use '+'), or false if the type has no generated Forward.</summary>
    public bool TryGet(string typeName, out NetworkFunctions? network)
    {
        network = null;
        Type? type = assembly.GetType(typeName) ?? assembly.GetType(NestedName(typeName));
        if (type?.GetMethod("Forward") is null)
        {
            return false;
        }

        network = new NetworkFunctions(
            type.Name,
            Constant(type, "ParameterCount"),
            Constant(type, "InputSize"),
            Constant(type, "OutputSize"),
            type.GetMethod("Forward")!.CreateDelegate<ForwardFunction>(),
            type.GetMethod("Backward", [typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(ReadOnlySpan<float>), typeof(Span<float>), typeof(Span<float>)])!
                .CreateDelegate<BackwardFunction>());
        return true;
    }

    /// <summary>"Ns.Outer.Inner" as reflection spells a nested type: "Ns.Outer+Inner".</summary>
    private static string NestedName(string typeName)
    {
        int last = typeName.LastIndexOf('.');
        return last < 0 ? typeName : typeName[..last] + "+" + typeName[(last + 1)..];
    }

    private static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
}
