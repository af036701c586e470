using System;

namespace StaticNet;

/// <summary>
/// The elementwise product of two or more earlier layers of one shape: a gate, as in <c>tanh(a) * sigmoid(b)</c> (declare
/// the activations on the operands, or with <c>[Activate]</c>). It has no parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class MultiplyAttribute : Attribute
{
    /// <summary>Declares a product of earlier layers.</summary>
    /// <param name="layers">The names of the layers (or <c>"input"</c>) to multiply: two or more, all of one shape.</param>
    public MultiplyAttribute(params string[] layers) => Layers = layers;

    /// <summary>The names of the layers multiplied.</summary>
    public string[] Layers { get; }

    /// <summary>Names the layer, unique in the network.</summary>
    public string? Name { get; set; }
}
