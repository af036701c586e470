using System.Globalization;
using StaticNet.Generator.Emit;

namespace StaticNet.Generator.Activations;

/// <summary>How a unit's generated ONNX code writes a node attribute (<c>StaticNet.Onnx.OnnxAttribute</c>).</summary>
internal static class Onnx
{
    public static string Float(string name, float value) => $"global::StaticNet.Onnx.OnnxAttribute.Float(\"{name}\", {RuntimeCalls.Float(value)})";

    public static string Int(string name, long value) =>
        $"global::StaticNet.Onnx.OnnxAttribute.Int(\"{name}\", {value.ToString(CultureInfo.InvariantCulture)})";
}
