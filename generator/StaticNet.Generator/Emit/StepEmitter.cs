using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the streaming API of a network over sequences (<see cref="NetworkPlan.CanStream"/>): <c>StreamStateCount</c>,
/// <c>ResetState</c> and <c>Step</c>, which runs one time step with the recurrent state in a span the caller owns, as an
/// audio callback or a controller loop takes its samples one at a time. Steps streamed one after another give the bits
/// of <c>Forward</c> over the whole sequence.
/// </summary>
internal static class StepEmitter
{
    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        Shape output = plan.OutputShape;
        int stepOutput = output.IsSequence ? output.Features : (int)output.Size;
        writer.Line($"/// <summary>The values a streaming <c>Step</c> carries from one step to the next: every recurrent layer's state.</summary>");
        writer.MemberLine($"public const int StreamStateCount = {plan.StreamStateCount};");
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// What the streaming state holds, layer by layer, named after the layers as their tensors are (a GRU's <c>h</c>, an");
        writer.Line("/// LSTM's <c>h</c> and <c>c</c>, a causal convolution's <c>history</c>), each with its shape and offset in the state.");
        writer.Line("/// </summary>");
        writer.MemberLine($"public static global::System.Collections.Generic.IReadOnlyList<{SafeTensorsEmitter.Slot}> StreamStateSlots {{ get; }} = new {SafeTensorsEmitter.Slot}[]");
        writer.Line("{");
        foreach (TensorLayout.Tensor part in TensorLayout.StreamState(plan))
        {
            writer.Line($"    {SafeTensorsEmitter.New(part)},");
        }

