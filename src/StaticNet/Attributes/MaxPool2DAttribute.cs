using System;

namespace StaticNet;

/// <summary>Max pooling over square windows of <c>size</c>, stride <c>size</c>, rounding down.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute : LayerAttribute
{
    /// <summary>Declares a max pooling layer.</summary>
    public MaxPool2DAttribute(int size) => Size = size;

    /// <summary>The window's height and width, which is also the stride.</summary>
    public int Size { get; }
}
