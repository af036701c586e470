using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>Forward</c>: parameters and input in, outputs written, nothing else kept; and, for networks with looped
/// dense layers, <c>PackParameters</c> and <c>ForwardPacked</c>, the same pass over a copy of the parameters whose
/// dense weights are stored <c>[inputs, outputs]</c>, where each input scales a contiguous run of outputs.
/// </summary>
internal static class ForwardEmitter
{
    /// <summary>The line that lets a packed method's body read the packed copy as <c>parameters</c>.</summary>
    public const string PackedParameters = RuntimeCalls.ReadOnlySpan + " parameters = packed;   // the weight matrices PackParameters packed read in its layout";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Runs the network on one sample: writes the {plan.OutputShape} outputs for the {plan.InputShape} input.");
        writer.Line("/// Allocation-free. <paramref name=\"output\"/> must not overlap <paramref name=\"input\"/>.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {Counted.Of(plan.ParameterCount, "parameter")}, laid out as the <c>LayerN</c> offsets say.</param>");
        StateSpan.Document(writer, plan, ", read");
        writer.Line($"/// <param name=\"input\">The sample: {Counted.Of(plan.InputShape.Size, "value")}{(plan.InputShape.IsFlat ? "" : plan.InputShape.IsSequence ? ", step by step" : ", channel by channel, row by row")}.</param>");
        writer.Line($"/// <param name=\"output\">Receives the {Counted.Of(plan.OutputShape.Size, "output")}.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void Forward({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(plan)}{RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        WriteBody(writer, plan, ForwardPass.Whole);
        if (!plan.HasPackedForm)
        {
            return;
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Copies <paramref name=\"parameters\"/> into <paramref name=\"packed\"/> for <c>ForwardPacked</c>{(plan.CanStream ? " and <c>StepPacked</c>" : "")}: the same");
        writer.Line("/// values, but the weight matrices packed below in the layout their kernels read (a dense layer's transposed,");
        writer.Line("/// <c>[inputs, outputs]</c>, or, over 8,192 weights, in panels of 64 outputs, <c>[inputs, 64]</c> each). Pack again");
        writer.Line("/// after the parameters change. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">All parameters, in the usual layout.</param>");
        writer.Line("/// <param name=\"packed\">Receives the packed copy: as long as the parameters, not overlapping them.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length, or the two overlap.</exception>");
        writer.Member($"public static void PackParameters({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.Span} packed)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(packed.Length, ParameterCount, \"packed\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Distinct(parameters, packed, \"packed\");");
        writer.Line("parameters.CopyTo(packed);");
        foreach (IPackingLayer layer in plan.Layers.OfType<IPackingLayer>().Where(layer => layer.PacksWeights))
        {
            layer.WritePacking(writer);
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// <c>Forward</c> on the copy <c>PackParameters</c> made: the same outputs (to rounding), with each packed layer's");
        writer.Line("/// inputs scaling whole vectors of its outputs instead of each output ending in a horizontal sum. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"packed\">The parameters as <c>PackParameters</c> wrote them.</param>");
        StateSpan.Document(writer, plan, ", read");
        writer.Line($"/// <param name=\"input\">The sample: {Counted.Of(plan.InputShape.Size, "value")}.</param>");
        writer.Line($"/// <param name=\"output\">Receives the {Counted.Of(plan.OutputShape.Size, "output")}.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ForwardPacked({RuntimeCalls.ReadOnlySpan} packed, {StateSpan.Parameter(plan)}{RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(packed.Length, ParameterCount, \"packed\");");
        writer.Line(PackedParameters);
        WriteBody(writer, plan, ForwardPass.Packed);
    }

    /// <summary>
    /// The body of <c>Forward</c>, <c>ForwardPacked</c> or a streaming <c>Step</c> (<see cref="StepEmitter"/>), which
    /// differ only in what they read: the parameters or their packed copy; a whole sample or one step, the recurrent
    /// layers advancing the caller's state by that step. With <paramref name="throughLayer"/>, a whole sample through
    /// the layers up to that one only, whose value (computed by a looped layer) goes to <c>output</c>: the part of a
    /// batch that <see cref="BatchEmitter"/> runs one sample at a time before the last layer.
    /// </summary>
    internal static void WriteBody(CodeWriter writer, NetworkPlan plan, ForwardPass pass, int throughLayer = 0)
    {
        bool step = pass is ForwardPass.Step or ForwardPass.PackedStep or ForwardPass.StepAfterLanes;
        bool block = pass is ForwardPass.Block or ForwardPass.PackedBlock;
        LayerPlan? advancedInLanes = pass == ForwardPass.StepAfterLanes ? StepBatchEmitter.LanesLayer(plan) : null;
        if (step)
        {
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StreamStateCount, \"state\");");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(input.Length, StepInputSize, \"input\");");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(output.Length, StepOutputSize, \"output\");");
        }
        else if (!block)
        {
            StateSpan.Guard(writer, plan);
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(input.Length, InputSize, \"input\");");
            writer.Line(throughLayer == 0
                ? $"{RuntimeCalls.SpanGuard}.Length(output.Length, OutputSize, \"output\");"
                : $"{RuntimeCalls.SpanGuard}.Length(output.Length, {plan.Layers[throughLayer - 1].OutputShape.Size}, \"output\");");
        }

        // A block writes no guards: StepBlock checked its spans (InputSize in, OutputSize out).
        if (!block)
        {
            writer.Line();
        }

        var body = new MethodBody();
        int[] lastReader = plan.LastInferenceReaders();
        var values = new LayerValues[plan.Layers.Count + 1];
        values[0] = new("x", "input", step ? plan.InputShape.Features : (int)plan.InputShape.Size, inLocals: false, inSpan: true);
        int stateOffset = 0;
        int writesOutput = throughLayer == 0 ? 0 : plan.InferenceHolder(throughLayer);
        foreach ((LayerPlan walked, LayerRole role, HeadPlan? head, bool isRead) in LayerWalk.Forward(plan, training: false))
        {
            if (throughLayer > 0 && walked.Number > throughLayer)
            {
                break;
            }

            LayerPlan layer = pass is ForwardPass.Packed or ForwardPass.PackedStep or ForwardPass.PackedBlock ? walked with { PackedWeights = true } : walked;
            if (layer.Number > 1)
            {
                body.Code.Line();
            }

            LayerValues input = values[layer.Source];
            if (block && layer is IStreamingLayer { StepStateCount: > 0 } carried)
            {
                values[layer.Number] = BlockOfStreamingLayer(body, layer, carried, input, ref stateOffset, isRead || head is null ? null : OutputPart(plan, head));
                if (isRead && head is not null)
                {
                    body.Code.Line($"{values[layer.Number].SpanName}.CopyTo({OutputPart(plan, head)}); // output {head.Number}: {head.Name}");
                }

                ReleaseLastRead(body, plan, layer, values, lastReader);
                continue;
            }

            if (step && layer.StepRole is StepRole.Recurrent or StepRole.PassThrough or StepRole.PerStep)
            {
                values[layer.Number] = StepSequenceLayer(
                    body, layer, input, layer.Sources.Select(source => values[source]).ToList(), ref stateOffset, head is null ? null : OutputPart(plan, head),
                    layer.Number == advancedInLanes?.Number);
                continue;
            }

            switch (role)
            {
                case LayerRole.View:
                    body.Code.Line($"// Layer {layer.Number}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}: the same values, nothing to do.");
                    values[layer.Number] = input;
                    break;
                case LayerRole.PassThrough:
                    body.Code.Line($"// Layer {layer.Number}: {layer.Description}: passes values through at inference, nothing to do.");
                    values[layer.Number] = input;
                    break;
                default:
                    // A head that later layers also read is computed as a hidden layer, then copied out.
                    HeadPlan? direct = isRead ? null : head;
                    string? destination = layer.Number == writesOutput ? "output" : direct is null ? null : OutputPart(plan, direct);
                    values[layer.Number] = layer is IUnrollableLayer { Unrolled: true } unrolled && !unrolled.LoopsInferenceOver(input)
                        ? unrolled.WriteForward(body, input, direct?.Offset)
                        : EmitLooped(body, layer, layer.Sources.Select(source => values[source]).ToList(), destination);
                    if (isRead && head is not null)
                    {
                        body.EnsureSpan(values[layer.Number]);
                        body.Code.Line($"{values[layer.Number].SpanName}.CopyTo({OutputPart(plan, head)}); // output {head.Number}: {head.Name}");
                    }

                    ReleaseLastRead(body, plan, layer, values, lastReader);
                    break;
            }
        }

        body.WriteTo(writer);
        writer.Close();
    }

    /// <summary>
    /// A layer on a sequence in a streaming step: a recurrent one advances its slice of the state by the step and its new
    /// hidden state is the step's value; <c>LastStep</c> and dropout pass the step through. An output layer copies its
    /// step to <paramref name="output"/>, its part of the output. A layer <paramref name="advanced"/> already (by
    /// <c>StepBatch</c>'s lanes) only reads its new state.
    /// </summary>
    private static LayerValues StepSequenceLayer(
        MethodBody body, LayerPlan layer, LayerValues input, IReadOnlyList<LayerValues> operands, ref int stateOffset, string? output, bool advanced)
    {
        CodeWriter code = body.Code;
        int n = layer.Number;
        int features = layer.OutputShape.Features;
        LayerValues value = input;
        if (layer.StepRole == StepRole.PassThrough)
        {
            code.Line($"// Layer {n}: {layer.Description}: the step passes through (it is the last one so far).");
        }
        else if (layer.StepRole == StepRole.PerStep)
        {
            code.Line($"// Layer {n}: {layer.Description}, one step: ({layer.InputShape.Features}) -> ({features}).");
            if (layer is IJoinLayer join)
            {
                // A join meets its operands' steps, each computed this step by the layer that holds it.
                foreach (LayerValues operand in operands)
                {
                    body.EnsureSpan(operand);
                }

                body.Allocate($"a{n}", features);
                join.WriteJoin(code, operands.Select(operand => operand.SpanName).ToList(), $"a{n}");
            }
            else
            {
                body.EnsureSpan(input);
                body.Allocate($"a{n}", features);
                layer.WriteForward(code, input.SpanName, $"a{n}");
            }

            WriteStepActivation(code, layer, $"a{n}");
            value = LayerValues.Span($"a{n}", features);
        }
        else if (layer is IStreamingLayer streaming)
        {
            // A recurrent layer's new state is its step's output; a causal convolution writes its filters' own.
            int carried = streaming.StepStateCount;
            string advances = $"state[{stateOffset}..{stateOffset + carried}), {streaming.StepStateRole}, advances";
            string? stepOutput = streaming.StepOutputIsState ? null : $"a{n}";
            if (advanced)
            {
                code.Line($"// Layer {n}: {layer.Description}, one step: state[{stateOffset}..{stateOffset + carried}), {streaming.StepStateRole}, already advanced in lanes; "
                    + $"its first {features} are the step's output.");
                code.Line($"{RuntimeCalls.Span} h{n} = state.Slice({stateOffset}, {carried});");
            }
            else
            {
                code.Line(stepOutput is null
                    ? $"// Layer {n}: {layer.Description}, one step: {advances}; its first {features} are the step's output."
                    : $"// Layer {n}: {layer.Description}, one step: ({layer.InputShape.Features}) -> ({features}), {advances}.");
                body.EnsureSpan(input);
                body.Allocate($"s{n}", streaming.StepScratch);
                if (stepOutput is not null)
                {
                    body.Allocate(stepOutput, features);
                }

                code.Line($"{RuntimeCalls.Span} h{n} = state.Slice({stateOffset}, {carried});");
                streaming.WriteStep(code, input.SpanName, $"h{n}", $"s{n}", stepOutput);
                body.Release($"s{n}");
            }

            stateOffset += carried;
            if (stepOutput is null)
            {
                value = LayerValues.Span($"h{n}", features);
                if (carried != features)
                {
                    code.Line($"h{n} = h{n}.Slice(0, {features});");
                }
            }
            else
            {
                WriteStepActivation(code, layer, stepOutput);
                value = LayerValues.Span(stepOutput, features);
            }
        }

        if (output is not null)
        {
            body.EnsureSpan(value);
            code.Line($"{value.SpanName}.CopyTo({output});");
        }

        return value;
    }

    /// <summary>What <paramref name="layer"/> was the last to read, later layers may overwrite.</summary>
    private static void ReleaseLastRead(MethodBody body, NetworkPlan plan, LayerPlan layer, LayerValues[] values, int[] lastReader)
    {
        foreach (int source in layer.Sources)
        {
            int value = plan.InferenceHolder(source);
            if (value > 0 && lastReader[value] == layer.Number)
            {
                body.Release(values[value].SpanName);
            }
        }
    }

    /// <summary>
    /// A layer that carries state, over a block of steps: it continues from its slice of the state and leaves it
    /// advanced by the block; its activation follows on the whole block, as in <c>Forward</c>.
    /// </summary>
    private static LayerValues BlockOfStreamingLayer(MethodBody body, LayerPlan layer, IStreamingLayer streaming, LayerValues input, ref int stateOffset, string? output)
    {
        CodeWriter code = body.Code;
        int n = layer.Number;
        int carried = streaming.StepStateCount;
        code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}, the block continuing state[{stateOffset}..{stateOffset + carried}), {streaming.StepStateRole}, which advances.");
        body.EnsureSpan(input);
        string destination = output ?? $"a{n}";
        if (output is null)
        {
            body.Allocate(destination, (int)layer.OutputShape.Size);
        }

        streaming.WriteBlock(code, input.SpanName, $"state.Slice({stateOffset}, {carried})", destination);
        stateOffset += carried;
        string activate = layer.Unit.ApplySpan(layer, destination, destination);
        if (activate.Length > 0)
        {
            code.Line(activate);
        }

        return LayerValues.Span(destination, (int)layer.OutputShape.Size);
    }

