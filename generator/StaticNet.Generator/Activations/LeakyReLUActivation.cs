using System.Globalization;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>LeakyReLU: <c>z</c> above 0, <c>Slope * z</c> otherwise (the layer's <c>Slope</c>, 0.01 by default).</summary>
internal sealed class LeakyReLUActivation : ElementwiseActivation
{
    public override ActivationKind Kind => ActivationKind.LeakyReLU;

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override bool TakesSlope => true;

    public override bool LearnsSlopes => false;

    public override float? HeSlope(LayerPlan layer) => layer.Slope;

    public override string? FusedKernel(LayerPlan layer) => null;

    public override string? InferenceForm(LayerPlan layer) => null;

    public override string Describe(float slope) => $", LeakyReLU {slope.ToString("R", CultureInfo.InvariantCulture)}";

    public override string Apply(LayerPlan layer, string z, int index) => $"{Activations}.LeakyReLU({z}, {RuntimeCalls.Float(layer.Slope)})";

    public override string Gradient(LayerPlan layer, string source, string gradient, int index) =>
        $"{Activations}.LeakyReLUGradient({source}, {RuntimeCalls.Float(layer.Slope)}, {gradient})";

    /// <summary><c>z &gt; 0 ? z : z * slope</c> lane by lane (<paramref name="vector"/> is a variable: it is read three times).</summary>
    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) =>
        $"{vectorType}.ConditionalSelect({vectorType}.GreaterThan({vector}, {vectorType}<float>.Zero), {vector}, {vector} * {RuntimeCalls.Float(layer.Slope)})";

    public override string ApplySpan(LayerPlan layer, string source, string destination) =>
        $"{Activations}.LeakyReLU({source}, {RuntimeCalls.Float(layer.Slope)}, {destination});";

    public override string GradientSpan(LayerPlan layer, string source, string gradient) =>
        $"{Activations}.LeakyReLUGradient({source}, {RuntimeCalls.Float(layer.Slope)}, {gradient}, {gradient});";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer) =>
        writer.Line($"graph.Node(\"LeakyRelu\", {Onnx.Float("alpha", layer.Slope)});");
}
