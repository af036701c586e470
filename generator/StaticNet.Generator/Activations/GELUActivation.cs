using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>GELU, exact (<c>nn.GELU()</c>): <c>z/2 (1 + erf(z/sqrt 2))</c>, as ONNX nodes (opset 17 has no Gelu).</summary>
internal sealed class GELUActivation() : KernelActivation(
    ActivationKind.GELU, kernel: "GELU", gradientReadsInput: true, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Open("// GELU: z/2 (1 + erf(z/√2)), from ONNX operators (opset 17 has no Gelu); z is the layer's output before it");
        writer.Line("string z = graph.Current;");
        writer.Line($"graph.Node(\"Div\", new[] {{ z, graph.Constant(\"sqrt2\", {RuntimeCalls.Float((float)System.Math.Sqrt(2))}) }});");
        writer.Line("graph.Node(\"Erf\");");
        writer.Line("graph.Node(\"Add\", new[] { graph.Current, graph.Constant(\"one\", 1f) });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, z });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, graph.Constant(\"half\", 0.5f) });");
        writer.Close();
    }
}
