using System;

namespace StaticNet;

/// <summary>
/// Declares a reusable block of layers, as composing an <c>nn.Module</c> does: the layer attributes on this class (in
/// order, as on a network) read the block's inputs by the names given here, and each other by <c>Name</c>. A network
/// adds the block with <see cref="UseAttribute"/>, once per use, with its own inputs and name. The class's <c>const int</c>
/// fields are the block's parameters: a layer size written as one of them (<c>Dilation = WaveNetLayer.Dilation</c>)
/// takes, in each use, the value its <c>With</c> sets, else the field's.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class BlockAttribute : Attribute
{
    /// <summary>Declares a block reading <paramref name="inputs"/>.</summary>
    /// <param name="inputs">The names the block's layers read its inputs by (in <c>From</c> and the joins); a block layer without <c>From</c> first in the block reads the first.</param>
    public BlockAttribute(params string[] inputs) => Inputs = inputs;

    /// <summary>The names of the block's inputs, in the order a <see cref="UseAttribute"/> gives them.</summary>
    public string[] Inputs { get; }
}
