using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Writes <c>ToOnnx</c>: the network and its weights as an ONNX model, through the runtime's <c>OnnxGraph</c>.</summary>
internal static class OnnxEmitter
{
    private const string Stream = "global::System.IO.Stream";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string state = StateSpan.Parameter(plan);
        string inputShape = $"[batch, {Dimensions(plan.InputShape)}]";
        string outputShape = $"[batch, {Dimensions(plan.OutputShape)}]";
        writer.Line("/// <summary>");
        writer.Line($"/// Writes the network with <paramref name=\"parameters\"/> as an ONNX model (opset 17): input <c>input</c> of shape");
        writer.Line($"/// {inputShape}, output <c>output</c> of shape {outputShape}, computing what <c>Forward</c> computes");
        writer.Line("/// (dropout left out, batch normalisation with the running statistics). Open it in Netron or any ONNX runtime.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ToOnnx({RuntimeCalls.ReadOnlySpan} parameters, {state}{Stream} stream)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, plan);
        string dims = Dimensions(plan.InputShape);
        writer.Line($"global::StaticNet.Onnx.OnnxGraph graph = new global::StaticNet.Onnx.OnnxGraph(\"{plan.Target.FullName}\", new int[] {{ {dims} }});");
        WriteLayers(writer, plan, streaming: false);
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Writes the ONNX model of the network with <paramref name=\"parameters\"/> to a file at <paramref name=\"path\"/>. The spans are");
        writer.Line("/// checked and the whole model built in memory before the disk is touched; the file is written beside the destination");
        writer.Line("/// and moved over it, so a failure leaves an existing file as it was.");
        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ToOnnx({RuntimeCalls.ReadOnlySpan} parameters, {state}string path)");
        writer.Line("global::System.IO.MemoryStream model = new global::System.IO.MemoryStream();");
        writer.Line($"ToOnnx(parameters, {StateSpan.Argument(plan)}model);");
        writer.Line("global::StaticNet.Storage.AtomicFile.Write(path, model);");
        writer.Close();
    }

    /// <summary>
    /// Writes <c>ToOnnxStep</c> for a network that streams: one <c>Step</c> as an ONNX model whose state goes in and comes
    /// out, for runtimes that keep no state between calls.
    /// </summary>
    public static void EmitStep(CodeWriter writer, NetworkPlan plan)
    {
        int features = plan.InputShape.Features;
        bool stateful = plan.StreamStateCount > 0;
        writer.Line("/// <summary>");
        writer.Line("/// Writes one streaming step of the network with <paramref name=\"parameters\"/> as an ONNX model (opset 17), computing what");
        writer.Line($"/// <c>Step</c> computes: input <c>input</c> of shape [batch, {features}] (one step), output <c>output</c> of shape [batch, StepOutputSize]"
            + (stateful ? "," : "."));
        if (stateful)
        {
            writer.Line("/// and the state as <c>Step</c> lays it out: input <c>state</c> and output <c>next_state</c>, both [batch, StreamStateCount].");
            writer.Line("/// Feed each call's <c>next_state</c> back as the next call's <c>state</c>; zeros start a sequence.");
        }

        writer.Line("/// </summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ToOnnxStep({RuntimeCalls.ReadOnlySpan} parameters, {Stream} stream)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line($"global::StaticNet.Onnx.OnnxGraph graph = global::StaticNet.Onnx.OnnxGraph.Streaming(\"{plan.Target.FullName}\", features: {features}, stateCount: StreamStateCount);");
        WriteLayers(writer, plan, streaming: true);
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Writes the ONNX model of one streaming step (see the overload on a stream) to a file at <paramref name=\"path\"/>, atomically.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ToOnnxStep({RuntimeCalls.ReadOnlySpan} parameters, string path)");
        writer.Line("global::System.IO.MemoryStream model = new global::System.IO.MemoryStream();");
        writer.Line("ToOnnxStep(parameters, model);");
        writer.Line("global::StaticNet.Storage.AtomicFile.Write(path, model);");
        writer.Close();
    }

    /// <summary>Each layer's node (after a <c>From</c> where it reads another value than the one above it), the heads, the write.</summary>
    private static void WriteLayers(CodeWriter writer, NetworkPlan plan, bool streaming)
    {
        foreach (LayerPlan layer in plan.Layers)
        {
            writer.Line();
            writer.Line($"// Layer {layer.Number}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}.");
            if (layer is not IJoinLayer && layer.Source != layer.Number - 1)
            {
                writer.Line($"graph.From({layer.Source});");
            }

            layer.WriteOnnx(writer, streaming);
            layer.Unit.WriteOnnx(writer, layer);
        }

        writer.Line();

        if (plan.HasHeads)
        {
            writer.Line($"graph.Outputs(new int[] {{ {string.Join(", ", plan.Heads.Select(head => head.Layer))} }});");
        }

        writer.Line("graph.WriteTo(stream);");
    }

    /// <summary>A sample's dimensions: <c>n</c>, <c>steps, features</c> or <c>c, h, w</c>.</summary>
    private static string Dimensions(Shape shape) =>
        shape.IsFlat ? shape.Size.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : shape.IsSequence ? $"{shape.Steps}, {shape.Features}"
        : $"{shape.Channels}, {shape.Height}, {shape.Width}";
}
