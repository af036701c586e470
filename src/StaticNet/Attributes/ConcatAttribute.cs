using System;

namespace StaticNet;

/// <summary>
/// Two or more earlier layers side by side: flat values one after another, or CHW volumes of one height and width
/// stacked along channels (PyTorch's <c>torch.cat</c> on dimension 1). It has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ConcatAttribute : Attribute
{
    /// <summary>Declares a concatenation of earlier layers.</summary>
    /// <param name="layers">The names of the layers (or <c>"input"</c>) to join, in order: two or more.</param>
    public ConcatAttribute(params string[] layers) => Layers = layers;

    /// <summary>The names of the layers joined, in order.</summary>
    public string[] Layers { get; }

    /// <summary>Names the layer, unique in the network.</summary>
    public string? Name { get; set; }
}
