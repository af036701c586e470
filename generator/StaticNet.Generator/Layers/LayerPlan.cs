using System.Collections.Generic;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// One checked layer: its shapes, where its parameters sit in the flat span, its cost, and everything the emitters
/// write for it. Each kind is one sealed record in its own file under <c>Layers/</c>; the emitters call these members
/// and never test for a kind, so the compiler lists what a new kind has not written yet.
/// <see cref="Number"/> counts layers after the input from 1, as the generated <c>LayerN</c> classes do.
/// </summary>
internal abstract record LayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    long MultiplyAccumulates)
{
    /// <summary>
    /// The values the layer reads, by layer number (0 is the network's input): the layer above it, the one its <c>From</c>
    /// names, or a join's operands in order. The planner sets it as it adds the layer.
    /// </summary>
    public EquatableArray<int> Sources { get; init; } = EquatableArray<int>.Empty;

    /// <summary>The layer's <c>Name</c>, or null when the user gave it none.</summary>
    public string? LayerName { get; init; }

    /// <summary>What the summary (and a graph's tensor names) call the layer when it has no Name: <c>layer3</c>.</summary>
    public string AutomaticName => $"layer{Number}";

    /// <summary>The value the layer reads: its one source (a join's first operand).</summary>
    public int Source => Sources.Count == 0 ? Number - 1 : Sources[0];

    /// <summary>How messages and comments call the layer: <c>layer 3 'trunk' (Dense(32, ReLU))</c>.</summary>
    public string Label => LayerName is null ? $"layer {Number} ({Description})" : $"layer {Number} '{LayerName}' ({Description})";

    /// <summary>The layer whose weights this one uses (<c>Shares</c>, <c>TransposeOf</c>), or null when they are its own.</summary>
    public int? WeightOwner { get; init; }

    /// <summary>The layer whose biases this one uses (<c>Shares</c>), or null when they are its own.</summary>
    public int? BiasOwner { get; init; }

    /// <summary>Where a PReLU's slopes start when the biases before them are another layer's.</summary>
    public int? OwnSlopeOffset { get; init; }

    /// <summary>The parameters the layer adds: its own weights, biases and PReLU slopes (a layer that shares adds fewer).</summary>
    public int ParameterCount => (WeightOwner is null ? WeightCount : 0) + (BiasOwner is null ? BiasCount : 0) + SlopeCount;

    /// <summary>How many values the activation treats alike: one per feature of a flat output, H·W per channel of a volume.</summary>
    public int ActivationPlaneSize => OutputShape.IsFlat ? 1 : OutputShape.Height * OutputShape.Width;

    /// <summary>A PReLU activation's learned slopes, one per feature or channel of the output; none for other activations.</summary>
    public int SlopeCount => Unit.LearnsSlopes ? (int)(OutputShape.Size / ActivationPlaneSize) : 0;

    /// <summary>Where the PReLU slopes start in the parameter span: right after the biases.</summary>
    public int SlopeOffset => OwnSlopeOffset ?? BiasOffset + BiasCount;

    /// <summary>
    /// How the layer takes part in a streaming <c>Step</c>: a layer on flat values runs as in <c>Forward</c>; a layer on a
    /// sequence must advance one step at a time (recurrent), pass the step through (<c>LastStep</c>, dropout), or the
    /// network gets no <c>Step</c> (a layer that mixes steps, such as <c>Flatten</c> of a sequence).
    /// </summary>
    public virtual StepRole StepRole => InputShape.IsSequence ? StepRole.Unsupported : StepRole.AsInForward;

    /// <summary>The values a recurrent layer carries from one streaming step to the next.</summary>
    public virtual int StepStateCount => 0;

    /// <summary>What those values are, for the streaming step's comment: <c>the hidden state</c>.</summary>
    public virtual string StepStateRole => "";

    /// <summary>
    /// Whether a recurrent layer's step output is the start of its carried state (a GRU's hidden state) rather than
    /// values it writes into an output span of its own (a causal convolution's filters).
    /// </summary>
    public virtual bool StepOutputIsState => false;

