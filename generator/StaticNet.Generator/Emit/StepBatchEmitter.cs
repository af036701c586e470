using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>StepBatch</c> for a network that streams: one step for each of many independent streams sharing the
/// parameters (game agents, voices, sensor channels), their states side by side in one span. A first layer that steps in
/// lanes (<see cref="ILaneStreamingLayer"/>) advances whole blocks of streams at once, one stream per register lane;
/// the layers after it follow in lanes too where each of them can (<see cref="ILaneLayer"/>), else stream by stream.
/// Every stream gets the bits of its own <c>Step</c>. Many streams are split over the cores.
/// </summary>
internal static class StepBatchEmitter
{
    /// <summary>
    /// The layer <c>StepBatch</c> advances in lanes: the first layer, reading the step's input, if its kind steps in lanes
    /// and its step's output is its new state (so the rest of the step reads it from there).
    /// </summary>
    public static LayerPlan? LanesLayer(NetworkPlan plan) =>
        plan.Layers.FirstOrDefault() is { Source: 0 } first && first is ILaneStreamingLayer { Streams: true, StepOutputIsState: true } ? first : null;

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        LayerPlan? lanes = LanesLayer(plan);
        long workPerStep = (plan.MultiplyAccumulates + plan.InputShape.Steps - 1) / plan.InputShape.Steps;
        writer.Line("/// <summary>");
        writer.Line("/// Runs one time step for each of many independent streams that share the parameters: stream <c>s</c>'s state is");
        writer.Line("/// <c>states[s * StreamStateCount ..]</c>, its step <c>inputs[s * StepInputSize ..]</c>, its output");
        writer.Line("/// <c>outputs[s * StepOutputSize ..]</c>. Each stream gets, bit for bit, what <c>Step</c> gives it alone, on any number of");
        writer.Line(lanes is null
            ? "/// threads. Many streams are split over the cores. Allocation-free."
            : $"/// threads; layer {lanes.Number}, {lanes.Description}, steps whole blocks of streams side by side (one per vector lane). Many streams are split over the cores. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {Counted.Of(plan.ParameterCount, "parameter")}.</param>");
        writer.Line("/// <param name=\"states\">The streams' states, <c>StreamStateCount</c> values each, one stream after another; updated in place.</param>");
        writer.Line($"/// <param name=\"inputs\">One step of each stream: a positive multiple of {Counted.Of(plan.InputShape.Features, "value")}.</param>");
        writer.Line("/// <param name=\"outputs\">Receives <c>StepOutputSize</c> outputs per stream, in the same order.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void StepBatch({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.Span} states, {RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line($"int streams = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, StepInputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(states.Length, streams, StreamStateCount, \"states\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(outputs.Length, streams, StepOutputSize, \"outputs\");");
        writer.Line();
        writer.Line($"// Many streams split over threads, in whole blocks of lanes ({workPerStep} multiply-adds per stream's step); the lambda captures nothing, so");
        writer.Line("// the compiler caches it: no allocation per call.");
        writer.Line($"{RuntimeCalls.StreamSplit}.Run((partParameters, partStates, partInputs, partOutputs) =>");
        writer.Line("    StepStreams(partParameters, partStates, partInputs, partOutputs),");
        writer.Line($"    parameters, states, inputs, outputs, StreamStateCount, StepInputSize, StepOutputSize, {workPerStep});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary><c>StepBatch</c> for one thread's streams; the lengths are checked.</summary>");
        writer.Member($"private static void StepStreams({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.Span} states, {RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
        writer.Line("int streams = inputs.Length / StepInputSize;");
        writer.Line("int stream = 0;");
        List<LayerPlan>? lanedLayers = lanes is null ? null : LanedThrough(plan, lanes);
        if (lanes is ILaneStreamingLayer laned)
        {
            WriteBlocks(writer, lanes, laned, lanedLayers);
        }

        writer.Open("for (; stream < streams; stream++)");
        writer.Line($"Step({StreamArguments()});");
        writer.Close();
        writer.Close();
        if (lanes is null || lanedLayers is not null)
        {
            return;
        }

        writer.Line();
        writer.Line($"/// <summary><c>Step</c> after <c>StepBatch</c> advanced layer {lanes.Number}'s state in lanes: the layers after it, for one stream.</summary>");
        writer.Member($"private static void StepAfterLanes({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        ForwardEmitter.WriteBody(writer, plan, ForwardPass.StepAfterLanes);
    }

    /// <summary>
    /// The loop over whole blocks of streams: the first layer in lanes, then either every later layer in lanes
    /// (<paramref name="lanedLayers"/>) and the output scattered to the streams, or, where they are null, the rest of each
    /// stream's step (<c>StepAfterLanes</c>) stream by stream.
    /// </summary>
    private static void WriteBlocks(CodeWriter writer, LayerPlan first, ILaneStreamingLayer laned, List<LayerPlan>? lanedLayers)
    {
        writer.Open($"if ({laned.LanesCondition})");
        writer.Line("// Whole blocks of streams side by side, one stream per vector lane (StreamLanes.Count of them: 16 with AVX-512, else 8): each span");
        writer.Line("// below holds one value of every stream of the block after another. The lanes compute what Step computes for each stream.");
        writer.Line($"int lanes = {RuntimeCalls.StreamLanes}.Count;");
        writer.Line($"{RuntimeCalls.Span} h{first.Number} = stackalloc float[{laned.StepStateCount} * {RuntimeCalls.StreamLanes}.MaxCount];");
        foreach (LayerPlan layer in lanedLayers ?? [])
        {
            if (layer is ILaneLayer)
            {
                writer.Line($"{RuntimeCalls.Span} a{layer.Number} = stackalloc float[{layer.OutputShape.Features} * {RuntimeCalls.StreamLanes}.MaxCount];");
            }
        }

        writer.Open("for (; stream + lanes <= streams; stream += lanes)");
        writer.Line($"// Layer {first.Number}: {first.Description}: the block's state[0..{laned.StepStateCount}), {laned.StepStateRole}, advanced; h{first.Number} holds the new one.");
        laned.WriteStepLanes(writer, 0, "stream", $"h{first.Number}");
        if (lanedLayers is null)
        {
            writer.Open("for (int lane = stream; lane < stream + lanes; lane++)");
            writer.Line($"StepAfterLanes({StreamArguments("lane")});");
            writer.Close();
        }
        else
        {
            string value = $"h{first.Number}";
            foreach (LayerPlan layer in lanedLayers)
            {
                if (layer is ILaneLayer lane)
                {
                    writer.Line($"// Layer {layer.Number}: {layer.Description}, ({layer.InputShape.Features}) -> ({layer.OutputShape.Features}).");
                    lane.WriteLanes(writer, value, $"a{layer.Number}");
                    value = $"a{layer.Number}";
                }
                else
                {
                    writer.Line($"// Layer {layer.Number}: {layer.Description}: the step passes through.");
                }
            }

            writer.Line($"{RuntimeCalls.StreamLanes}.Scatter({value}, outputs, stream, StepOutputSize, 0, StepOutputSize);");
        }

        writer.Close();
        writer.Close();
        writer.Line();
    }

    /// <summary>
    /// The layers after <paramref name="first"/> when each of them steps in lanes too (a chain of pass-through steps and
    /// <see cref="ILaneLayer"/>s whose last is the one output), or null when the rest of the step goes stream by stream.
    /// </summary>
    private static List<LayerPlan>? LanedThrough(NetworkPlan plan, LayerPlan first)
    {
        if (plan.HasHeads || plan.IsGraph)
        {
            return null;
        }

        var layers = new List<LayerPlan>();
        LayerValues value = LayerValues.Span($"h{first.Number}", first.OutputShape.Features);
        foreach (LayerPlan layer in plan.Layers.Skip(1))
        {
            if (layer.StepRole == StepRole.PassThrough)
            {
                layers.Add(layer);
                continue;
            }

            if (layer is not ILaneLayer lane || !lane.StepsInLanes(value))
            {
                return null;
            }

            layers.Add(layer);
            value = LayerValues.Locals($"a{layer.Number}_", $"a{layer.Number}", layer.OutputShape.Features);
        }

        return layers;
    }

    private static string StreamArguments(string stream = "stream") =>
        $"parameters, states.Slice({stream} * StreamStateCount, StreamStateCount), inputs.Slice({stream} * StepInputSize, StepInputSize), "
        + $"outputs.Slice({stream} * StepOutputSize, StepOutputSize)";
}
