using System;

namespace StaticNet;

/// <summary>
/// Averages each channel of a CHW volume over its whole height and width, giving a flat vector of one
/// value per channel (PyTorch's <c>AdaptiveAvgPool2d(1)</c> followed by <c>Flatten</c>; Keras's
/// <c>GlobalAveragePooling2D</c>). No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class GlobalAveragePool2DAttribute : LayerAttribute
{
}
