using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>The logistic function; its gradient from its output, <c>y (1 - y)</c>.</summary>
internal sealed class SigmoidActivation() : KernelActivation(
    ActivationKind.Sigmoid, kernel: "Sigmoid", gradientReadsInput: false, isCostly: true, heInitialized: false, fusedKernel: "Sigmoid")
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Sigmoid\");");
    }
}
