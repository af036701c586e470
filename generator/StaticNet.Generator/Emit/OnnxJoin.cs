using System.Linq;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Emit;

/// <summary>The ONNX code of a layer joining others' values (<c>Add</c>, <c>Concat</c>): one node over all its operands.</summary>
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
}
