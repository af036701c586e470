using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Mish, <c>z tanh(softplus(z))</c> (<c>nn.Mish()</c>); ONNX's Mish needs opset 18: <c>Mul(z, Tanh(Softplus(z)))</c>.</summary>
internal sealed class MishActivation() : KernelActivation(
    ActivationKind.Mish, kernel: "Mish", gradientReadsInput: true, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Open("// Mish: z * tanh(softplus(z)), from ONNX operators (opset 17 has no Mish); z is the layer's output before it");
        writer.Line("string z = graph.Current;");
        writer.Line("graph.Node(\"Softplus\");");
        writer.Line("graph.Node(\"Tanh\");");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, z });");
        writer.Close();
    }
}
