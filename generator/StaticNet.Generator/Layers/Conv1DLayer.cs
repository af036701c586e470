using System.Collections.Generic;
using System.Globalization;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A 1-D convolution over the steps of a sequence, its features as channels (PyTorch's <c>nn.Conv1d</c> on the sequence
/// transposed), through the runtime's <c>Conv1DKernels</c>. A causal one of stride 1 streams (<c>CausalConvStream</c>),
/// its last <c>(kernel - 1) x dilation</c> input steps carried in the stream's state, and packs its weights tap by tap,
/// <c>[kernel x features, filters]</c>, so that each input scales a row of filters.
/// </summary>
internal sealed record Conv1DLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    int Kernel,
    int Stride,
    int PaddingBefore,
    int PaddingAfter,
    int Dilation,
    ActivationKind Activation,
    float Slope,
    bool HasBias = true)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, OutputShape.Features * InputShape.Features * Kernel,
        BiasOffset, HasBias ? OutputShape.Features : 0, (long)OutputShape.Size * InputShape.Features * Kernel),
    IStreamingLayer,
    IPackingLayer
{
    private const string Conv1DKernels = "global::StaticNet.Runtime.Conv1DKernels";

    private const string CausalConvStream = "global::StaticNet.Runtime.CausalConvStream";

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override string Kind => "Conv1D";

    private int Features => InputShape.Features;

    private int Filters => OutputShape.Features;

    /// <summary>The input steps a streamed step needs besides its own: the kernel's reach into the past.</summary>
    private int Remembered => (Kernel - 1) * Dilation;

    public override string WeightRole => $" [{Filters}, {Features}, {Kernel}] (filters, input features, taps {Dilation} step{(Dilation == 1 ? "" : "s")} apart)";

    /// <summary>
    /// Streams when each output step reads only its own and earlier input steps and there is one output step per input
    /// step: causal padding (all of it before) and stride 1. Other geometries read steps not seen yet.
    /// </summary>
    public bool Streams => Stride == 1 && PaddingAfter == 0 && PaddingBefore == Remembered;

    public override string NoStepReason => Stride != 1
        ? $"its stride of {Stride} skips input steps, so not every step gives an output step"
        : PaddingBefore < Remembered
            ? $"each output step reads {Remembered - PaddingBefore} input step{(Remembered - PaddingBefore == 1 ? "" : "s")} after its own; Causal = true pads before the sequence instead, and streams"
            : "its padding after the sequence needs the sequence's end; Causal = true pads before the sequence instead, and streams";

    /// <summary>The last <c>(kernel - 1) x dilation</c> input steps in a ring, then its position.</summary>
    public int StepStateCount => Remembered == 0 ? 0 : (Remembered * Features) + 1;

    /// <summary>Its filters' step goes to an output span of its own; the state holds input steps.</summary>
    public bool StepOutputIsState => false;

    public string StepStateRole =>
        Remembered == 0 ? "empty (one tap remembers nothing)" : $"its last {Remembered} input step{(Remembered == 1 ? "" : "s")} in a ring, then the ring's position";

    public IEnumerable<StatePart> StepStateParts
    {
        get
        {
            if (Remembered > 0)
            {
                yield return new StatePart("history", $"last {Remembered} input step{(Remembered == 1 ? "" : "s")}, in a ring", $"{Remembered}, {Features}", Remembered * Features);
                yield return new StatePart("position", "ring position (where its oldest step is)", "1", 1);
            }
        }
    }

    /// <summary>The window a step gathers.</summary>
    public int StepScratch => Features * Kernel;

    /// <summary>A causal convolution of stride 1 reads its packed copy (a streamed one's geometry); others read PyTorch's layout.</summary>
    public bool PacksWeights => Streams;

    public bool GainsFromPacking => Streams;

    /// <summary>Whether this pass reads the packed copy.</summary>
    private bool ReadsPacked => PackedWeights && PacksWeights;

    public void WritePacking(CodeWriter code) =>
        code.Line($"{CausalConvStream}.PackTaps(parameters.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), "
            + $"packed.Slice(Layer{Number}.WeightOffset, Layer{Number}.WeightCount), features: {Features}, kernel: {Kernel});");

    /// <summary><c>PackTaps</c>: packed <c>[kernel, features, filters]</c> from PyTorch's <c>[filters, features, kernel]</c>.</summary>
    public int PackedSource(int index)
    {
        int filter = index % Filters;
        int feature = index / Filters % Features;
        int tap = index / (Filters * Features);
        return (((filter * Features) + feature) * Kernel) + tap;
    }

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        if (ReadsPacked)
        {
            code.Line($"{CausalConvStream}.ForwardPacked({LayerCalls.Weights(Number)}, {BiasValues(Filters)}, {input}, {output}, features: {Features}, kernel: {Kernel}, dilation: {Dilation});");
            return;
        }

        code.Line($"{Conv1DKernels}.Forward({LayerCalls.Weights(Number)}, {BiasValues(Filters)}, {input}, {output},");
        code.Line($"    {Geometry});");
    }

    public void WriteStep(CodeWriter code, string input, string state, string scratch, string? output) =>
        code.Line($"{CausalConvStream}.{(ReadsPacked ? "StepPacked" : "Step")}({LayerCalls.Weights(Number)}, {BiasValues(Filters)}, {input}, {state}, {scratch}, {output}, kernel: {Kernel}, dilation: {Dilation});");

    public void WriteBlock(CodeWriter code, string input, string state, string output) =>
        code.Line($"{CausalConvStream}.{(ReadsPacked ? "BlockPacked" : "Block")}({LayerCalls.Weights(Number)}, {BiasValues(Filters)}, {input}, {state}, {output}, features: {Features}, kernel: {Kernel}, dilation: {Dilation});");

    public override string GradientComment(string input) =>
        $"dW{Number} += g{Number} ⊗ the windows of {input}{(HasBias ? $", db{Number} += g{Number}" : "")}, summed over the steps, then the";

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{Conv1DKernels}.Backward({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(Filters)}, {inputGradients},");
        code.Line($"    {Geometry});");
    }

    /// <summary>
    /// <c>Conv</c> between two transposes: ONNX convolves <c>[batch, channels, length]</c>, the sequence is
    /// <c>[batch, steps, features]</c>. A streamed step convolves, unpadded, the window of its remembered steps (read from
    /// the state's ring, oldest first) and this one (<see cref="WriteOnnxRing"/>). A layer without biases is exported with
    /// zero ones.
    /// </summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        writer.Line(Onnx.BeginLayer);
        int steps = InputShape.Steps, before = PaddingBefore, after = PaddingAfter;
        if (streaming)
        {
            steps = Remembered + 1;
            before = 0;
            after = 0;
            if (Remembered > 0)
            {
                WriteOnnxRing(writer);
            }
        }

        int outputSteps = ((steps + before + after - Remembered - 1) / Stride) + 1;
        Onnx.WriteNode(writer, "Transpose", "channels_first", ["graph.Current"], [Features, steps], Onnx.Ints("perm", 0, 2, 1));
        Onnx.WriteNode(writer, "Conv", null,
            [
                "graph.Current",
                Onnx.Initializer("weight", LayerCalls.Weights(Number), Filters, Features, Kernel),
                Onnx.Initializer("bias", BiasValues(Filters), Filters),
            ],
            [Filters, outputSteps],
            Onnx.Ints("kernel_shape", Kernel), Onnx.Ints("strides", Stride), Onnx.Ints("dilations", Dilation), Onnx.Ints("pads", before, after));
        Onnx.WriteNode(writer, "Transpose", "steps_first", ["graph.Current"], [outputSteps, Filters], Onnx.Ints("perm", 0, 2, 1));
    }

    /// <summary>
    /// A streamed step's window, as <c>StreamStep</c> keeps it: the ring's steps from its position on (GatherElements of
    /// <c>(position + age) mod R</c>) then this step; this step replaces the oldest (ScatterElements at the position),
    /// which moves on by one. Each stream of the batch has its own position.
    /// </summary>
    private void WriteOnnxRing(CodeWriter writer)
    {
        int steps = Remembered + 1;
        writer.OpenBlock();
        writer.Line($"// The window: the {Remembered} remembered steps, oldest first from the ring's position (both in the state), then this one.");
        writer.Line($"string ring = {Onnx.SideNode("Reshape", "history", [$"graph.State(\"history\", {Remembered * Features})", Onnx.Int64s("history_shape", 0, Remembered, Features)])};");
        writer.Line($"string position = {Onnx.SideNode("Cast", "position", ["graph.State(\"position\", 1)"], Onnx.Int("to", 7))};");
        writer.Line($"string oldest = {Onnx.SideNode("Reshape", "oldest", ["position", Onnx.Int64s("oldest_shape", 0, 1, 1)])};");
        writer.Line($"string ages = {Onnx.SideNode("Reshape", "ages", [$"graph.Int64Ramp(\"ages_values\", {Remembered})", Onnx.Int64s("ages_shape", Remembered, 1)])};");
        writer.Line($"string slots = {Onnx.SideNode("Mod", "slots", [Onnx.SideNode("Add", "slots_unwrapped", ["oldest", "ages"]), Onnx.Int64s("ring_length", Remembered)])};");
        writer.Line($"string indices = {Onnx.SideNode("Expand", "indices", ["slots", Onnx.SideNode("Shape", "ring_shape", ["ring"])])};");
        writer.Line($"string remembered = {Onnx.SideNode("GatherElements", "remembered", ["ring", "indices"], Onnx.Int("axis", 1))};");
        Onnx.WriteNode(writer, "Concat", "window", ["remembered", "graph.Current"], [steps, Features], Onnx.Int("axis", 1));
        writer.Line("// This step takes the oldest one's place; the position moves on.");
        writer.Line($"string newest = {Onnx.SideNode("Slice", "newest", ["graph.Current", Onnx.Int64s("newest_starts", Remembered), Onnx.Int64s("newest_ends", steps), Onnx.Int64s("newest_axes", 1)])};");
        writer.Line($"string at = {Onnx.SideNode("Expand", "at", ["oldest", Onnx.SideNode("Shape", "step_shape", ["newest"])])};");
        writer.Line($"string next = {Onnx.SideNode("ScatterElements", "next_ring", ["ring", "at", "newest"], Onnx.Int("axis", 1))};");
        writer.Line($"graph.NextState({Onnx.SideNode("Reshape", "next_history", ["next", Onnx.Int64s("next_history_shape", 0, Remembered * Features)])});");
        writer.Line($"string moved = {Onnx.SideNode("Mod", "moved", [Onnx.SideNode("Add", "moved_unwrapped", ["position", Onnx.Int64s("one", 1)]), Onnx.Int64s("position_limit", Remembered)])};");
        writer.Line($"graph.NextState({Onnx.SideNode("Cast", "next_position", ["moved"], Onnx.Int("to", 1))});");
        writer.Close();
    }

    /// <summary>
    /// He or Xavier by the activation that follows, biases zero (see <see cref="LayerPlan.WriteWeightInitialization"/>);
    /// PyTorch's fans count the taps in both.
    /// </summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) =>
        WriteWeightInitialization(writer, activated, (Features * Kernel, Filters * Kernel));

    /// <summary><c>nn.Conv1d</c>: weight <c>[out, in, kernel]</c>, then bias unless <c>bias=False</c>.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module)
    {
        yield return new($"{module}.weight", Number, "weights", $"{Filters}, {Features}, {Kernel}", false, WeightOffset, WeightCount);
        if (HasBias)
        {
            yield return new($"{module}.bias", Number, "biases", $"{Filters}", false, BiasOffset, BiasCount);
        }
    }

    private string Geometry =>
        $"features: {Features}, kernel: {Kernel}, stride: {Stride}, paddingBefore: {PaddingBefore}, paddingAfter: {PaddingAfter}, dilation: {Dilation}";
}