    /// <summary>
    /// Writes one streaming step of a recurrent layer: <paramref name="input"/> is one step's values,
    /// <paramref name="state"/> its carried values, updated in place; the step's <c>OutputShape.Features</c> outputs go
    /// to <paramref name="output"/>, or are the first of the state where <see cref="StepOutputIsState"/> (then
    /// <paramref name="output"/> is null). <paramref name="scratch"/> names a span of <see cref="StepScratch"/> floats.
    /// </summary>
    public virtual void WriteStep(CodeWriter code, string input, string state, string scratch, string? output)
    {
    }

    /// <summary>The scratch a recurrent layer's step needs.</summary>
    public virtual int StepScratch => 0;

    /// <summary>The type name shown in the summary, e.g. <c>Dense</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the layer takes an activation argument (Dense, Conv2D, BatchNorm), so a loss can ask for one.</summary>
    public virtual bool HasActivation => false;

    /// <summary>The function applied to the layer's weighted sums; Identity for layers without one.</summary>
    public virtual ActivationKind Activation => ActivationKind.Identity;

    /// <summary>
    /// Whether the layer is an activation alone (<c>[Activate]</c>): one module of the equivalent <c>nn.Sequential</c>,
    /// not a module followed by its activation's, and a PReLU's slopes are its own <c>weight</c>.
    /// </summary>
    public virtual bool IsActivationModule => false;

    /// <summary>What the layer's activation writes: its unit (computed from <see cref="Activation"/>, so not part of the model's equality).</summary>
    public ActivationUnit Unit => ActivationUnits.Of(Activation);

    /// <summary>The LeakyReLU slope (unused by other activations).</summary>
    public virtual float Slope => 0f;

    /// <summary>Whether the layer is straight-line code on locals rather than a kernel call on spans.</summary>
    public virtual bool Unrolled => false;

    /// <summary>Where the layer's state (values that are saved but not trained) starts in the state span.</summary>
    public virtual int StateOffset => 0;

    /// <summary>How many state values the layer keeps.</summary>
    public virtual int StateCount => 0;

    /// <summary>Whether the layer only views its input's values differently (Flatten): no code in any pass, its output shares its input's values.</summary>
    public virtual bool IsView => false;

    /// <summary>Whether the layer passes its values through unchanged at inference (Dropout): no code in Forward.</summary>
    public virtual bool IsIdentityAtInference => false;

    /// <summary>Whether its batch kernel reuses each weight for several samples, so large batches go layer by layer.</summary>
    public virtual bool ReusesWeightsAcrossSamples => false;

    /// <summary>
    /// Set on the copies of the plan that write <c>ForwardPacked</c>: the parameters it reads are the packed copy
    /// <c>PackParameters</c> makes, in which each layer that <see cref="PacksWeights"/> has its weights transposed.
    /// </summary>
    public bool PackedWeights { get; init; }

    /// <summary>Whether <c>PackParameters</c> stores its weights in another order (see <see cref="WritePacking"/>).</summary>
    public virtual bool PacksWeights => false;

    /// <summary>
    /// Whether its <c>ForwardPacked</c> code runs a faster kernel than its <c>Forward</c> code: networks where no layer
    /// does get neither method (unrolled layers read each weight by a constant index, whatever the layout).
    /// </summary>
    public virtual bool GainsFromPacking => false;

    /// <summary>Writes, into <c>PackParameters</c>, the reordering of its own weights from <c>parameters</c> into <c>packed</c>.</summary>
    public virtual void WritePacking(CodeWriter code)
    {
    }

    /// <summary>
    /// Whether its batch kernel does better than its single-sample code run once per sample, however small the layer
    /// (a looped dense layer's batch kernel skips the horizontal sums that end every dot product of one sample).
    /// </summary>
    public virtual bool BatchKernelBeatsSampleLoop => false;

    /// <summary>Whether a linear layer right before it should be initialised for this layer's activation (BatchNorm).</summary>
    public virtual bool ActivatesPreviousLayer => false;

    /// <summary>A comment naming the layer, its shapes, and how its code is shaped.</summary>
    public string CodeComment =>
        $"// Layer {Number}: {Description}, {InputShape} -> {OutputShape}, " + (Unrolled ? "unrolled." : "looped.");

    /// <summary>The comment on an unrolled layer that inference runs through its kernel (<see cref="IUnrollableLayer.LoopsInferenceOver"/>).</summary>
    public string InferenceLoopComment =>
        $"// Layer {Number}: {Description}, {InputShape} -> {OutputShape}, looped here: its inputs are in a span (training unrolls it).";

