using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>ELU, alpha 1 (<c>nn.ELU</c>); its gradient from its output, <c>y + 1</c> below 0.</summary>
internal sealed class ELUActivation() : KernelActivation(
    ActivationKind.ELU, kernel: "ELU", gradientReadsInput: false, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line($"graph.Node(\"Elu\", {Onnx.Float("alpha", 1f)});");
    }
}
