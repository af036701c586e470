using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// Hyperbolic tangent; its gradient from its output, <c>1 - y^2</c>. Inference computes the rational form
/// (<c>Activations.RationalTanh</c>, within 5.4 ulp, about twice as fast); training the one-ulp form its gradient needs.
/// </summary>
internal sealed class TanhActivation() : KernelActivation(
    ActivationKind.Tanh, kernel: "Tanh", gradientReadsInput: false, isCostly: true, heInitialized: false, fusedKernel: "Tanh",
    inferenceKernel: "RationalTanh", inferenceForm: "tanh as a rational function within 5.4 ulp at inference (training: within one ulp)")
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Tanh\");");
    }
}
