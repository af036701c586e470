using System.Collections.Generic;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// One checked layer: its shapes, where its parameters sit in the flat span, its cost, and everything the emitters
/// write for it. Each kind is one sealed record in its own file under <c>Layers/</c>; its positional members are the
/// pipeline's equatable data, everything else is computed from them. The emitters call these members and never test
/// for a kind, so the compiler lists what a new kind has not written yet: what every kind must say is abstract
/// (code, tensors, initialisation, activation, ONNX), what only some kinds do is an interface whose members come
/// together (<see cref="IStreamingLayer"/>, <see cref="IStatefulLayer"/>, <see cref="IPackingLayer"/>, and those in
/// <c>LayerCapabilities.cs</c>). The virtual members left have defaults that are right for any kind that keeps them:
/// the general path (a loop over samples, no fusion, no packing) or a comment without a detail.
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
    /// How the layer takes part in a streaming <c>Step</c>: an <see cref="IStreamingLayer"/> advances one step with its
    /// carried state where its geometry allows (<see cref="StepRole.Recurrent"/>), else stops the network streaming; any
    /// other kind as <see cref="StatelessStepRole"/> says.
    /// </summary>
    public StepRole StepRole => this is IStreamingLayer streaming
        ? streaming.Streams ? StepRole.Recurrent : StepRole.Unsupported
        : StatelessStepRole is StepRole.Recurrent ? StepRole.Unsupported : StatelessStepRole;

    /// <summary>
    /// How a kind that carries nothing between steps takes part in <c>Step</c> (never <see cref="StepRole.Recurrent"/>,
    /// which needs the state an <see cref="IStreamingLayer"/> states): a layer on flat values runs as in <c>Forward</c>; one
    /// on a sequence passes the step through (<c>LastStep</c>, dropout), runs on the one step (per-step dense layers), or,
    /// by default, stops the network streaming (a layer that mixes steps, such as <c>Flatten</c> of a sequence).
    /// </summary>
    protected virtual StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.Unsupported : StepRole.AsInForward;

    /// <summary>
    /// Why this layer stops the network streaming, where its <see cref="StepRole"/> is <see cref="StepRole.Unsupported"/>,
    /// for SN0060: by default a layer that mixes steps (Flatten of a sequence) needs them all at once.
    /// </summary>
    public virtual string NoStepReason => "it reads every step of the sequence at once";

    /// <summary>The type name shown in the summary, e.g. <c>Dense</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// Whether the layer takes an activation argument (Dense, Conv2D, BatchNorm), so a loss can ask for one. Every kind
    /// states it with <see cref="Activation"/> and <see cref="Slope"/> (a forgotten activation would make a layer linear
    /// without a word); <see cref="ParameterlessLayerPlan"/> takes none.
    /// </summary>
    public abstract bool HasActivation { get; }

    /// <summary>The function applied to the layer's weighted sums; Identity for layers without one.</summary>
    public abstract ActivationKind Activation { get; }

    /// <summary>
    /// Whether the layer is an activation alone (<c>[Activate]</c>): one module of the equivalent <c>nn.Sequential</c>,
    /// not a module followed by its activation's, and a PReLU's slopes are its own <c>weight</c>.
    /// </summary>
    public virtual bool IsActivationModule => false;

    /// <summary>What the layer's activation writes: its unit (computed from <see cref="Activation"/>, so not part of the model's equality).</summary>
    public ActivationUnit Unit => ActivationUnits.Of(Activation);

    /// <summary>The LeakyReLU slope (unused by other activations).</summary>
    public abstract float Slope { get; }

    /// <summary>Whether the layer is straight-line code on locals rather than a kernel call on spans.</summary>
    public virtual bool Unrolled => false;

    /// <summary>Whether the layer only views its input's values differently (Flatten): no code in any pass, its output shares its input's values.</summary>
    public virtual bool IsView => false;

    /// <summary>Whether the layer passes its values through unchanged at inference (Dropout): no code in Forward.</summary>
    public virtual bool IsIdentityAtInference => false;

    /// <summary>Whether its batch kernel reuses each weight for several samples, so large batches go layer by layer.</summary>
    public virtual bool ReusesWeightsAcrossSamples => false;

    /// <summary>
    /// This layer once every layer of the network is planned, for what depends on later layers (a dense layer learns
    /// whether a <c>TransposeOf</c> layer reads its weights); itself by default.
    /// </summary>
    public virtual LayerPlan Settled(IReadOnlyList<LayerPlan> network) => this;

    /// <summary>
    /// Set on the copies of the plan that write <c>ForwardPacked</c>: the parameters it reads are the packed copy
    /// <c>PackParameters</c> makes, in which each <see cref="IPackingLayer"/> that <see cref="IPackingLayer.PacksWeights"/> has its weights reordered.
    /// </summary>
    public bool PackedWeights { get; init; }

    /// <summary>
    /// Set on the copies of the plan that inference passes walk (<c>Forward</c>, <c>ForwardBatch</c>, <c>Step</c>): an
    /// activation may compute there in a faster form than training's (tanh, see <c>RationalTanh</c>).
    /// </summary>
    public bool AtInference { get; init; }

    /// <summary>
    /// Whether its batch kernel does better than its single-sample code run once per sample, however small the layer
    /// (a looped dense layer's batch kernel skips the horizontal sums that end every dot product of one sample).
    /// </summary>
    public virtual bool BatchKernelBeatsSampleLoop => false;

    /// <summary>Whether a linear layer right before it should be initialised for this layer's activation (BatchNorm).</summary>
    public virtual bool ActivatesPreviousLayer => false;

    /// <summary>A comment naming the layer, its shapes, and how its code is shaped.</summary>
    public string CodeComment =>
        $"// Layer {Number}: {Description}, {InputShape} -> {OutputShape}, " + (Unrolled ? "unrolled" : "looped") + InferenceNote + ".";

    /// <summary>The comment on an unrolled layer that inference runs through its kernel (<see cref="IUnrollableLayer.LoopsInferenceOver"/>).</summary>
    public string InferenceLoopComment =>
        $"// Layer {Number}: {Description}, {InputShape} -> {OutputShape}, looped here: its inputs are in a span (training unrolls it){InferenceNote}.";

    /// <summary>The activation's inference form, where it differs from training's, as the end of a layer comment.</summary>
    private string InferenceNote => Unit.InferenceForm(this) is { } form ? "; " + form : "";

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

    /// <summary>
    /// Writes the initialisation of the layer's parameters (<c>parameters</c> and <c>random</c> in scope), called for
    /// layers that have some. Every kind states it: weighted kinds through <see cref="WriteWeightInitialization"/>.
    /// </summary>
    public abstract void WriteInitialization(CodeWriter writer, LayerPlan activated);

    /// <summary>
    /// The weights He normal when <paramref name="activated"/> (this layer, or the batch normalisation that follows a
    /// linear one) applies a rectifier (its unit's <see cref="ActivationUnit.HeSlope"/>: ReLU, LeakyReLU, PReLU, ELU and
    /// the smooth ReLUs), Xavier uniform otherwise, by PyTorch's <paramref name="fans"/> of the weights; biases zero; a
    /// PReLU's slopes 0.25.
    /// </summary>
    protected void WriteWeightInitialization(CodeWriter writer, LayerPlan activated, (int FanIn, int FanOut) fans)
    {
        (int fanIn, int fanOut) = fans;
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
