using System;

namespace StaticNet;

/// <summary>
/// Reinterprets a CHW volume as a flat vector in channel, row, column order (PyTorch's
/// <c>nn.Flatten</c>). It has no parameters and costs nothing at run time.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class FlattenAttribute : LayerAttribute
{
}
