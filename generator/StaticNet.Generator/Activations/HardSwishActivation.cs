using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hard swish, <c>z relu6(z + 3) / 6</c> (<c>nn.Hardswish()</c>): ONNX <c>HardSwish</c> (opset 14).</summary>
internal sealed class HardSwishActivation() : KernelActivation(
    ActivationKind.HardSwish, kernel: "HardSwish", gradientReadsInput: true, isCostly: false, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"HardSwish\");");
    }
}
