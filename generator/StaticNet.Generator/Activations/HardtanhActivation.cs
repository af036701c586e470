using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hardtanh, <c>z</c> clamped to [-1, 1] (<c>nn.Hardtanh()</c>): ONNX <c>Clip</c>.</summary>
internal sealed class HardtanhActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.Hardtanh;

    protected override string Kernel => "Hardtanh";

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel => null;

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Clip\", new[] { graph.Current, graph.Constant(\"min\", -1f), graph.Constant(\"max\", 1f) });");
    }
}
