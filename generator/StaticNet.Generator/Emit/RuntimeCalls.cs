using System.Globalization;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// How generated code calls the runtime library: always fully qualified, so no name in the user's
/// class or namespace can capture a call.
/// </summary>
internal static class RuntimeCalls
{
    public const string Activations = "global::StaticNet.Runtime.Activations";
    public const string DenseKernels = "global::StaticNet.Runtime.DenseKernels";
    public const string GraphKernels = "global::StaticNet.Runtime.GraphKernels";
    public const string LossFunctions = "global::StaticNet.Runtime.LossFunctions";
    public const string SampleSplit = "global::StaticNet.Runtime.SampleSplit";
    public const string SpanGuard = "global::StaticNet.Runtime.SpanGuard";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";

    /// <summary>
    /// A C# expression for exactly <paramref name="value"/>: the shortest literal that reads back to the same bits
    /// (nine significant digits where the host's "R" falls short, as .NET Framework's can), keeping -0's sign.
    /// </summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(value))
        {
            return value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (!SameBits(float.Parse(text, CultureInfo.InvariantCulture), value))
        {
            text = value.ToString("G9", CultureInfo.InvariantCulture);
        }

        if (value == 0 && !SameBits(value, 0f))
        {
            text = "-0";
        }

        return text + "f";
    }

    private static bool SameBits(float a, float b) => System.BitConverter.DoubleToInt64Bits(a) == System.BitConverter.DoubleToInt64Bits(b);

    /// <summary>The activation of <paramref name="layer"/> applied to a scalar expression, output <paramref name="index"/> of its layer.</summary>
    public static string Activate(LayerPlan layer, string expression, int index) => layer.Activation switch
    {
        ActivationKind.ReLU => $"{Activations}.ReLU({expression})",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLU({expression}, {Float(layer.Slope)})",
        ActivationKind.PReLU => $"{Activations}.PReLU({expression}, {Slope(layer, index)})",
        ActivationKind.Sigmoid => $"{Activations}.Sigmoid({expression})",
        ActivationKind.Tanh => $"{Activations}.Tanh({expression})",
        ActivationKind.ELU => $"{Activations}.ELU({expression})",
        _ => expression,
    };

    /// <summary>The activation of <paramref name="layer"/> from one span into another (or the same); empty for Identity in place.</summary>
    public static string ActivateSpan(LayerPlan layer, string source, string destination) => layer.Activation switch
    {
        ActivationKind.Identity when source == destination => "",
        ActivationKind.Identity => $"{source}.CopyTo({destination});",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLU({source}, {Float(layer.Slope)}, {destination});",
        ActivationKind.PReLU => $"{Activations}.PReLU({source}, {Slopes(layer)}, {destination}, planeSize: {layer.ActivationPlaneSize});",
        _ => $"{Activations}.{layer.Activation}({source}, {destination});",
    };

    /// <summary>Whether the activation's gradient is computed from its input z (else from its output).</summary>
    public static bool GradientNeedsInput(ActivationKind activation) =>
        activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.PReLU;

    /// <summary>
    /// dLoss/dz from dLoss/dy for output <paramref name="index"/>: <paramref name="source"/> is z or y as
    /// <see cref="GradientNeedsInput"/> says. (A PReLU's slope gradient is a statement of its own: see <see cref="UnrolledGradient"/>.)
    /// </summary>
    private static string Gradient(LayerPlan layer, string source, string gradient, int index) => layer.Activation switch
    {
        ActivationKind.ReLU => $"{Activations}.ReLUGradient({source}, {gradient})",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLUGradient({source}, {Float(layer.Slope)}, {gradient})",
        ActivationKind.PReLU => $"{Activations}.PReLUGradient({source}, {Slope(layer, index)}, {gradient})",
        ActivationKind.Sigmoid => $"{Activations}.SigmoidGradient({source}, {gradient})",
        ActivationKind.Tanh => $"{Activations}.TanhGradient({source}, {gradient})",
        ActivationKind.ELU => $"{Activations}.ELUGradient({source}, {gradient})",
        _ => gradient,
    };

