using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>ELU, alpha 1 (<c>nn.ELU</c>); its gradient from its output, <c>y + 1</c> below 0.</summary>
internal sealed class ELUActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.ELU;

    protected override string Kernel => "ELU";

    public override bool GradientReadsInput => false;

    public override bool IsCostly => true;

    public override float? HeSlope(LayerPlan layer) => 0f;

    public override string? FusedKernel => null;

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line($"graph.Node(\"Elu\", {Onnx.Float("alpha", 1f)});");
    }
}
