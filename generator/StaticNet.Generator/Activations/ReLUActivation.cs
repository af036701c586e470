using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary><c>max(0, z)</c>; PyTorch's gradient at 0 is 0.</summary>
internal sealed class ReLUActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.ReLU;

    protected override string Kernel => "ReLU";

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override float? HeSlope(LayerPlan layer) => 0f;

    public override string? FusedKernel => "ReLU";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Relu\");");
    }
}