    /// <summary>The layer's activation on one step's outputs, as <c>Forward</c> applies it to the whole sequence's.</summary>
    private static void WriteStepActivation(CodeWriter code, LayerPlan layer, string values)
    {
        string activate = layer.Unit.ApplySpan(layer, values, values);
        if (activate.Length > 0)
        {
            code.Line(activate);
        }
    }

    /// <summary>Where a head's values go in <c>output</c>: all of it for the one head of a chain.</summary>
    private static string OutputPart(NetworkPlan plan, HeadPlan head) =>
        head.Size == plan.OutputShape.Size ? "output" : $"output.Slice({head.Offset}, {head.Size})";

    /// <summary>
    /// A kernel call (a join's, given every operand) into <paramref name="output"/>, or into new scratch for a hidden
    /// layer, then the activation.
    /// </summary>
    private static LayerValues EmitLooped(MethodBody body, LayerPlan layer, IReadOnlyList<LayerValues> inputs, string? output)
    {
        CodeWriter code = body.Code;
        code.Line(layer.Unrolled ? layer.InferenceLoopComment : layer.CodeComment);
        foreach (LayerValues input in inputs)
        {
            body.EnsureSpan(input);
        }

        string destination = output ?? $"a{layer.Number}";
        if (output is null)
        {
            body.Allocate(destination, (int)layer.OutputShape.Size);
        }

        bool fused = layer.FusesActivation;
        if (layer is IJoinLayer join)
        {
            join.WriteJoin(code, inputs.Select(input => input.SpanName).ToList(), destination);
        }
        else
        {
            layer.WriteForward(code, inputs[0].SpanName, destination, fuse: fused);
        }

        string activate = fused ? "" : layer.Unit.ApplySpan(layer, destination, destination);
        if (activate.Length > 0)
        {
            code.Line(activate);
        }

        return LayerValues.Span(destination, (int)layer.OutputShape.Size);
    }
}

/// <summary>Which pass <see cref="ForwardEmitter.WriteBody"/> writes.</summary>
internal enum ForwardPass
{
    /// <summary><c>Forward</c>: a whole sample through the parameters.</summary>
    Whole,

    /// <summary><c>ForwardPacked</c>: a whole sample through the packed parameters.</summary>
    Packed,

    /// <summary><c>Step</c>: one step of a sequence, the recurrent layers advancing the caller's state.</summary>
    Step,

    /// <summary><c>StepPacked</c>: <c>Step</c> through the packed parameters.</summary>
    PackedStep,

    /// <summary><c>StepBatch</c>'s rest of a step: <c>Step</c> with its first layer's state already advanced in lanes.</summary>
    StepAfterLanes,

    /// <summary>
    /// <c>StepBlock</c>'s block: <c>Forward</c> over a block of steps whose recurrent layers and causal convolutions
    /// continue the caller's state and advance it (<see cref="Layers.IStreamingLayer.WriteBlock"/>).
    /// </summary>
    Block,

    /// <summary><c>StepBlockPacked</c>'s block: <see cref="Block"/> through the packed parameters.</summary>
    PackedBlock,
}