    /// <summary>
    /// Writes <c>float g{f}_j</c> = dLoss/d(sums of <paramref name="feeder"/>) for each of its <paramref name="count"/>
    /// outputs, from the gradients with respect to its outputs (<paramref name="upstream"/> of j) and
    /// <paramref name="source"/> (its sums or outputs, as <see cref="GradientNeedsInput"/> says). Softmax mixes every
    /// output, so its Jacobian takes one dot product first: <c>g_j = y_j (d_j - sum_k d_k y_k)</c>; a PReLU also adds its
    /// slopes' gradients.
    /// </summary>
    public static void UnrolledGradient(CodeWriter code, LayerPlan feeder, Vector source, System.Func<int, string> upstream, int count)
    {
        int f = feeder.Number;
        switch (feeder.Activation)
        {
            case ActivationKind.Softmax:
                var dot = new System.Text.StringBuilder();
                for (int j = 0; j < count; j++)
                {
                    Statement(code, $"float d{f}_{j} = {upstream(j)};");
                    dot.Append(j == 0 ? "" : " + ").Append($"d{f}_{j} * {source.Element(j)}");
                }

                code.Line($"// Through softmax: g = y (d - y·d), its Jacobian applied.");
                code.Line($"float dot{f} = {dot};");
                for (int j = 0; j < count; j++)
                {
                    code.Line($"float g{f}_{j} = {source.Element(j)} * (d{f}_{j} - dot{f});");
                }

                return;
            case ActivationKind.PReLU:
                code.Line($"// Through PReLU: its slopes' gradients added, then g = d where z > 0, slope * d elsewhere.");
                for (int j = 0; j < count; j++)
                {
                    Statement(code, $"float d{f}_{j} = {upstream(j)};");
                    code.Line($"parameterGradients[Layer{f}.SlopeOffset + {j}] += {Activations}.PReLUSlopeGradient({source.Element(j)}, d{f}_{j});");
                    code.Line($"float g{f}_{j} = {Gradient(feeder, source.Element(j), $"d{f}_{j}", j)};");
                }

                return;
            default:
                for (int j = 0; j < count; j++)
                {
                    Statement(code, $"float g{f}_{j} = {Gradient(feeder, source.Element(j), upstream(j), j)};");
                }

                return;
        }
    }

    /// <summary>
    /// The gradient through <paramref name="layer"/>'s activation over spans, in place on <paramref name="gradient"/>
    /// (adding a PReLU's slope gradients); empty for Identity.
    /// </summary>
    public static string GradientSpan(LayerPlan layer, string source, string gradient) => layer.Activation switch
    {
        ActivationKind.Identity => "",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLUGradient({source}, {Float(layer.Slope)}, {gradient}, {gradient});",
        ActivationKind.PReLU => $"{Activations}.PReLUGradient({source}, {Slopes(layer)}, {gradient}, {gradient}, "
            + $"parameterGradients.Slice(Layer{layer.Number}.SlopeOffset, Layer{layer.Number}.SlopeCount), planeSize: {layer.ActivationPlaneSize});",
        _ => $"{Activations}.{layer.Activation}Gradient({source}, {gradient}, {gradient});",
    };

    /// <summary>A PReLU layer's slopes in the parameters.</summary>
    public static string Slopes(LayerPlan layer) => $"parameters.Slice(Layer{layer.Number}.SlopeOffset, Layer{layer.Number}.SlopeCount)";

    /// <summary>The slope of output <paramref name="index"/> of a flat PReLU layer.</summary>
    private static string Slope(LayerPlan layer, int index) => $"parameters[Layer{layer.Number}.SlopeOffset + {index}]";

    /// <summary>Writes a statement whose expression may span several lines.</summary>
    public static void Statement(CodeWriter code, string text)
    {
        foreach (string line in text.Split('\n'))
        {
            code.Line(line);
        }
    }
}
