using System;

namespace StaticNet;

/// <summary>
/// Marks a partial class as a network. Its layers are the layer attributes on the class, in source
/// order, starting with <see cref="InputAttribute"/>. The StaticNet generator adds the network's
/// constants and its <c>Forward</c> and <c>Backward</c> methods to the class.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss <c>Backward</c> computes. Default: <see cref="StaticNet.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;
}
