using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hyperbolic tangent; its gradient from its output, <c>1 - y^2</c>.</summary>
internal sealed class TanhActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.Tanh;

    protected override string Kernel => "Tanh";

    public override bool GradientReadsInput => false;

    public override bool IsCostly => true;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel => "Tanh";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Tanh\");");
    }
}
