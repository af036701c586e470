using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hard swish, <c>z relu6(z + 3) / 6</c> (<c>nn.Hardswish()</c>): ONNX <c>HardSwish</c> (opset 14).</summary>
internal sealed class HardSwishActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.HardSwish;

    protected override string Kernel => "HardSwish";

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override float? HeSlope(LayerPlan layer) => 0f;

    public override string? FusedKernel => null;

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"HardSwish\");");
    }
}
