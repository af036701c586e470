using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>The logistic function; its gradient from its output, <c>y (1 - y)</c>.</summary>
internal sealed class SigmoidActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.Sigmoid;

    protected override string Kernel => "Sigmoid";

    public override bool GradientReadsInput => false;

    public override bool IsCostly => true;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel => "Sigmoid";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Sigmoid\");");
    }
}
