using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Softplus, beta 1, threshold 20 (<c>nn.Softplus()</c>); ONNX's Softplus has no threshold, but past 20 the two differ by less than float resolves.</summary>
internal sealed class SoftplusActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.Softplus;

    protected override string Kernel => "Softplus";

    public override bool GradientReadsInput => true;

    public override bool IsCostly => true;

    public override float? HeSlope(LayerPlan layer) => 0f;

    public override string? FusedKernel => null;

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Softplus\");");
    }
}
