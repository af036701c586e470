using System;

namespace StaticNet;

/// <summary>
/// The elementwise sum of two or more earlier layers of one shape, then an activation: the join of a residual
/// connection (<c>ReLU(block + shortcut)</c>). It has no parameters unless its activation is PReLU.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class AddAttribute : Attribute
{
    /// <summary>Declares a sum of earlier layers.</summary>
    /// <param name="layers">The names of the layers (or <c>"input"</c>) to add: two or more, all of one shape.</param>
    public AddAttribute(params string[] layers) => Layers = layers;

    /// <summary>The names of the layers added.</summary>
    public string[] Layers { get; }

    /// <summary>The activation applied to the sum. Default Identity.</summary>
    public Activation Activation { get; set; } = Activation.Identity;

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01.</summary>
    public float Slope { get; set; } = 0.01f;

    /// <summary>Names the layer, unique in the network.</summary>
    public string? Name { get; set; }
}
