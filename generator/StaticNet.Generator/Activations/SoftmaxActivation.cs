using System;
using System.Text;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// Softmax over the layer's whole output: not elementwise, so it writes its own unrolled code (the sums in locals, the
/// largest subtracted so no exp overflows) and applies its Jacobian backward, <c>g = y (d - y·d)</c>. Before a
/// cross-entropy loss the generator takes the documented peephole instead (<see cref="LossCode"/>): the loss and its
/// gradient straight from the sums, <c>p - t</c>.
/// </summary>
internal sealed class SoftmaxActivation : ActivationUnit
{
    private const string MathF = "global::System.MathF";

    public override ActivationKind Kind => ActivationKind.Softmax;

    public override bool GradientReadsInput => false;

    public override bool IsCostly => false;

    public override bool TakesSlope => false;

    public override bool LearnsSlopes => false;

    public override float? HeSlope(LayerPlan layer) => null;

    public override string? FusedKernel(LayerPlan layer) => null;

    public override string? InferenceForm(LayerPlan layer) => null;

    public override string Describe(float slope) => ", Softmax";

    /// <summary>
    /// The sums in locals <c>z{n}_i</c> (kept or not, softmax reads them all), then the exp of each minus the largest,
    /// divided by their total; two outputs need only one exp. A NaN sum makes every output NaN, as in the span form.
    /// </summary>
    public override void WriteUnrolled(CodeWriter code, LayerPlan layer, int count, Func<int, string> sum, Func<int, string> target, bool keepSums)
    {
        int n = layer.Number;
        for (int i = 0; i < count; i++)
        {
            RuntimeCalls.Statement(code, $"float z{n}_{i} = {sum(i)};");
        }

        switch (count)
        {
            case 1:
                code.Line($"// Softmax of one value: 1 (z - z keeps a NaN).");
                code.Line($"{target(0)} = (z{n}_0 - z{n}_0) + 1f;");
                return;
            case 2:
                code.Line($"// Softmax of two values with one exp: 1 / (1 + e) for the larger, e / (1 + e) for the other, e = exp(-|z0 - z1|).");
                code.Line($"float e{n} = {MathF}.Exp(-{MathF}.Abs(z{n}_0 - z{n}_1));");
                code.Line($"float p{n} = 1f / (1f + e{n});");
                code.Line($"bool firstLarger{n} = z{n}_0 >= z{n}_1;");
                code.Line($"{target(0)} = firstLarger{n} ? p{n} : e{n} * p{n};");
                code.Line($"{target(1)} = firstLarger{n} ? e{n} * p{n} : p{n};");
                return;
        }

        code.Line("// Softmax: exp of each sum minus the largest, so none overflows, then divided by their total.");
        code.Line($"float max{n} = z{n}_0;");
        for (int i = 1; i < count; i++)
        {
            code.Line($"max{n} = {MathF}.Max(max{n}, z{n}_{i});");
        }

        var total = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            code.Line($"float e{n}_{i} = {MathF}.Exp(z{n}_{i} - max{n});");
            total.Append(i == 0 ? "" : " + ").Append($"e{n}_{i}");
        }

        code.Line($"float inverse{n} = 1f / ({total});");
        for (int i = 0; i < count; i++)
        {
            code.Line($"{target(i)} = e{n}_{i} * inverse{n};");
        }
    }

    /// <summary>Spans the outputs together: its lanes go through the unrolled softmax.</summary>
    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) => null;

    public override string ApplySpan(LayerPlan layer, string source, string destination) => $"{Activations}.Softmax({source}, {destination});";

    /// <summary>Softmax mixes every output, so its Jacobian takes one dot product first: <c>g_j = y_j (d_j - sum_k d_k y_k)</c>.</summary>
    public override void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count)
    {
        int f = layer.Number;
        var dot = new StringBuilder();
        for (int j = 0; j < count; j++)
        {
            RuntimeCalls.Statement(code, $"float d{f}_{j} = {upstream(j)};");
            dot.Append(j == 0 ? "" : " + ").Append($"d{f}_{j} * {source.Element(j)}");
        }

        code.Line($"// Through softmax: g = y (d - y·d), its Jacobian applied.");
        code.Line($"float dot{f} = {dot};");
        for (int j = 0; j < count; j++)
        {
            code.Line($"float g{f}_{j} = {source.Element(j)} * (d{f}_{j} - dot{f});");
        }
    }

    public override string GradientSpan(LayerPlan layer, string source, string gradient) => $"{Activations}.SoftmaxGradient({source}, {gradient}, {gradient});";

    /// <summary>Per sample: softmax spans one sample's values, never two samples'.</summary>
    public override void WriteSpans(CodeWriter code, LayerPlan layer, string source, string destination, bool batch)
    {
        if (!batch)
        {
            code.Line(ApplySpan(layer, source, destination));
            return;
        }

        int size = (int)layer.OutputShape.Size;
        LayerCalls.EachSample(code, size, size, source, destination, (z, y) => code.Line(ApplySpan(layer, z, y)));
    }

    /// <summary>Softmax's Jacobian mixes one sample's values, never two samples'.</summary>
    public override void WriteGradientSpans(CodeWriter code, LayerPlan layer, string source, string gradient, bool batch)
    {
        if (!batch)
        {
            code.Line(GradientSpan(layer, source, gradient));
            return;
        }

        int size = (int)layer.OutputShape.Size;
        LayerCalls.EachSample(code, size, size, source, gradient, (y, g) => code.Line(GradientSpan(layer, y, g)));
    }

    /// <summary>ONNX's Softmax takes one axis; over an image's every value it runs on the value flattened, then shaped back.</summary>
    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        if (layer.OutputShape.IsFlat)
        {
            writer.Line($"graph.Node(\"Softmax\", {Onnx.Int("axis", 1)});");
            return;
        }

        Planning.Shape shape = layer.OutputShape;
        writer.Line($"graph.Node(\"Flatten\", {Onnx.Int("axis", 1)});");
        writer.Line($"graph.Node(\"Softmax\", {Onnx.Int("axis", 1)});");
        writer.Line($"graph.Node(\"Reshape\", new[] {{ graph.Current, graph.Int64Constant(\"shape\", -1, {shape.Channels}, {shape.Height}, {shape.Width}) }});");
    }
}