/// <summary><c>[Conv1D(filters, kernel, activation)]</c> with its named properties.</summary>
internal sealed record Conv1DDeclaration(
    Argument<int> Filters,
    Argument<int> Kernel,
    Argument<int> Activation,
    Argument<int> Stride,
    Argument<int> Padding,
    Argument<int> Dilation,
    Argument<bool>? Causal,
    Argument<float>? Slope,
    Argument<bool>? Bias,
    LocationInfo? Location)
    : LayerDeclaration("Conv1D", Location)
{
    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this with { Filters = set(Filters), Kernel = set(Kernel), Stride = set(Stride), Padding = set(Padding), Dilation = set(Dilation) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new Conv1DDeclaration(
        arguments.Int(0, 0),
        arguments.Int(1, 0),
        arguments.Int(2, (int)ActivationKind.Identity),
        arguments.NamedInt("Stride") ?? new Argument<int>(1, location),
        arguments.NamedInt("Padding") ?? new Argument<int>(0, location),
        arguments.NamedInt("Dilation") ?? new Argument<int>(1, location),
        arguments.NamedBool("Causal"),
        arguments.NamedFloat("Slope"),
        arguments.NamedBool("Bias"),
        location);

    public override bool TakesSequences => true;

    /// <summary>
    /// Needs a sequence (SN0055); padding from 0 to the kernel's reach (SN0024), not beside <c>Causal</c> (SN0058); a
    /// kernel spanning no more steps than the padded input unless causal (SN0057); softmax and PReLU per step not yet (SN0056).
    /// PyTorch's floor division of the steps.
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int filters = planner.Positive(Filters, "Conv1D filters");
        int kernel = planner.Positive(Kernel, "Conv1D kernel");
        int stride = planner.Positive(Stride, "Stride");
        int dilation = planner.Positive(Dilation, "Dilation");
        ActivationUnit activation = planner.CheckActivation(Activation, Slope);
        float slope = Slope?.Value ?? 0.01f;
        long reach = (long)(kernel - 1) * dilation;
        bool causal = Causal?.Value ?? false;
        int padding = Padding.Value;
        if (padding < 0 || padding > reach)
        {
            planner.Report(DiagnosticDescriptors.InvalidPadding, Padding.Location, reach + 1, padding);
            padding = 0;
        }
        else if (causal && padding != 0)
        {
            planner.Report(DiagnosticDescriptors.CausalWithPadding, Padding.Location, reach, padding);
            padding = 0;
        }

        if (!planner.RequireSequence(this, input))
        {
            return Shape.Sequence(1, filters);
        }

        if (!activation.TakesSequences)
        {
            planner.Report(DiagnosticDescriptors.NotYetOnSequences, Location, "Conv1D", $"Activation.{activation.Kind}");
            return Shape.Sequence(input.Steps, filters);
        }

        // A causal kernel always fits its padded input, however far back it reaches: Forward reads zeros there, and a
        // stream (Step) its history, as an amp model's dilated stack does.
        long before = causal ? reach : padding;
        long after = causal ? 0 : padding;
        long padded = input.Steps + before + after;
        if (!causal && reach + 1 > padded)
        {
            planner.Report(
                DiagnosticDescriptors.KernelSpansMoreSteps, Kernel.Location, reach + 1, kernel, dilation, padded, input,
                padding.ToString(CultureInfo.InvariantCulture), "its output would be empty");
            return Shape.Sequence(1, filters);
        }

        var output = Shape.Sequence((int)(((padded - reach - 1) / stride) + 1), filters);
        long weights = (long)filters * input.Features * kernel;
        bool bias = Bias?.Value ?? true;
        int offset = planner.ReserveParameters(weights + (bias ? filters : 0));
        planner.CheckSize(output.Size, "values in one layer");
        string geometry = (stride == 1 ? "" : $", stride {stride}") + (dilation == 1 ? "" : $", dilation {dilation}")
            + (causal ? ", causal" : padding == 0 ? "" : $", padding {padding}") + (bias ? "" : ", no bias");
        planner.AddIfSized(new Conv1DLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("Conv1D", $"{filters}, {kernel}", activation, slope, geometry),
            input,
            output,
            offset,
            (int)System.Math.Min(offset + weights, int.MaxValue),
            kernel,
            stride,
            (int)before,
            (int)after,
            dilation,
            activation.Kind,
            slope,
            bias));
        return output;
    }
}
