using System.Collections.Generic;
using System.Linq;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// What a GRU and an LSTM share: PyTorch's one-layer, <c>batch_first</c> recurrent layout (<c>weight_ih [G·H, I]</c>,
/// <c>weight_hh [G·H, H]</c>, <c>bias_ih [G·H]</c>, <c>bias_hh [G·H]</c> for <see cref="Gates"/> gates), a runtime kernel
/// class with <c>Forward</c> and <c>Backward</c> over whole sequences, and PyTorch's uniform initialisation.
/// </summary>
internal abstract record RecurrentLayerPlan(int Number, string Description, Shape InputShape, Shape OutputShape, int Offset, int Gates)
    : LayerPlan(
        Number, Description, InputShape, OutputShape,
        Offset, Gates * OutputShape.Features * (InputShape.Features + OutputShape.Features),
        Offset + (Gates * OutputShape.Features * (InputShape.Features + OutputShape.Features)), 2 * Gates * OutputShape.Features,
        (long)InputShape.Steps * Gates * OutputShape.Features * (InputShape.Features + OutputShape.Features)),
    ILaneStreamingLayer,
    IStateTrainingLayer,
    IPackingLayer
{
    protected int Features => InputShape.Features;

    protected int Hidden => OutputShape.Features;

    /// <summary>The runtime class that runs it, e.g. <c>global::StaticNet.Runtime.GruKernels</c>.</summary>
    protected abstract string Kernels { get; }

    /// <summary>Its method of the runtime's <c>StreamLanes</c>, which steps a block of streams side by side: <c>Gru</c>.</summary>
    protected abstract string LanesKernel { get; }

    /// <summary>The gates in PyTorch's order, for comments: <c>r, z, n</c>.</summary>
    protected abstract string GateOrder { get; }

    /// <summary>The ONNX operator that runs it: <c>GRU</c>, <c>LSTM</c>.</summary>
    protected abstract string OnnxOperator { get; }

    /// <summary>For each of ONNX's gates in its order, the PyTorch gate it is.</summary>
    protected abstract int[] OnnxGateOrder { get; }

    /// <summary>The operator's attributes beside <c>hidden_size</c>.</summary>
    protected abstract string[] OnnxAttributes { get; }

    /// <summary>The state the operator carries: <c>initial_h</c> (and an LSTM's <c>initial_c</c>), in the step state's order.</summary>
    protected abstract int StateParts { get; }

    /// <summary>No activation argument: the gates' sigmoids and tanh are the kernel's.</summary>
    public override bool HasActivation => false;

    public override ActivationKind Activation => ActivationKind.Identity;

    public override float Slope => 0f;

    public override string WeightRole => $" weight_ih [{Gates * Hidden}, {Features}] then weight_hh [{Gates * Hidden}, {Hidden}], gates {GateOrder}";

    public override string BiasRole => $" bias_ih [{Gates * Hidden}] then bias_hh [{Gates * Hidden}]";

    /// <summary>
    /// The whole sequence: at inference with the gates <c>Step</c> streams with (rational tanh, the sigmoids made from it),
    /// in training with the one-ulp gates the backward pass replays.
    /// </summary>
    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{Kernels}.{(PackedWeights ? "ForwardPacked" : "Forward")}{(AtInference ? "AtInference" : "")}({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {input}, {output}, features: {Features}, hidden: {Hidden});");

    /// <summary>
    /// Both weight matrices transposed in the packed copy (<c>[I, G·H]</c>, <c>[H, G·H]</c>): each input and state value
    /// then scales a row of gates, where the usual layout ends every gate in a horizontal sum. A streamed LSTM-16 step
    /// measured 104 ns unpacked, about 67 packed (one harness, the same machine).
    /// </summary>
    public bool PacksWeights => true;

    public bool GainsFromPacking => true;

    public void WritePacking(CodeWriter code)
    {
        int rows = Gates * Hidden;
        code.Line($"{RuntimeCalls.DenseKernels}.Transpose(parameters.Slice(Layer{Number}.WeightOffset, {rows * Features}), "
            + $"packed.Slice(Layer{Number}.WeightOffset, {rows * Features}), rows: {rows}, columns: {Features});");
        code.Line($"{RuntimeCalls.DenseKernels}.Transpose(parameters.Slice(Layer{Number}.WeightOffset + {rows * Features}, {rows * Hidden}), "
            + $"packed.Slice(Layer{Number}.WeightOffset + {rows * Features}, {rows * Hidden}), rows: {rows}, columns: {Hidden});");
    }

    /// <summary>The input's gate weights transposed, then the state's.</summary>
    public int PackedSource(int index)
    {
        int rows = Gates * Hidden;
        int inputWeights = rows * Features;
        return index < inputWeights ? PackingOrder.Transposed(index, rows, Features) : inputWeights + PackingOrder.Transposed(index - inputWeights, rows, Hidden);
    }

    public override string GradientComment(string input) =>
        $"dW{Number}, db{Number} by backpropagation through time from g{Number} (every step's) and {input}, then the";

    /// <summary>Backpropagation through time, the kernel replaying the forward pass for the gates it needs.</summary>
    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{Kernels}.Backward({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients}, features: {Features}, hidden: {Hidden});");
    }

    /// <summary>A window continuing a stream: the kernel starts from the carried state (see <c>GruKernels.ForwardFrom</c>).</summary>
    public void WriteForwardFrom(CodeWriter code, string start, string input, string output, string end) =>
        code.Line($"{Kernels}.ForwardFrom({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {start}, {input}, {output}, {end}, features: {Features}, hidden: {Hidden});");

    /// <summary>Backpropagation through the window only: the gradient stops at its start state.</summary>
    public void WriteBackwardFrom(CodeWriter code, string start, string input, string gradient, string inputGradients)
    {
        code.Line($"{Kernels}.BackwardFrom({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {start}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients}, features: {Features}, hidden: {Hidden});");
    }

    /// <summary>Every recurrent layer advances one step at a time.</summary>
    public bool Streams => true;

    public abstract int StepStateCount { get; }

    public abstract string StepStateRole { get; }

    public abstract IEnumerable<StatePart> StepStateParts { get; }

    /// <summary>The new hidden state is the step's output.</summary>
    public bool StepOutputIsState => true;

    public void WriteStep(CodeWriter code, string input, string state, string scratch, string? output) =>
        code.Line($"{Kernels}.{(PackedWeights ? "StreamStepPacked" : "StreamStep")}({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {input}, {state}, {scratch}, hidden: {Hidden});");

    public void WriteBlock(CodeWriter code, string input, string state, string output) =>
        code.Line($"{Kernels}.{(PackedWeights ? "StreamBlockPacked" : "StreamBlock")}({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {input}, {state}, {output}, features: {Features}, hidden: {Hidden});");

    public string LanesCondition => $"{RuntimeCalls.StreamLanes}.MatchStep(features: {Features}, hidden: {Hidden})";

    public void WriteStepLanes(CodeWriter code, int stateOffset, string first, string stateLanes) =>
        code.Line($"{RuntimeCalls.StreamLanes}.{LanesKernel}({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, inputs, states, StreamStateCount, "
            + $"stateOffset: {stateOffset}, features: {Features}, hidden: {Hidden}, {first}, {stateLanes});");

    /// <summary>Both gate products: the input's and the state's.</summary>
    public int StepScratch => 2 * Gates * Hidden;

    /// <summary>
    /// The one-layer operator, which ONNX runs time-major: the input transposed to <c>[steps, batch, features]</c>, its
    /// <c>Y [steps, 1, batch, hidden]</c> squeezed and transposed back. Every tensor's rows regrouped from PyTorch's gate
    /// order into ONNX's; <c>B</c> is both biases, the input's then the state's. A streamed step takes its state as
    /// <c>initial_h</c> (<c>initial_c</c>) and gives <c>Y_h</c> (<c>Y_c</c>) as the next.
    /// </summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        int rows = Gates * Hidden;
        string order = string.Join(", ", OnnxGateOrder);
        string biasOrder = string.Join(", ", OnnxGateOrder.Concat(OnnxGateOrder.Select(gate => gate + Gates)));
        string weights = LayerCalls.Weights(Number);
        string[] inputs =
        [
            "graph.Current",
            Onnx.Initializer("W", $"{Blocks}({weights}.Slice(0, {rows * Features}), {Hidden * Features}, {order})", 1, rows, Features),
            Onnx.Initializer("R", $"{Blocks}({weights}.Slice({rows * Features}), {Hidden * Hidden}, {order})", 1, rows, Hidden),
            Onnx.Initializer("B", $"{Blocks}({LayerCalls.Biases(Number)}, {Hidden}, {biasOrder})", 1, 2 * rows),
        ];
        string[] attributes = [Onnx.Int("hidden_size", Hidden), .. OnnxAttributes];
        long[] steps = Onnx.Dimensions(OutputShape, streaming);
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Transpose", "time_major", ["graph.Current"], Onnx.Dimensions(InputShape, streaming), Onnx.Ints("perm", 1, 0, 2));
        if (streaming)
        {
            writer.OpenBlock();
            writer.Line($"// The state's part{(StateParts == 1 ? "" : "s")} as the operator's initial state, [1, batch, {Hidden}]; its final state is the next.");
            writer.Line($"string front = {Onnx.Int64s("direction_front", 0)};");
            string[] finals = new string[StateParts];
            for (int part = 0; part < StateParts; part++)
            {
                finals[part] = part == 0 ? "finalHidden" : "finalCell";
                writer.Line($"string {finals[part]} = graph.NewName(\"{(part == 0 ? "Y_h" : "Y_c")}\");");
            }

            string[] initial = Enumerable.Range(0, StateParts)
                .Select(part => Onnx.SideNode("Unsqueeze", $"initial{part}", [$"graph.State(\"state{part}\", {Hidden})", "front"])).ToArray();
            // No sequence lengths (""); the final states are the operator's further outputs, before its attributes.
            Onnx.WriteNode(writer, OnnxOperator, "", [.. inputs, "\"\"", .. initial], steps, [Onnx.Strings(finals), .. attributes]);
            foreach (string final in finals)
            {
                writer.Line($"graph.NextState({Onnx.SideNode("Squeeze", "next", [final, "front"])});");
            }

            writer.Close();
        }
        else
        {
            Onnx.WriteNode(writer, OnnxOperator, null, inputs, steps, attributes);
        }

        Onnx.WriteNode(writer, "Squeeze", null, ["graph.Current", Onnx.Int64s("direction_axis", 1)], steps);
        Onnx.WriteNode(writer, "Transpose", "batch_major", ["graph.Current"], steps, Onnx.Ints("perm", 1, 0, 2));
    }

    private const string Blocks = "global::StaticNet.Onnx.OnnxGraph.Blocks";

    /// <summary>PyTorch's names for a one-layer recurrent module.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module)
    {
        int rows = Gates * Hidden;
        yield return new($"{module}.weight_ih_l0", Number, "input weights", $"{rows}, {Features}", false, WeightOffset, rows * Features);
        yield return new($"{module}.weight_hh_l0", Number, "recurrent weights", $"{rows}, {Hidden}", false, WeightOffset + (rows * Features), rows * Hidden);
        yield return new($"{module}.bias_ih_l0", Number, "input biases", $"{rows}", false, BiasOffset, rows);
        yield return new($"{module}.bias_hh_l0", Number, "recurrent biases", $"{rows}", false, BiasOffset + rows, rows);
    }

    /// <summary>As PyTorch: every weight and bias uniform in <c>±1/sqrt(hidden)</c>.</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated)
    {
        string bound = RuntimeCalls.Float((float)(1.0 / System.Math.Sqrt(Hidden)));
        writer.Line($"// Layer {Number}: {Description}: uniform in ±1/sqrt({Hidden}), weights and biases, as PyTorch.");
        writer.Line($"global::StaticNet.Training.Initializers.Uniform({LayerCalls.Weights(Number)}, {bound}, ref random);");
        writer.Line($"global::StaticNet.Training.Initializers.Uniform({LayerCalls.Biases(Number)}, {bound}, ref random);");
    }
}

/// <summary>A recurrent layer's attribute: its hidden size.</summary>
internal abstract record RecurrentDeclaration(string Attribute, Argument<int> Hidden, LocationInfo? Location)
    : LayerDeclaration(Attribute, Location)
{
    public override bool TakesSequences => true;

    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this with { Hidden = set(Hidden) };

    /// <summary>Gates per hidden unit: 3 for a GRU, 4 for an LSTM.</summary>
    protected abstract int Gates { get; }

    protected abstract LayerPlan Create(int number, Shape input, Shape output, int offset);

    /// <summary>Needs a sequence (SN0055); outputs every step's hidden state.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int hidden = planner.Positive(Hidden, $"{AttributeName} hidden size");
        if (!planner.RequireSequence(this, input))
        {
            return Shape.Sequence(1, hidden);
        }

        var output = Shape.Sequence(input.Steps, hidden);
        planner.CheckSize(output.Size, "values in one layer");
        int offset = planner.ReserveParameters((long)Gates * hidden * (input.Features + hidden + 2));
        planner.AddIfSized(Create(planner.NextNumber, input, output, offset));
        return output;
    }
}
