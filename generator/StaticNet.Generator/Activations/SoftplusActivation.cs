using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Softplus, beta 1, threshold 20 (<c>nn.Softplus()</c>); ONNX's Softplus has no threshold, but past 20 the two differ by less than float resolves.</summary>
internal sealed class SoftplusActivation() : KernelActivation(
    ActivationKind.Softplus, kernel: "Softplus", gradientReadsInput: true, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Softplus\");");
    }
}
