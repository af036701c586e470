using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary><c>max(0, z)</c>; PyTorch's gradient at 0 is 0.</summary>
internal sealed class ReLUActivation() : KernelActivation(
    ActivationKind.ReLU, kernel: "ReLU", gradientReadsInput: true, isCostly: false, heInitialized: true, fusedKernel: "ReLU")
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Relu\");");
    }
}
