using System.Globalization;
using System.Linq;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// How a unit's generated <c>ToOnnx</c> code calls the runtime's generic graph builder (<c>StaticNet.Onnx.OnnxGraph</c>):
/// nodes by operator name, their inputs and attributes, and the shape of what they give. Layers and activations write
/// their own nodes through it; the runtime knows no layer kind.
/// </summary>
internal static class Onnx
{
    private const string Attribute = "global::StaticNet.Onnx.OnnxAttribute";

    public static string Float(string name, float value) => $"{Attribute}.Float(\"{name}\", {RuntimeCalls.Float(value)})";

    public static string Int(string name, long value) => $"{Attribute}.Int(\"{name}\", {Number(value)})";

    public static string Ints(string name, params long[] values) => $"{Attribute}.Ints(\"{name}\", {string.Join(", ", values.Select(Number))})";

    /// <summary><c>graph.BeginLayer();</c>: the nodes and initializers that follow are named after the next layer.</summary>
    public const string BeginLayer = "graph.BeginLayer();";

    /// <summary>A float initializer of the layer, <c>layerN.</c><paramref name="name"/>, from a span expression, of <paramref name="dims"/>.</summary>
    public static string Initializer(string name, string values, params long[] dims) =>
        $"graph.Initializer(\"{name}\", {values}, {string.Join(", ", dims.Select(Number))})";

    /// <summary>An int64 constant of the layer (a shape, a slice's bounds), by name.</summary>
    public static string Int64s(string name, params long[] values) => $"graph.Int64Constant(\"{name}\", {string.Join(", ", values.Select(Number))})";

    /// <summary>
    /// Writes a node whose output, of per-sample <paramref name="shape"/>, becomes the current value; named after the layer,
    /// or after <paramref name="part"/> of it where the layer has several nodes of one operator. A node with initializers
    /// among its inputs lists them one per line.
    /// </summary>
    public static void WriteNode(CodeWriter writer, string operation, string? part, string[] inputs, long[] shape, params string[] attributes)
    {
        string head = $"graph.Node(\"{operation}\", {(part is null ? "" : $"\"{part}\", ")}";
        string tail = $"{Dimensions(shape)}{string.Concat(attributes.Select(a => ", " + a))});";
        string line = $"{head}{Strings(inputs)}, {tail}";
        if (line.Length <= MaximumLine || inputs.Length < 2)
        {
            writer.Line(line);
            return;
        }

        writer.Line(head + "new string[]");
        writer.OpenBlock();
        foreach (string input in inputs)
        {
            writer.Line(input + ",");
        }

        writer.Close($", {tail}");
    }

    /// <summary>Where a node's call breaks its inputs onto lines of their own.</summary>
    private const int MaximumLine = 120;

    /// <summary>A node beside the current value (which stays current), as an expression giving its output's name.</summary>
    public static string SideNode(string operation, string part, string[] inputs, params string[] attributes) =>
        $"graph.SideNode(\"{operation}\", \"{part}\", {Strings(inputs)}{string.Concat(attributes.Select(a => ", " + a))})";

    /// <summary>
    /// A value's per-sample dimensions as the graph holds them: <c>[n]</c>, <c>[c, h, w]</c>, or <c>[steps, features]</c>
    /// (one step when the model is a streaming step).
    /// </summary>
    public static long[] Dimensions(Shape shape, bool streaming) =>
        shape.IsFlat ? [shape.Size]
        : shape.IsSequence ? [streaming ? 1 : shape.Steps, shape.Features]
        : [shape.Channels, shape.Height, shape.Width];

    public static string Strings(string[] values) => $"new string[] {{ {string.Join(", ", values)} }}";

    public static string Dimensions(long[] dims) => $"new int[] {{ {string.Join(", ", dims.Select(Number))} }}";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
