using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hard sigmoid, <c>relu6(z + 3) / 6</c> (<c>nn.Hardsigmoid()</c>): ONNX <c>HardSigmoid</c> with alpha 1/6 and beta 1/2.</summary>
internal sealed class HardSigmoidActivation() : KernelActivation(
    ActivationKind.HardSigmoid, kernel: "HardSigmoid", gradientReadsInput: true, isCostly: false, heInitialized: false, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line($"graph.Node(\"HardSigmoid\", {Onnx.Float("alpha", 1f / 6f)}, {Onnx.Float("beta", 0.5f)});");
    }
}
