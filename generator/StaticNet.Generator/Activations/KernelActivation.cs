using System;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// An elementwise activation without parameters whose runtime kernels are <c>Activations.{kernel}</c> (a scalar and a
/// span form) and <c>Activations.{kernel}Gradient</c>: the scalar, span and gradient code are written the same way for
/// all of them, so such a unit states its facts to the constructor (every one required) and writes its ONNX.
/// </summary>
/// <param name="kind">The activation.</param>
/// <param name="kernel">The runtime kernels' name in <c>StaticNet.Runtime.Activations</c>.</param>
/// <param name="gradientReadsInput">See <see cref="ActivationUnit.GradientReadsInput"/>.</param>
/// <param name="isCostly">See <see cref="ActivationUnit.IsCostly"/>.</param>
/// <param name="heInitialized">Whether the weights before it start He normal (slope 0), else Xavier uniform.</param>
/// <param name="fusedKernel">See <see cref="ActivationUnit.FusedKernel"/>.</param>
/// <param name="inferenceKernel">
/// The kernels' name at inference (<see cref="LayerPlan.AtInference"/>), scalar, span and fused alike, where a faster form
/// than training's exists; null for the same kernels in every pass.
/// </param>
/// <param name="inferenceForm">What the inference kernels compute, for the layer comments (see <see cref="ActivationUnit.InferenceForm"/>).</param>
internal abstract class KernelActivation(
    ActivationKind kind, string kernel, bool gradientReadsInput, bool isCostly, bool heInitialized, string? fusedKernel,
    string? inferenceKernel = null, string? inferenceForm = null)
    : ElementwiseActivation
{
    public sealed override ActivationKind Kind => kind;

    public sealed override bool GradientReadsInput => gradientReadsInput;

    public sealed override bool IsCostly => isCostly;

    public sealed override float? HeSlope(LayerPlan layer) => heInitialized ? 0f : null;

    public sealed override string? FusedKernel(LayerPlan layer) => fusedKernel is null ? null : KernelFor(layer, fusedKernel);

    public sealed override string? InferenceForm(LayerPlan layer) => layer.AtInference ? inferenceForm : null;

    /// <summary>None by default: an exp or a tanh per lane is its own kernel, not an expression.</summary>
    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) => null;

    public sealed override bool TakesSlope => false;

    public sealed override bool LearnsSlopes => false;

    public sealed override string Describe(float slope) => $", {Kind}";

    public sealed override string Apply(LayerPlan layer, string z, int index) => $"{Activations}.{KernelFor(layer, kernel)}({z})";

    public sealed override string ApplySpan(LayerPlan layer, string source, string destination) =>
        $"{Activations}.{KernelFor(layer, kernel)}({source}, {destination});";

    public sealed override string Gradient(LayerPlan layer, string source, string gradient, int index) => $"{Activations}.{kernel}Gradient({source}, {gradient})";

    public sealed override void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count) =>
        base.WriteUnrolledGradient(code, layer, source, upstream, count);

    public sealed override string GradientSpan(LayerPlan layer, string source, string gradient) =>
        $"{Activations}.{kernel}Gradient({source}, {gradient}, {gradient});";

    /// <summary>The inference form's name where the layer computes at inference and one exists, else <paramref name="trainingName"/>.</summary>
    private string KernelFor(LayerPlan layer, string trainingName) => layer.AtInference && inferenceKernel is not null ? inferenceKernel : trainingName;
}
