using System;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Activations;

/// <summary>
/// An elementwise activation without parameters whose runtime kernels are <c>Activations.{Kernel}</c> (a scalar and a
/// span form) and <c>Activations.{Kernel}Gradient</c>: the scalar, span and gradient code are written the same way for
/// all of them.
/// </summary>
internal abstract class KernelActivation : ElementwiseActivation
{
    /// <summary>The runtime kernels' name in <c>StaticNet.Runtime.Activations</c>.</summary>
    protected abstract string Kernel { get; }

    public sealed override bool TakesSlope => false;

    public sealed override bool LearnsSlopes => false;

    public sealed override string Describe(float slope) => $", {Kind}";

    public sealed override string Apply(LayerPlan layer, string z, int index) => $"{Activations}.{Kernel}({z})";

    public sealed override string ApplySpan(LayerPlan layer, string source, string destination) => $"{Activations}.{Kernel}({source}, {destination});";

    public sealed override string Gradient(LayerPlan layer, string source, string gradient, int index) => $"{Activations}.{Kernel}Gradient({source}, {gradient})";

    public sealed override void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count) =>
        base.WriteUnrolledGradient(code, layer, source, upstream, count);

    public sealed override string GradientSpan(LayerPlan layer, string source, string gradient) =>
        $"{Activations}.{Kernel}Gradient({source}, {gradient}, {gradient});";
}
