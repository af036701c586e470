using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>
/// How generated code calls the runtime library: always fully qualified, so no name in the user's
/// class or namespace can capture a call.
/// </summary>
internal static class RuntimeCalls
{
    public const string Activations = "global::StaticNet.Runtime.Activations";
    public const string DenseKernels = "global::StaticNet.Runtime.DenseKernels";
    public const string DensePanels = "global::StaticNet.Runtime.DensePanels";
    public const string GraphKernels = "global::StaticNet.Runtime.GraphKernels";
    public const string LossFunctions = "global::StaticNet.Runtime.LossFunctions";
    public const string SampleSplit = "global::StaticNet.Runtime.SampleSplit";
    public const string SpanGuard = "global::StaticNet.Runtime.SpanGuard";
    public const string StreamLanes = "global::StaticNet.Runtime.StreamLanes";
    public const string StreamSplit = "global::StaticNet.Runtime.StreamSplit";
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

    /// <summary>Writes a statement whose expression may span several lines.</summary>
    public static void Statement(CodeWriter code, string text)
    {
        foreach (string line in text.Split('\n'))
        {
            code.Line(line);
        }
    }
}
