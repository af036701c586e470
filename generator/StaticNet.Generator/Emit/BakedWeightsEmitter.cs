using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the members of <c>[Network(Weights = "file")]</c>: the file's values as constant data
/// (<c>TrainedParameters</c>, and <c>TrainedState</c> for batch-norm statistics) and <c>PredictTrained</c> methods
/// that run the network on them. A <c>ReadOnlySpan&lt;float&gt;</c> over an array of constants compiles to a view
/// of the assembly's data section (RuntimeHelpers.CreateSpan): no allocation and no file I/O at run time. The C#
/// compiler does that only when optimising; for a Debug build the values go into a static array, copied from the
/// data section once, so that no build allocates per call.
/// </summary>
internal static class BakedWeightsEmitter
{
    private const int ValuesPerLine = 8;

    public static void Emit(CodeWriter writer, NetworkPlan plan, BakedWeights weights, bool optimised)
    {
        string checksum = "0x" + weights.Checksum.ToString("X8", CultureInfo.InvariantCulture);
        writer.Line("/// <summary>");
        writer.Line($"/// The trained parameters baked in at compile time from <c>{Xml(weights.FileName)}</c> (checksum {checksum}), in the");
        writer.Line("/// layout of the parameter span: constant data in the assembly, read in place.");
        writer.Line("/// </summary>");
        WriteValues(writer, "TrainedParameters", weights.Parameters, TensorLayout.Of(plan).Where(tensor => !tensor.IsState), optimised);
        string state = "";
        if (plan.HasState)
        {
            writer.Line();
            writer.Line($"/// <summary>The batch-norm running statistics baked in from <c>{Xml(weights.FileName)}</c>, in the layout of the state span.</summary>");
            WriteValues(writer, "TrainedState", weights.State, TensorLayout.Of(plan).Where(tensor => tensor.IsState), optimised);
            state = "TrainedState, ";
        }

        // Where the network has a packed form, the baked values are packed here too: the predictions run its faster
        // kernels with nothing packed at run time.
        string parameters = "TrainedParameters", forward = "Forward", forwardBatch = "ForwardBatch";
        if (plan.HasPackedForm)
        {
            writer.Line();
            writer.Line("/// <summary>");
            writer.Line("/// <see cref=\"TrainedParameters\"/> as <see cref=\"PackParameters\"/> writes them, packed at compile time: what the");
            writer.Line("/// <c>PredictTrained</c> methods run <see cref=\"ForwardPacked\"/> on.");
            writer.Line("/// </summary>");
            WriteValues(writer, "TrainedPacked", Packed(plan, weights.Parameters), TensorLayout.Of(plan).Where(tensor => !tensor.IsState), optimised, PackedLayers(plan));
            (parameters, forward, forwardBatch) = ("TrainedPacked", "ForwardPacked", "ForwardBatchPacked");
        }

        writer.Line();
        writer.Line($"/// <summary>Runs the network with the baked parameters: <see cref=\"{forward}\"/> on <see cref=\"{parameters}\"/>.</summary>");
        writer.MemberLine($"public static void PredictTrained({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) =>");
        writer.Line($"    {forward}({parameters}, {state}input, output);");
        writer.Line();
        writer.Line($"/// <summary>Runs the network with the baked parameters on a batch of samples laid end to end: <see cref=\"{forwardBatch}\"/>.</summary>");
        writer.MemberLine($"public static void PredictTrainedBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) =>");
        writer.Line($"    {forwardBatch}({parameters}, {state}inputs, outputs);");
        if (HasPredictTrainedClass(plan))
        {
            writer.Line();
            writer.Line("/// <summary>The index of the largest output (the first, on ties) with the baked parameters: the predicted class.</summary>");
            writer.Member($"public static int PredictTrainedClass({RuntimeCalls.ReadOnlySpan} input)");
            writer.Line($"{RuntimeCalls.Span} output = stackalloc float[OutputSize];");
            writer.Line($"{forward}({parameters}, {state}input, output);");
            writer.Line("return global::StaticNet.Training.Metrics.ArgMax(output);");
            writer.Close();
        }
    }

    /// <summary>The parameters in the packed copy's layout: each packing layer's weights reordered as <c>PackParameters</c> reorders them.</summary>
    private static float[] Packed(NetworkPlan plan, EquatableArray<float> parameters)
    {
        float[] packed = parameters.ToArray();
        foreach (LayerPlan layer in PackedLayers(plan))
        {
            var packing = (IPackingLayer)layer;
            for (int index = 0; index < layer.WeightCount; index++)
            {
                packed[layer.WeightOffset + index] = parameters[layer.WeightOffset + packing.PackedSource(index)];
            }
        }

        return packed;
    }

