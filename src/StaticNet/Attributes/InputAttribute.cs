using System;

namespace StaticNet;

/// <summary>
/// The network's input: <c>[Input(n)]</c> for a vector of <c>n</c> values, or
/// <c>[Input(channels, height, width)]</c> for an image stored channel by channel, row by row (CHW).
/// Must be the first layer attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>Declares the input shape.</summary>
    public InputAttribute(params int[] shape) => Shape = shape;

    /// <summary>The input shape: one dimension, or channels, height and width.</summary>
    public int[] Shape { get; }
}