    /// <summary>
    /// The start of Backward's comment on this layer: what it adds to the parameter gradients (from the sums' gradient
    /// <c>g{n}</c> and its <paramref name="input"/>), ending before "gradient flows to ...".
    /// </summary>
    public virtual string GradientComment(string input) =>
        WeightCount == 0 ? "The"
        : BiasCount == 0 ? $"dW{Number} += g{Number} ⊗ {input} (no biases), then the"
        : $"dW{Number} += g{Number} ⊗ {input}, db{Number} += g{Number}, then the";

    /// <summary>Whether saved weights depend on this layer (dropout's rate does not shape them).</summary>
    public virtual bool ShapesWeights => true;

    /// <summary>
    /// Writes <paramref name="output"/> = the layer's weighted sums (or pooled or normalised values) of one sample's
    /// <paramref name="input"/>, before its activation; with <paramref name="fuse"/>, the kernel applies the
    /// activation as it writes (only where <see cref="FusesActivation"/>).
    /// </summary>
    public abstract void WriteForward(CodeWriter code, string input, string output, bool fuse = false);

    /// <summary>
    /// Adds one sample's parameter gradients from <paramref name="gradient"/> (dLoss/d its sums) and writes dLoss/d
    /// its input to <paramref name="inputGradients"/> (the kernels skip an empty span).
    /// </summary>
    public abstract void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients);

    /// <summary>
    /// <see cref="WriteForward"/> over a batch of samples laid out one after another (<c>batch</c> in scope); by
    /// default a loop over the samples, overridden where a kernel takes the whole batch.
    /// </summary>
    public virtual void WriteForwardBatch(CodeWriter code, string inputs, string outputs) =>
        LayerCalls.EachSample(code, (int)InputShape.Size, (int)OutputShape.Size, inputs, outputs, (input, output) => WriteForward(code, input, output));

    /// <summary>
    /// <see cref="WriteBackward"/> over a batch: parameter gradients summed over its samples, input gradients written
    /// per sample unless <paramref name="inputGradients"/> is <see cref="LayerCalls.NoGradients"/>.
    /// </summary>
    public virtual void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        if (ParameterCount == 0 && inputGradients == LayerCalls.NoGradients)
        {
            code.Line("// Nothing to do: no parameters, and the input's gradients are not wanted.");
            return;
        }

        int inputSize = (int)InputShape.Size;
        string inputGradientsOfSample = inputGradients == LayerCalls.NoGradients ? LayerCalls.NoGradients : $"{inputGradients}.Slice(sample * {inputSize}, {inputSize})";
        LayerCalls.EachSample(code, inputSize, (int)OutputShape.Size, inputs, gradients,
            (input, gradient) => WriteBackward(code, input, gradient, inputGradientsOfSample));
    }

    /// <summary>
    /// Whether the layer's kernel applies its activation as it writes, saving a pass over the output: a convolution's
    /// ReLU, and a dense layer's ReLU, tanh or sigmoid in the broadcast kernel of weights stored <c>[inputs, outputs]</c>
    /// (in the row kernel of <c>[outputs, inputs]</c> weights an 8-wide activation per row block measured slower).
    /// </summary>
    public virtual bool FusesActivation => false;

    /// <summary>
    /// Writes the layer's ONNX nodes through the runtime's generic builder (<c>graph</c>, <c>parameters</c> and <c>state</c>
    /// in scope; see <see cref="Onnx"/>): it begins the layer, adds its initializers and nodes, and leaves its output,
    /// of its output shape, current. The emitter writes the activation unit's nodes (<see cref="ActivationUnit.WriteOnnx"/>)
    /// after it. <paramref name="streaming"/>: the model is one streaming step (<c>ToOnnxStep</c>), whose sequences are one
    /// step long and whose state is an input and an output.
    /// </summary>
    public abstract void WriteOnnx(CodeWriter writer, bool streaming);

    /// <summary>
    /// The layer's own tensors as PyTorch's <c>state_dict</c> names them, <paramref name="module"/> being its module's name
    /// (its index in the equivalent <c>nn.Sequential</c>, or in a graph its name). Every kind states them (a fused PReLU's
    /// slopes are named by <see cref="TensorLayout"/> for all kinds alike); <see cref="ParameterlessLayerPlan"/> has none.
    /// </summary>
    public abstract IEnumerable<TensorLayout.Tensor> Tensors(string module);

    /// <summary>PyTorch's fan-in and fan-out of the weights, for He and Xavier initialisation.</summary>
    public virtual (int FanIn, int FanOut) Fans => ((int)InputShape.Size, (int)OutputShape.Size);

    /// <summary>
    /// Writes the initialisation of the layer's parameters (<c>parameters</c> and <c>random</c> in scope), called for
    /// layers that have some. Every kind states it: weighted kinds through <see cref="WriteWeightInitialization"/>.
    /// </summary>
    public abstract void WriteInitialization(CodeWriter writer, LayerPlan activated);

    /// <summary>
    /// The weights He normal when <paramref name="activated"/> (this layer, or the batch normalisation that follows a
    /// linear one) applies a rectifier (its unit's <see cref="ActivationUnit.HeSlope"/>: ReLU, LeakyReLU, PReLU, ELU and
    /// the smooth ReLUs), Xavier uniform otherwise; biases zero; a PReLU's slopes 0.25.
    /// </summary>
    protected void WriteWeightInitialization(CodeWriter writer, LayerPlan activated)
    {
        (int fanIn, int fanOut) = Fans;
        string weights = LayerCalls.Weights(Number);
        if (WeightOwner is { } owner)
        {
            writer.Line($"// Layer {Number}: {Description}: its weights are layer {owner}'s.");
        }
        else if (activated.Unit.HeSlope(activated) is { } slope)
        {
            writer.Line($"// Layer {Number}: {Description}: He normal, fan-in {fanIn}.");
            writer.Line($"{Initializers}.HeNormal({weights}, fanIn: {fanIn}, slope: {RuntimeCalls.Float(slope)}, ref random);");
        }
        else
        {
            writer.Line($"// Layer {Number}: {Description}: Xavier uniform, fan-in {fanIn}, fan-out {fanOut}.");
            writer.Line($"{Initializers}.XavierUniform({weights}, fanIn: {fanIn}, fanOut: {fanOut}, ref random);");
        }

        if (BiasCount > 0 && BiasOwner is null)
        {
            writer.Line($"{LayerCalls.Biases(Number)}.Clear();");
        }

        WriteSlopeInitialization(writer);
    }

    /// <summary>PReLU slopes start at 0.25, as PyTorch's <c>nn.PReLU</c>.</summary>
    protected void WriteSlopeInitialization(CodeWriter writer)
    {
        if (SlopeCount > 0)
        {
            writer.Line($"{LayerCalls.Slopes(Number)}.Fill(0.25f);");
        }
    }

    /// <summary>Writes the reset of the layer's state, if it keeps any (<c>state</c> in scope).</summary>
    public virtual void WriteStateInitialization(CodeWriter writer)
    {
    }

    /// <summary>What the weights are, after "Where the weights" in the <c>LayerN</c> constants' comments.</summary>
    public virtual string WeightRole => "";

    /// <summary>What the biases are, after "Where the biases" in the <c>LayerN</c> constants' comments.</summary>
    public virtual string BiasRole => "";

    /// <summary>The <c>LayerN</c> constants beyond the shapes and parameter offsets every layer has, as (type, name, value, summary).</summary>
    public virtual IEnumerable<(string Type, string Name, long Value, string Summary)> ExtraConstants => [];

    /// <summary>The biases as kernels read them: the layer's slice of the parameters, or <paramref name="count"/> zeros without biases.</summary>
    protected string BiasValues(int count) => BiasCount > 0 ? LayerCalls.Biases(Number) : $"{NoBias}.Values({count})";

    /// <summary>Where kernels add the bias gradients: the layer's slice, or a span that forgets them without biases.</summary>
    protected string BiasGradientTarget(int count) => BiasCount > 0 ? LayerCalls.BiasGradients(Number) : $"{NoBias}.Gradients({count})";

    private const string Initializers = "global::StaticNet.Training.Initializers";
    private const string NoBias = "global::StaticNet.Runtime.NoBias";
}
