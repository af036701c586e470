using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>No activation: the layer is linear, and a chain's equivalent nn.Sequential has no module for it.</summary>
internal sealed class IdentityActivation : ElementwiseActivation
{
    public override ActivationKind Kind => ActivationKind.Identity;

    public override bool GradientReadsInput => false;

    public override bool IsCostly => false;

    public override bool TakesSlope => false;

    public override bool LearnsSlopes => false;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel(LayerPlan layer) => null;

    public override string? InferenceForm(LayerPlan layer) => null;

    public override string Describe(float slope) => "";

    public override string Apply(LayerPlan layer, string z, int index) => z;

    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) => vector;

    public override string Gradient(LayerPlan layer, string source, string gradient, int index) => gradient;

    public override string ApplySpan(LayerPlan layer, string source, string destination) =>
        source == destination ? "" : $"{source}.CopyTo({destination});";

    public override string GradientSpan(LayerPlan layer, string source, string gradient) => "";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
    }
}
