using System.Linq;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Emit;

/// <summary>The ONNX code of a layer joining others' values (<c>Add</c>, <c>Concat</c>, <c>Multiply</c>): nodes over all its operands.</summary>
internal static class OnnxJoin
{
    /// <summary>
    /// Reads the operands' values first (the layer's number, once taken, names the join), then writes the
    /// <paramref name="operation"/> node over them.
    /// </summary>
    public static void Write(CodeWriter writer, LayerPlan layer, string operation, long[] shape, params string[] attributes)
    {
        string operands = $"operands{layer.Number}";
        writer.Line($"string[] {operands} = {Onnx.Strings(layer.Sources.Select(source => $"graph.Value({source})").ToArray())};");
        writer.Line(Onnx.BeginLayer);
        writer.Line($"graph.Node(\"{operation}\", {operands}, {Onnx.Dimensions(shape)}{string.Concat(attributes.Select(a => ", " + a))});");
    }

    /// <summary>
    /// As <see cref="Write"/> for an operator of two inputs (<c>Mul</c>): the first two operands, then the result and each
    /// further one, the partial results named <c>partial1</c>, <c>partial2</c>, ... and the last after the layer.
    /// </summary>
    public static void WriteChained(CodeWriter writer, LayerPlan layer, string operation, long[] shape)
    {
        string operands = $"operands{layer.Number}";
        writer.Line($"string[] {operands} = {Onnx.Strings(layer.Sources.Select(source => $"graph.Value({source})").ToArray())};");
        writer.Line(Onnx.BeginLayer);
        int count = layer.Sources.Count;
        for (int i = 1; i < count; i++)
        {
            string part = i == count - 1 ? "" : $"\"partial{i}\", ";
            string first = i == 1 ? $"{operands}[0]" : "graph.Current";
            writer.Line($"graph.Node(\"{operation}\", {part}new[] {{ {first}, {operands}[{i}] }}, {Onnx.Dimensions(shape)});");
        }
    }
}
