using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>SiLU, <c>z sigmoid(z)</c> (<c>nn.SiLU</c>); ONNX at opset 17 has no SiLU: <c>Mul(z, Sigmoid(z))</c>.</summary>
internal sealed class SiLUActivation() : KernelActivation(
    ActivationKind.SiLU, kernel: "SiLU", gradientReadsInput: true, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Open("// SiLU: z * sigmoid(z), from ONNX operators (opset 17 has no SiLU); z is the layer's output before it");
        writer.Line("string z = graph.Current;");
        writer.Line("graph.Node(\"Sigmoid\");");
        writer.Line("graph.Node(\"Mul\", new[] { z, graph.Current });");
        writer.Close();
    }
}
