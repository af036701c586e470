using System;

namespace StaticNet;

/// <summary>
/// An activation as a layer of its own, as <c>nn.Tanh()</c> is a module: the same shape out as in, flat, image or a
/// sequence (each step alike, streamed by <c>Step</c>; softmax and PReLU not yet on sequences). Dense,
/// Conv2D, BatchNorm and Add take an activation argument too, the fused form of the same function; this one applies it
/// to any value, such as a layer's output read through <c>From</c>. No parameters unless the activation is PReLU, whose
/// slopes are its <c>weight</c> tensor, as <c>nn.PReLU</c>'s.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class ActivateAttribute : LayerAttribute
{
    /// <summary>Declares an activation layer.</summary>
    /// <param name="activation">The function applied to each value (Softmax: to the whole value at once).</param>
    public ActivateAttribute(Activation activation) => Activation = activation;

    /// <summary>The function applied.</summary>
    public Activation Activation { get; }

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01.</summary>
    public float Slope { get; set; } = 0.01f;
}
