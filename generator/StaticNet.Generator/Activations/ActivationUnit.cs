using System;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// One activation as the generator writes it: everything the emitters and layers need to know of it, in one file per
/// activation (found through <see cref="ActivationUnits"/>), so adding one is a file of its own and its runtime kernel.
/// Every member is abstract: a new activation states each, and the compiler lists what it has not.
/// A layer's activation is its <see cref="LayerPlan.Activation"/> (the model's equatable enum) and this unit
/// (<see cref="LayerPlan.Unit"/>) the code it writes.
/// </summary>
internal abstract class ActivationUnit
{
    /// <summary>The value of <c>StaticNet.Activation</c> it implements (a test checks the list against the enum).</summary>
    public abstract ActivationKind Kind { get; }

    /// <summary>
    /// Whether the gradient reads the activation's input <c>z</c> (else its output <c>y</c>): which of the two Backward
    /// keeps for it.
    /// </summary>
    public abstract bool GradientReadsInput { get; }

    /// <summary>
    /// Whether one scalar evaluation costs as much as several vector lanes (an exp, a tanh): such layers unroll only up to
    /// a quarter of the limit (<see cref="Planning.NetworkPlanner.CostlyActivationDivisor"/>).
    /// </summary>
    public abstract bool IsCostly { get; }

    /// <summary>Whether the layer's <c>Slope</c> means something for it (LeakyReLU); elsewhere a Slope is warning SN0018.</summary>
    public abstract bool TakesSlope { get; }

    /// <summary>Whether it learns one slope per feature or channel (PReLU), stored after the layer's biases.</summary>
    public abstract bool LearnsSlopes { get; }

    /// <summary>
    /// How the weights feeding it start: He normal for the negative slope returned (0 for ReLU), or null for Xavier
    /// uniform, PyTorch's <c>calculate_gain</c> reasoning: rectifiers halve the variance, others keep it.
    /// </summary>
    public abstract float? HeSlope(LayerPlan layer);

    /// <summary>
    /// The name of the runtime's register-resident form for <paramref name="layer"/>, where a layer kernel applies it
    /// before its sums leave the registers (<c>DenseKernels.ForwardTransposedTanh</c>, <c>Conv2DKernels.ForwardReLU</c>), or null.
    /// </summary>
    public abstract string? FusedKernel(LayerPlan layer);

    /// <summary>
    /// Where <paramref name="layer"/> computes it in another form at inference than in training, that form for its code
    /// comment (<c>tanh as a rational function within 5.4 ulp at inference</c>), else null.
    /// </summary>
    public abstract string? InferenceForm(LayerPlan layer);

    /// <summary>How the summary and comments add it to a layer's description: <c>, Tanh</c>, <c>, LeakyReLU 0.1</c>; "" for the identity.</summary>
    public abstract string Describe(float slope);

    /// <summary>
    /// Writes the activation of an unrolled layer's sums, the expressions <paramref name="sum"/>(i): for each output i, a
    /// statement <c>{target(i)} = ...;</c> (<paramref name="target"/> a declaration such as <c>float a2_0</c>, or an
    /// output element). With <paramref name="keepSums"/> the sums are also left in locals <c>z{n}_i</c>, for a backward
    /// pass that reads them.
    /// </summary>
    public abstract void WriteUnrolled(CodeWriter code, LayerPlan layer, int count, Func<int, string> sum, Func<int, string> target, bool keepSums);

    /// <summary>
    /// The activation of a whole vector of sums, <paramref name="vector"/> of type <paramref name="vectorType"/>
    /// (<c>global::System.Runtime.Intrinsics.Vector256</c>), lane by lane with the bits of the scalar form, where that is
    /// one cheap operation; null to apply the scalar form to each lane once out of the vector.
    /// </summary>
    public abstract string? ApplyVector(LayerPlan layer, string vector, string vectorType);

    /// <summary>A statement applying it from span <paramref name="source"/> into <paramref name="destination"/> (they may be the same); "" where nothing is to do.</summary>
    public abstract string ApplySpan(LayerPlan layer, string source, string destination);

    /// <summary>
    /// Writes <c>float g{f}_j</c> = dLoss/d(the sums of <paramref name="layer"/> f) for each of its <paramref name="count"/>
    /// outputs, from dLoss/d(output j) = <paramref name="upstream"/>(j) and <paramref name="source"/> (its sums or outputs, as
    /// <see cref="GradientReadsInput"/> says). A unit with learned parameters adds their gradients too.
    /// </summary>
    public abstract void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count);

    /// <summary>
    /// A statement turning span <paramref name="gradient"/> from dLoss/dy into dLoss/dz in place, reading
    /// <paramref name="source"/> (z or y as <see cref="GradientReadsInput"/> says); "" for the identity.
    /// </summary>
    public abstract string GradientSpan(LayerPlan layer, string source, string gradient);

    /// <summary>
    /// Writes the activation from <paramref name="source"/> into <paramref name="destination"/>, spans holding one sample or,
    /// when <paramref name="batch"/>, whole samples one after another (softmax runs per sample, elementwise ones over all).
    /// </summary>
    public abstract void WriteSpans(CodeWriter code, LayerPlan layer, string source, string destination, bool batch);

    /// <summary>Writes <see cref="GradientSpan"/> over one sample's spans or, when <paramref name="batch"/>, a batch's.</summary>
    public abstract void WriteGradientSpans(CodeWriter code, LayerPlan layer, string source, string gradient, bool batch);

    /// <summary>Writes the ONNX nodes that apply it to the current value of the generated <c>graph</c> (nothing for the identity).</summary>
    public abstract void WriteOnnx(CodeWriter writer, LayerPlan layer);

    /// <summary>
    /// Whether layers on sequences apply it to every step: an elementwise function without learned parameters (softmax
    /// spans a whole step and PReLU's slopes are per feature, SN0056 until they are built).
    /// </summary>
    public bool TakesSequences => this is ElementwiseActivation && !LearnsSlopes;

    protected const string Activations = RuntimeCalls.Activations;
}
