using System;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// PReLU (<c>nn.PReLU(num_parameters)</c>): <c>z</c> above 0, <c>a * z</c> otherwise, with one learned slope <c>a</c>
/// per feature or channel, stored after the layer's biases (<c>LayerN.SlopeOffset</c>), starting at 0.25.
/// </summary>
internal sealed class PReLUActivation : ElementwiseActivation
{
    public override ActivationKind Kind => ActivationKind.PReLU;

    public override bool GradientReadsInput => true;

    public override bool IsCostly => false;

    public override bool TakesSlope => false;

    public override bool LearnsSlopes => true;

    /// <summary>The slopes' starting value, as the rectifier's gain.</summary>
    public override float? HeSlope(LayerPlan layer) => 0.25f;

    public override string? FusedKernel(LayerPlan layer) => null;

    public override string? InferenceForm(LayerPlan layer) => null;

    public override string Describe(float slope) => ", PReLU";

    public override string Apply(LayerPlan layer, string z, int index) => $"{Activations}.PReLU({z}, {Slope(layer, index)})";

    public override string Gradient(LayerPlan layer, string source, string gradient, int index) =>
        $"{Activations}.PReLUGradient({source}, {Slope(layer, index)}, {gradient})";

    /// <summary>Adds each slope's gradient, then the gradient through the activation.</summary>
    public override void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count)
    {
        int f = layer.Number;
        code.Line($"// Through PReLU: its slopes' gradients added, then g = d where z > 0, slope * d elsewhere.");
        for (int j = 0; j < count; j++)
        {
            RuntimeCalls.Statement(code, $"float d{f}_{j} = {upstream(j)};");
            code.Line($"parameterGradients[Layer{f}.SlopeOffset + {j}] += {Activations}.PReLUSlopeGradient({source.Element(j)}, d{f}_{j});");
            code.Line($"float g{f}_{j} = {Gradient(layer, source.Element(j), $"d{f}_{j}", j)};");
        }
    }

    /// <summary>Its slopes are per output: its lanes go through the scalar form.</summary>
    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) => null;

    public override string ApplySpan(LayerPlan layer, string source, string destination) =>
        $"{Activations}.PReLU({source}, {Slopes(layer)}, {destination}, planeSize: {layer.ActivationPlaneSize});";

    public override string GradientSpan(LayerPlan layer, string source, string gradient) =>
        $"{Activations}.PReLUGradient({source}, {Slopes(layer)}, {gradient}, {gradient}, "
        + $"parameterGradients.Slice(Layer{layer.Number}.SlopeOffset, Layer{layer.Number}.SlopeCount), planeSize: {layer.ActivationPlaneSize});";

    /// <summary>The slopes shaped to broadcast over the value: one per feature, or per channel of an image.</summary>
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer) =>
        writer.Line($"graph.Node(\"PRelu\", new[] {{ graph.Current, graph.PerChannel(\"prelu\", {Slopes(layer)}) }});");

    private static string Slopes(LayerPlan layer) => LayerCalls.Slopes(layer.Number);

    /// <summary>The slope of output <paramref name="index"/> of a flat PReLU layer.</summary>
    private static string Slope(LayerPlan layer, int index) => $"parameters[Layer{layer.Number}.SlopeOffset + {index}]";
}
