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

    public NetworkFunctions Get(string typeName)
    {
        Type type = assembly.GetType(typeName) ?? throw new InvalidOperationException($"No type {typeName}.");
        return new NetworkFunctions(
            type.Name,
            Constant(type, "ParameterCount"),
            Constant(type, "InputSize"),
            Constant(type, "OutputSize"),
            type.GetMethod("Forward")!.CreateDelegate<ForwardFunction>(),
            type.GetMethod("Backward")!.CreateDelegate<BackwardFunction>());
    }

    private static int Constant(Type type, string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
}
