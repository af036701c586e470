using System;

namespace StaticNet;

/// <summary>
/// Adds the layers of a <see cref="BlockAttribute"/> class here, in order: its inputs are the earlier layers named
/// here, its layers are named <c>Name.layer</c> (tensors <c>Name.layer.weight</c>, as a nested module's), and
/// <c>Name</c> alone is the block's last layer, which later layers may read.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class UseAttribute : Attribute
{
    /// <summary>Adds a use of <paramref name="block"/>.</summary>
    /// <param name="block">A class marked <c>[Block]</c>.</param>
    /// <param name="inputs">The earlier layers (or <c>"input"</c>) the block reads, one per name its <c>[Block]</c> lists.</param>
    public UseAttribute(Type block, params string[] inputs)
    {
        Block = block;
        Inputs = inputs;
    }

    /// <summary>The block class.</summary>
    public Type Block { get; }

    /// <summary>The layers the block reads.</summary>
    public string[] Inputs { get; }

    /// <summary>Names this use, unique in the network: its layers are <c>Name.layer</c>. Required.</summary>
    public string? Name { get; set; }

    /// <summary>The block's parameters this use sets, as <c>"Dilation = 4, Channels = 8"</c>; the others keep their fields' values.</summary>
    public string? With { get; set; }
}
