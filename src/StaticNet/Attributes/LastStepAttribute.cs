using System;

namespace StaticNet;

/// <summary>
/// Keeps the last step of a sequence: a flat vector of its features (PyTorch's <c>output[:, -1, :]</c>), so a
/// recurrent layer's final state can feed dense layers. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class LastStepAttribute : LayerAttribute
{
}
