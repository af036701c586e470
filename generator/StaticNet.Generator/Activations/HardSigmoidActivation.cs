using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>Hard sigmoid, <c>relu6(z + 3) / 6</c> (<c>nn.Hardsigmoid()</c>): ONNX <c>HardSigmoid</c> with alpha 1/6 and beta 1/2.</summary>
internal sealed class HardSigmoidActivation : KernelActivation
{
    public override ActivationKind Kind => ActivationKind.HardSigmoid;

    protected override string Kernel => "HardSigmoid";

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel => null;

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line($"graph.Node(\"HardSigmoid\", {Onnx.Float("alpha", 1f / 6f)}, {Onnx.Float("beta", 0.5f)});");
    }
}
