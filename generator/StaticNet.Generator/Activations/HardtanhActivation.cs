using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hardtanh, <c>z</c> clamped to [-1, 1] (<c>nn.Hardtanh()</c>): ONNX <c>Clip</c>.</summary>
internal sealed class HardtanhActivation() : KernelActivation(
    ActivationKind.Hardtanh, kernel: "Hardtanh", gradientReadsInput: true, isCostly: false, heInitialized: false, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Clip\", new[] { graph.Current, graph.Constant(\"min\", -1f), graph.Constant(\"max\", 1f) });");
    }
}