        writer.Line("};");
        writer.Line();
        writer.Line("/// <summary>The values of one step of the input sequence: what <c>Step</c> reads.</summary>");
        writer.MemberLine($"public const int StepInputSize = {plan.InputShape.Features};");
        writer.Line();
        writer.Line(output.IsSequence
            ? "/// <summary>What <c>Step</c> writes: the output sequence's step (the same step of <c>Forward</c>'s output).</summary>"
            : "/// <summary>What <c>Step</c> writes: the network's output for the sequence so far, as <c>Forward</c> would give it.</summary>");
        writer.MemberLine($"public const int StepOutputSize = {stepOutput};");
        writer.Line();
        writer.Line("/// <summary>Sets a streaming state to the start of a sequence (zeros, as PyTorch's default initial state).</summary>");
        writer.Line("/// <param name=\"state\">The state: <c>StreamStateCount</c> values.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Member($"public static void ResetState({RuntimeCalls.Span} state)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StreamStateCount, \"state\");");
        writer.Line("state.Clear();");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Runs one time step: advances <paramref name=\"state\"/> by the step <paramref name=\"input\"/> and writes the step's output.");
        writer.Line("/// Streaming a sequence step by step from a reset state gives, bit for bit, what <c>Forward</c> gives for the whole");
        writer.Line("/// sequence. Allocation-free; the state is the caller's, so one network serves any number of streams.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {Counted.Of(plan.ParameterCount, "parameter")}.</param>");
        writer.Line("/// <param name=\"state\">The stream's state (<c>StreamStateCount</c> values), updated in place.</param>");
        writer.Line($"/// <param name=\"input\">One step: {Counted.Of(plan.InputShape.Features, "value")}.</param>");
        writer.Line($"/// <param name=\"output\">Receives the step's {Counted.Of(stepOutput, "output")}.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void Step({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        ForwardEmitter.WriteBody(writer, plan, ForwardPass.Step);
        writer.Line();
        WriteStepBlock(writer, plan, packed: false);
        if (!plan.HasPackedForm)
        {
            return;
        }

        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// <c>Step</c> on the copy <c>PackParameters</c> made: streaming a sequence step by step gives, bit for bit, what");
        writer.Line("/// <c>ForwardPacked</c> gives for the whole of it (and <c>Step</c>'s values to rounding). The recurrent layers' inputs");
        writer.Line("/// and states scale whole vectors of gates instead of each gate ending in a horizontal sum. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"packed\">The parameters as <c>PackParameters</c> wrote them.</param>");
        writer.Line("/// <param name=\"state\">The stream's state (<c>StreamStateCount</c> values), updated in place.</param>");
        writer.Line($"/// <param name=\"input\">One step: {Counted.Of(plan.InputShape.Features, "value")}.</param>");
        writer.Line($"/// <param name=\"output\">Receives the step's {Counted.Of(stepOutput, "output")}.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void StepPacked({RuntimeCalls.ReadOnlySpan} packed, {RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(packed.Length, ParameterCount, \"packed\");");
        writer.Line(ForwardEmitter.PackedParameters);
        ForwardEmitter.WriteBody(writer, plan, ForwardPass.PackedStep);
        writer.Line();
        WriteStepBlock(writer, plan, packed: true);
    }

    /// <summary>
    /// <c>StepBlock</c> (or <c>StepBlockPacked</c>): any number of steps at once, as a host's audio buffer of 64 or 256
    /// samples brings them, the bits of a <c>Step</c> per step. Where <see cref="NetworkPlan.StepsInBlocks"/>, whole
    /// blocks of the declared steps run each layer over the block (<c>StepWholeBlock</c>: the recurrent layers and causal
    /// convolutions continue the state), the rest step by step.
    /// </summary>
    private static void WriteStepBlock(CodeWriter writer, NetworkPlan plan, bool packed)
    {
        string name = packed ? "StepBlockPacked" : "StepBlock";
        string step = packed ? "StepPacked" : "Step";
        string weights = packed ? "packed" : "parameters";
        int steps = plan.InputShape.Steps;
        writer.Line("/// <summary>");
        writer.Line($"/// Runs any number of time steps at once: advances <paramref name=\"state\"/> by the steps in <paramref name=\"inputs\"/> and");
        writer.Line($"/// writes each step's output to <paramref name=\"outputs\"/>, the bits of a <c>{step}</c> per step.");
        writer.Line(plan.StepsInBlocks
            ? $"/// Each whole block of {Counted.Of(steps, "step")} (the declared input) runs layer by layer over the block; the rest step by step."
            : "/// Step by step: this network's output is not every step of one sequence, so it has no layer-by-layer block.");
        writer.Line("/// Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line(packed
            ? "/// <param name=\"packed\">The parameters as <c>PackParameters</c> wrote them.</param>"
            : $"/// <param name=\"parameters\">All {Counted.Of(plan.ParameterCount, "parameter")}.</param>");
        writer.Line("/// <param name=\"state\">The stream's state (<c>StreamStateCount</c> values), updated in place.</param>");
        writer.Line("/// <param name=\"inputs\">The steps one after another: a positive multiple of <c>StepInputSize</c> values.</param>");
        writer.Line("/// <param name=\"outputs\">Receives <c>StepOutputSize</c> outputs per step, in the same order.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void {name}({RuntimeCalls.ReadOnlySpan} {weights}, {RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length({weights}.Length, ParameterCount, \"{weights}\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StreamStateCount, \"state\");");
        writer.Line($"int steps = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, StepInputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(outputs.Length, steps * StepOutputSize, \"outputs\");");
        writer.Line("int done = 0;");
        if (plan.StepsInBlocks)
        {
            writer.Open($"for (; done + {steps} <= steps; done += {steps})");
            writer.Line($"{name.Replace("StepBlock", "StepWholeBlock")}({weights}, state, inputs.Slice(done * StepInputSize, InputSize), outputs.Slice(done * StepOutputSize, OutputSize));");
            writer.Close();
            writer.Line();
        }

        writer.Open("for (; done < steps; done++)");
        writer.Line($"{step}({weights}, state, inputs.Slice(done * StepInputSize, StepInputSize), outputs.Slice(done * StepOutputSize, StepOutputSize));");
        writer.Close();
        writer.Close();
        if (!plan.StepsInBlocks)
        {
            return;
        }

        writer.Line();
        writer.Line($"/// <summary><c>{name}</c>'s whole block of {Counted.Of(steps, "step")}: each layer over the block, the state continued and advanced.</summary>");
        writer.Member($"private static void {name.Replace("StepBlock", "StepWholeBlock")}({RuntimeCalls.ReadOnlySpan} {weights}, {RuntimeCalls.Span} state, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        if (packed)
        {
            writer.Line(ForwardEmitter.PackedParameters);
        }

        ForwardEmitter.WriteBody(writer, plan, packed ? ForwardPass.PackedBlock : ForwardPass.Block);
    }
}
