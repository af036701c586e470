using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>TensorSlots</c> (the network's tensors as PyTorch's <c>state_dict</c> names and shapes them: see
/// <see cref="TensorLayout"/>) and <c>ImportSafetensors</c>/<c>ExportSafetensors</c> over them.
/// </summary>
internal static class SafeTensorsEmitter
{
    private const string SafeTensors = "global::StaticNet.Storage.SafeTensors";
    internal const string Slot = "global::StaticNet.Storage.TensorSlot";
    private const string NameMap = "global::System.Collections.Generic.IReadOnlyDictionary<string, string>?";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// This network's tensors in PyTorch's <c>state_dict</c> order, named as PyTorch names a module's attributes: a layer's");
        writer.Line("/// <c>Name</c> (dotted for nested modules), else its index in the equivalent <c>nn.Sequential</c> (each activation a module)");
        writer.Line("/// or, in a graph, <c>layerN</c>; with their shapes and where they sit in the parameter or state span.");
        writer.Line("/// </summary>");
        writer.MemberLine($"public static global::System.Collections.Generic.IReadOnlyList<{Slot}> TensorSlots {{ get; }} = new {Slot}[]");
        writer.Line("{");
        foreach (TensorLayout.Tensor tensor in TensorLayout.Of(plan))
        {
            writer.Line($"    {New(tensor)},");
        }

        writer.Line("};");
        writer.Line();

        string state = plan.HasState ? "state" : "global::System.Span<float>.Empty";
        string readState = plan.HasState ? "state" : "global::System.ReadOnlySpan<float>.Empty";
        string stateParameter = plan.HasState ? $", {RuntimeCalls.Span} state" : "";
        string readStateParameter = plan.HasState ? $", {RuntimeCalls.ReadOnlySpan} state" : "";
        writer.Line("/// <summary>");
        writer.Line("/// Imports a PyTorch <c>state_dict</c> saved with <c>safetensors</c> at <paramref name=\"path\"/>: tensors are matched to");
        writer.Line("/// <see cref=\"TensorSlots\"/> by name when the file holds this network's names, through <paramref name=\"tensorNames\"/>");
        writer.Line("/// (slot name to file name) when given, else by declaration order where the names fix it, and otherwise refused with the map");
        writer.Line("/// to pass: never permuted. Every shape is checked and F32, F64, F16 and BF16 are converted to float. A malformed or mismatched file throws");
        writer.Line("/// <see cref=\"global::StaticNet.Storage.WeightFileException\"/> naming the file, the tensor and both shapes, and leaves the spans untouched.");
        writer.Line("/// NaN and infinite values are refused unless <paramref name=\"allowNonFinite\"/>.");
        writer.Line("/// </summary>");
        writer.Member($"public static void ImportSafetensors(string path, {RuntimeCalls.Span} parameters{stateParameter}, {NameMap} tensorNames = null, bool allowNonFinite = false)");
        WeightsEmitter.Guards(writer, plan);
        writer.Line($"{SafeTensors}.Import(path, TensorSlots, parameters, {state}, tensorNames, allowNonFinite);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Imports a safetensors file from <paramref name=\"stream\"/>; <paramref name=\"source\"/> names it in errors.</summary>");
        writer.Member($"public static void ImportSafetensors(global::System.IO.Stream stream, {RuntimeCalls.Span} parameters{stateParameter}, {NameMap} tensorNames = null, string source = \"stream\", bool allowNonFinite = false)");
        WeightsEmitter.Guards(writer, plan);
        writer.Line($"{SafeTensors}.Import(stream, source, TensorSlots, parameters, {state}, tensorNames, allowNonFinite);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Writes the parameters (and state) as a safetensors file of F32 tensors named as in <see cref=\"TensorSlots\"/>, for PyTorch's <c>load_state_dict</c>.</summary>");
        writer.Member($"public static void ExportSafetensors(string path, {RuntimeCalls.ReadOnlySpan} parameters{readStateParameter})");
        WeightsEmitter.Guards(writer, plan);
        writer.Line($"{SafeTensors}.Export(path, TensorSlots, parameters, {readState});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Writes the parameters (and state) to <paramref name=\"stream\"/> as a safetensors file of F32 tensors.</summary>");
        writer.Member($"public static void ExportSafetensors(global::System.IO.Stream stream, {RuntimeCalls.ReadOnlySpan} parameters{readStateParameter})");
        WeightsEmitter.Guards(writer, plan);
        writer.Line($"{SafeTensors}.Export(stream, TensorSlots, parameters, {readState});");
        writer.Close();
    }

    /// <summary>A <c>TensorSlot</c>'s constructor call for a tensor (or a streaming state's part).</summary>
    internal static string New(TensorLayout.Tensor tensor) =>
        $"new {Slot}(\"{tensor.Name}\", layer: {tensor.Layer}, role: \"{tensor.Role}\", shape: new[] {{ {tensor.Shape} }}, "
        + $"isState: {(tensor.IsState ? "true" : "false")}, offset: {tensor.Offset})";
}