    private static LayerPlan[] PackedLayers(NetworkPlan plan) =>
        plan.Layers.Where(layer => layer is IPackingLayer { PacksWeights: true }).ToArray();

    /// <summary>One class index means one output of a few values; a network with several heads has one per classification head.</summary>
    private static bool HasPredictTrainedClass(NetworkPlan plan) =>
        !plan.HasHeads && plan.OutputShape.Size > 1 && plan.OutputShape.Size <= MethodBody.StackScratchLimit;

    /// <summary>
    /// The baked members when the weight file could not be baked: the build already fails on that error (SN0032 to SN0035,
    /// on the <c>Weights</c> argument), and members that exist keep the code that uses them from adding errors of its own.
    /// </summary>
    public static void EmitUnavailable(CodeWriter writer, NetworkPlan plan)
    {
        const string Unavailable = "throw new global::System.InvalidOperationException(\"The weight file of [Network(Weights = ...)] could not be baked; see the error on it.\")";
        writer.Line("/// <summary>Not baked: the weight file could not be read or does not fit this network (see the error on <c>Weights</c>).</summary>");
        writer.MemberLine($"public static {RuntimeCalls.ReadOnlySpan} TrainedParameters => {Unavailable};");
        if (plan.HasState)
        {
            writer.Line();
            writer.Line("/// <summary>Not baked: see <see cref=\"TrainedParameters\"/>.</summary>");
            writer.MemberLine($"public static {RuntimeCalls.ReadOnlySpan} TrainedState => {Unavailable};");
        }

        writer.Line();
        writer.Line("/// <summary>Not baked: see <see cref=\"TrainedParameters\"/>.</summary>");
        writer.MemberLine($"public static void PredictTrained({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => {Unavailable};");
        writer.Line();
        writer.Line("/// <summary>Not baked: see <see cref=\"TrainedParameters\"/>.</summary>");
        writer.MemberLine($"public static void PredictTrainedBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) => {Unavailable};");
        if (HasPredictTrainedClass(plan))
        {
            writer.Line();
            writer.Line("/// <summary>Not baked: see <see cref=\"TrainedParameters\"/>.</summary>");
            writer.MemberLine($"public static int PredictTrainedClass({RuntimeCalls.ReadOnlySpan} input) => {Unavailable};");
        }
    }

    /// <summary>
    /// The values as constant data, tensor by tensor under a comment naming each; the weights of
    /// <paramref name="packedLayers"/> are said to be in their packed order.
    /// </summary>
    private static void WriteValues(
        CodeWriter writer, string name, IReadOnlyList<float> values, IEnumerable<TensorLayout.Tensor> tensors, bool optimised, LayerPlan[]? packedLayers = null)
    {
        string field = "baked" + name;
        if (optimised)
        {
            writer.MemberLine($"public static {RuntimeCalls.ReadOnlySpan} {name} => new float[]");
        }
        else
        {
            writer.MemberLine($"public static {RuntimeCalls.ReadOnlySpan} {name} => {field};");
            writer.Line();
            writer.Line("// A Debug build: the compiler reads constant arrays into spans without allocating only when optimising.");
            writer.MemberLine($"private static readonly float[] {field} = new float[]");
        }

        writer.Line("{");
        foreach (TensorLayout.Tensor tensor in tensors)
        {
            bool reordered = packedLayers?.Any(layer => layer.Number == tensor.Layer && layer.WeightOffset == tensor.Offset) == true;
            writer.Line($"    // {tensor.Name}: layer {tensor.Layer} {tensor.Role} [{tensor.Shape}]{(reordered ? ", packed" : "")}");
            for (int start = 0; start < tensor.Count; start += ValuesPerLine)
            {
                int end = System.Math.Min(start + ValuesPerLine, tensor.Count);
                var line = new System.Text.StringBuilder("   ");
                for (int i = start; i < end; i++)
                {
                    line.Append(' ').Append(RuntimeCalls.Float(values[tensor.Offset + i])).Append(',');
                }

                writer.Line(line.ToString());
            }
        }

        writer.Line("};");
    }

    /// <summary>Text safe inside a one-line XML doc comment.</summary>
    private static string Xml(string text) => new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray())
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
