using System.Globalization;
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
    public const string LossFunctions = "global::StaticNet.Runtime.LossFunctions";
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

    /// <summary>The activation applied to a scalar expression.</summary>
    public static string Activate(ActivationKind activation, float slope, string expression) => activation switch
    {
        ActivationKind.ReLU => $"{Activations}.ReLU({expression})",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLU({expression}, {Float(slope)})",
        ActivationKind.Sigmoid => $"{Activations}.Sigmoid({expression})",
        ActivationKind.Tanh => $"{Activations}.Tanh({expression})",
        ActivationKind.ELU => $"{Activations}.ELU({expression})",
        _ => expression,
    };

    /// <summary>The activation from one span into another (or the same); empty for Identity in place.</summary>
    public static string ActivateSpan(ActivationKind activation, float slope, string source, string destination) => activation switch
    {
        ActivationKind.Identity when source == destination => "",
        ActivationKind.Identity => $"{source}.CopyTo({destination});",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLU({source}, {Float(slope)}, {destination});",
        _ => $"{Activations}.{activation}({source}, {destination});",
    };

    /// <summary>Whether the activation's gradient is computed from its input z (else from its output).</summary>
    public static bool GradientNeedsInput(ActivationKind activation) =>
        activation is ActivationKind.ReLU or ActivationKind.LeakyReLU;

    /// <summary>
    /// dLoss/dz from dLoss/dy for one element: <paramref name="source"/> is z or y as
    /// <see cref="GradientNeedsInput"/> says.
    /// </summary>
    public static string Gradient(ActivationKind activation, float slope, string source, string gradient) => activation switch
    {
        ActivationKind.ReLU => $"{Activations}.ReLUGradient({source}, {gradient})",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLUGradient({source}, {Float(slope)}, {gradient})",
        ActivationKind.Sigmoid => $"{Activations}.SigmoidGradient({source}, {gradient})",
        ActivationKind.Tanh => $"{Activations}.TanhGradient({source}, {gradient})",
        ActivationKind.ELU => $"{Activations}.ELUGradient({source}, {gradient})",
        _ => gradient,
    };

    /// <summary>
    /// Writes <c>float g{f}_j</c> = dLoss/d(sums of layer <paramref name="f"/>) for each of its <paramref name="count"/>
    /// outputs, from the gradients with respect to its outputs (<paramref name="upstream"/> of j) and
    /// <paramref name="source"/> (its sums or outputs, as <see cref="GradientNeedsInput"/> says). Softmax mixes every
    /// output, so its Jacobian takes one dot product first: <c>g_j = y_j (d_j - sum_k d_k y_k)</c>.
    /// </summary>
    public static void UnrolledGradient(CodeWriter code, ActivationKind activation, float slope, int f, Vector source, System.Func<int, string> upstream, int count)
    {
        if (activation != ActivationKind.Softmax)
        {
            for (int j = 0; j < count; j++)
            {
                foreach (string line in $"float g{f}_{j} = {Gradient(activation, slope, source.Element(j), upstream(j))};".Split('\n'))
                {
                    code.Line(line);
                }
            }

            return;
        }

        var dot = new System.Text.StringBuilder();
        for (int j = 0; j < count; j++)
        {
            foreach (string line in $"float d{f}_{j} = {upstream(j)};".Split('\n'))
            {
                code.Line(line);
            }

            dot.Append(j == 0 ? "" : " + ").Append($"d{f}_{j} * {source.Element(j)}");
        }

        code.Line($"// Through softmax: g = y (d - y·d), its Jacobian applied.");
        code.Line($"float dot{f} = {dot};");
        for (int j = 0; j < count; j++)
        {
            code.Line($"float g{f}_{j} = {source.Element(j)} * (d{f}_{j} - dot{f});");
        }
    }

    /// <summary>The gradient over spans, in place on <paramref name="gradient"/>; empty for Identity.</summary>
    public static string GradientSpan(ActivationKind activation, float slope, string source, string gradient) => activation switch
    {
        ActivationKind.Identity => "",
        ActivationKind.LeakyReLU => $"{Activations}.LeakyReLUGradient({source}, {Float(slope)}, {gradient}, {gradient});",
        _ => $"{Activations}.{activation}Gradient({source}, {gradient}, {gradient});",
    };
}
