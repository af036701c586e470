using System;

namespace StaticNet;

/// <summary>
/// Marks the layer written directly above it as an output (a head) trained with its <see cref="Loss"/>. A network
/// with heads writes their values one after another in <c>output</c> (and expects its targets so in <c>target</c>),
/// in the order of their <c>[Output]</c> attributes; its per-sample loss is the sum of each head's
/// <see cref="Weight"/> times its loss, and <see cref="NetworkAttribute.Loss"/> is unused.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    /// <summary>Marks the layer above as a head.</summary>
    /// <param name="loss">The head's loss; it must fit the layer's activation as the network's loss does.</param>
    public OutputAttribute(Loss loss) => Loss = loss;

    /// <summary>The head's loss.</summary>
    public Loss Loss { get; }

    /// <summary>The head's share of the network's loss: a finite, non-negative factor. Default 1.</summary>
    public float Weight { get; set; } = 1f;

    /// <summary>Names the head.</summary>
    public string? Name { get; set; }
}
