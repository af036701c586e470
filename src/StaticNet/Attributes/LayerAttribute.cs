using System;

namespace StaticNet;

/// <summary>
/// What every layer attribute that takes one input has: a name that later layers can refer to, and where its input
/// comes from when that is not the layer written above it. Together they declare graphs: skip connections, several
/// heads on one trunk, a layer applied to an earlier value.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public abstract class LayerAttribute : Attribute
{
    /// <summary>Names the layer, unique in the network (<c>"input"</c> names the input), so later layers can refer to it.</summary>
    public string? Name { get; set; }

    /// <summary>The named earlier layer (or <c>"input"</c>) whose output this layer takes, instead of the layer written above it.</summary>
    public string? From { get; set; }
}
