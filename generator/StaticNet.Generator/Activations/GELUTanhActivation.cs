using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>GELU's tanh approximation (<c>nn.GELU(approximate="tanh")</c>): <c>z/2 (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))</c>, as ONNX nodes.</summary>
internal sealed class GELUTanhActivation() : KernelActivation(
    ActivationKind.GELUTanh, kernel: "GELUTanh", gradientReadsInput: true, isCostly: true, heInitialized: true, fusedKernel: null)
{
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Open("// GELU, tanh form: z/2 (1 + tanh(√(2/π) (z + 0.044715 z³))), from ONNX operators; z is the layer's output before it");
        writer.Line("string z = graph.Current;");
        writer.Line("graph.Node(\"Mul\", new[] { z, z });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, z });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, graph.Constant(\"cubic\", 0.044715f) });");
        writer.Line("graph.Node(\"Add\", new[] { graph.Current, z });");
        writer.Line($"graph.Node(\"Mul\", new[] {{ graph.Current, graph.Constant(\"scale\", {RuntimeCalls.Float((float)System.Math.Sqrt(2 / System.Math.PI))}) }});");
        writer.Line("graph.Node(\"Tanh\");");
        writer.Line("graph.Node(\"Add\", new[] { graph.Current, graph.Constant(\"one\", 1f) });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, z });");
        writer.Line("graph.Node(\"Mul\", new[] { graph.Current, graph.Constant(\"half\", 0.5f) });");
        writer.Close();
    }
}
