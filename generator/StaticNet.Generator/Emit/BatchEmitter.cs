using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>ForwardBatch</c> (inference) and <c>BackwardBatch</c> (a training step's gradient): the network
/// applied layer by layer to a whole batch of samples laid out one after another. Layer-major order lets a
/// layer's weights serve every sample while they are hot, and gives batch normalisation the whole batch it
/// needs for its statistics.
/// </summary>
internal sealed class BatchEmitter : BackwardWalk<string>
{
    private const string Random = "global::StaticNet.Training.SeededRandom";

    /// <summary>
    /// Inference batches go layer by layer only when some dense layer has more weights than this: then a weight
    /// load can serve several samples (measured on N2, 784-128-64-10: 109 us per 64 samples layer by layer, 275 us
    /// sample by sample). Below it, sample by sample wins: N4's batch of 64 took 1.97 ms layer by layer, its
    /// intermediate values no longer fitting in cache, against 64 x 12.6 us one sample at a time.
    /// </summary>
    public const int SampleMajorWeightLimit = 16384;

    /// <summary>
    /// Small dense networks whose batch kernels beat their per-sample code go layer by layer while every layer's output
    /// stays this small: N3 (16-32-32-1, two looped dense layers) took 5.9 us per 64 samples layer by layer against
    /// 8.0 us sample by sample. Convolutions keep sample by sample (N4's 8 x 26 x 26 maps fall out of cache).
    /// </summary>
    public const int LayerMajorWidthLimit = 1024;

    /// <summary>
    /// A last dense layer with more weights than this does not stay in L1 beside a sample's values (32 KiB of weights,
    /// L1 being 32 to 48 KiB), so a sample-by-sample batch runs the layers before it one sample at a time and the last
    /// one over the whole batch, each weight load serving several samples: N4 (1,352 -> 10 after a convolution and
    /// pooling) 3.0 -> 2.3 us per sample in a batch of 64, the weights streaming from L2 once per six samples instead of
    /// once per sample.
    /// </summary>
    public const int L1WeightLimit = 8192;

    /// <summary>The private method that runs one sample through the layers before the last, for such a batch.</summary>
    public const string BeforeLastLayer = "ForwardBeforeLastLayer";

    /// <summary><see cref="BeforeLastLayer"/> for <c>ForwardBatchPacked</c>, on the packed copy.</summary>
    public const string PackedBeforeLastLayer = "ForwardPackedBeforeLastLayer";

    private readonly bool training;

    /// <summary>Whether this writes <c>ForwardBatchPacked</c>: inference on the copy <c>PackParameters</c> made.</summary>
    private readonly bool packed;

    /// <summary>
    /// Whether this writes <c>BackwardBatchFromStates</c>: each sample a window continuing a stream, its recurrent layers
    /// starting from the stream's state in <c>states</c> (copied to <c>start</c>) and writing the state after the window back.
    /// </summary>
    private readonly bool fromStates;
    private readonly BatchScratch scratch;

    /// <summary>For each value, the last layer reading it at inference (see <see cref="NetworkPlan.LastInferenceReaders"/>).</summary>
    private readonly int[] lastReader;

    private BatchEmitter(NetworkPlan plan, bool training, BatchScratch scratch, bool packed = false, bool fromStates = false)
        : base(plan, (name, size, comment) => scratch.PerSample(name, size, comment), "inputs")
    {
        this.training = training;
        this.packed = packed;
        this.fromStates = fromStates;
        this.scratch = scratch;
        lastReader = plan.LastInferenceReaders();
    }

    protected override CodeWriter Code => scratch.Code;

    protected override bool Batch => true;

    protected override string SpanOf(string value) => value;

    protected override string InSpan(string name, int size) => name;

    /// <summary><c>ForwardBatch</c>, and <c>ForwardBatchPacked</c> for a network with a packed form.</summary>
    public static void EmitForward(CodeWriter writer, NetworkPlan plan)
    {
        new BatchEmitter(plan, training: false, new BatchScratch()).WriteForward(writer);
        if (plan.HasPackedForm)
        {
            writer.Line();
            new BatchEmitter(plan, training: false, new BatchScratch(), packed: true).WriteForward(writer);
        }
    }

    /// <summary><c>BackwardBatch</c>, and <c>BackwardBatchFromStates</c> for a network that trains on windows continuing streams.</summary>
    public static void EmitBackward(CodeWriter writer, NetworkPlan plan)
    {
        new BatchEmitter(plan, training: true, new BatchScratch()).WriteBackward(writer);
        if (plan.TrainsFromStates)
        {
            writer.Line();
            new BatchEmitter(plan, training: true, new BatchScratch(), fromStates: true).WriteBackward(writer);
        }
    }

    private void WriteForward(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        if (packed)
        {
            writer.Line("/// <c>ForwardBatch</c> on the copy <c>PackParameters</c> made, as <c>ForwardPacked</c> runs each sample: the same");
            writer.Line("/// outputs (to rounding). Allocation-free once warm.");
            writer.Line("/// </summary>");
            writer.Line("/// <param name=\"packed\">The parameters as <c>PackParameters</c> wrote them.</param>");
        }
        else
        {
            writer.Line("/// Runs the network on a batch of samples, as <c>Forward</c> does on each (inference: dropout off,");
            writer.Line("/// batch normalisation with the running statistics). Allocation-free once warm.");
            writer.Line("/// </summary>");
            writer.Line("/// <param name=\"parameters\">All parameters.</param>");
        }

        StateSpan.Document(writer, Plan, ", read");
        writer.Line($"/// <param name=\"inputs\">The samples one after another: a positive multiple of {Counted.Of(Plan.InputShape.Size, "value")}.</param>");
        writer.Line($"/// <param name=\"outputs\">Receives {Counted.Of(Plan.OutputShape.Size, "output")} per sample, in the same order.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        if (packed)
        {
            writer.Member($"public static void ForwardBatchPacked({RuntimeCalls.ReadOnlySpan} packed, {StateSpan.Parameter(Plan)}{RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(packed.Length, ParameterCount, \"packed\");");
            writer.Line(ForwardEmitter.PackedParameters);
        }
        else
        {
            writer.Member($"public static void ForwardBatch({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(Plan)}{RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        }

        StateSpan.Guard(writer, Plan);
        writer.Line($"int batch = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, InputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(outputs.Length, batch, OutputSize, \"outputs\");");
        writer.Line();
        bool weightsStayInCache = Plan.Layers.All(layer => !layer.ReusesWeightsAcrossSamples || layer.WeightCount <= SampleMajorWeightLimit);
        bool batchKernelsPay = Plan.Layers.Any(layer => layer.BatchKernelBeatsSampleLoop)
            && Plan.Layers.All(layer => layer.OutputShape.Size <= LayerMajorWidthLimit && (layer.WeightCount == 0 || layer.ReusesWeightsAcrossSamples));
        if (!Plan.HasState && weightsStayInCache && !batchKernelsPay)
        {
            if (LastLayerSplit() is int split and > 0)
            {
                WriteSplitAtLastLayer(writer, split);
                return;
            }

            writer.Line($"// No dense layer has more than {SampleMajorWeightLimit} weights, so they stay in cache from sample to sample:");
            writer.Line("// the single-sample code, once per sample, keeps each sample's values in registers or L1 (measured faster).");
            writer.Line("// A large batch is split by samples over threads (each sample's outputs are the same on any thread); the");
            writer.Line("// lambda captures nothing, so the compiler caches it: no allocation per call.");
            writer.Open($"{RuntimeCalls.SampleSplit}.Run((sampleParameters, sampleInputs, sampleOutputs) =>");
            writer.Open("for (int sample = 0; sample < sampleInputs.Length / InputSize; sample++)");
            writer.Line($"{(packed ? "ForwardPacked" : "Forward")}(sampleParameters, sampleInputs.Slice(sample * InputSize, InputSize), sampleOutputs.Slice(sample * OutputSize, OutputSize));");
            writer.Close();
            writer.Close(", parameters, inputs, outputs, InputSize, OutputSize, MultiplyAccumulateCount);");
            writer.Close();
            return;
        }

        ForwardLayers();
        scratch.WriteTo(writer);
        writer.Close();
    }

    /// <summary>
    /// The last layer of a chain when it is a looped dense layer with more than <see cref="L1WeightLimit"/> weights fed by
    /// a looped layer before it (through views or pass-throughs only): the layer before which the batch splits, or 0.
    /// </summary>
    private int LastLayerSplit()
    {
        if (Plan.IsGraph || Plan.HasHeads || Plan.InputShape.IsSequence)
        {
            return 0;
        }

        LayerPlan last = Plan.Layers[Plan.Layers.Count - 1];
        if (!last.ReusesWeightsAcrossSamples || last.WeightCount <= L1WeightLimit || last is IUnrollableLayer { Unrolled: true })
        {
            return 0;
        }

        int holder = Plan.InferenceHolder(last.Source);
        return holder > 0 && Plan.Layers[holder - 1] is not IUnrollableLayer { Unrolled: true } ? last.Number - 1 : 0;
    }

    /// <summary>
    /// Inference over a batch split before its last layer (see <see cref="L1WeightLimit"/>): the layers up to
    /// <paramref name="split"/> one sample at a time (<see cref="BeforeLastLayer"/>, written after this method), their
    /// values kept for the whole batch, then the last layer over all of them.
    /// </summary>
    private void WriteSplitAtLastLayer(CodeWriter writer, int split)
    {
        LayerPlan last = Plan.Layers[Plan.Layers.Count - 1];
        int features = (int)last.InputShape.Size;
        writer.Line($"// Layers 1 to {split} run one sample at a time, each sample's values staying in L1; layer {last.Number}'s {last.WeightCount} weights");
        writer.Line("// would not stay in L1 beside them, so it runs once over the batch, each weight load serving several samples.");
        writer.Line("// Both parts split a large batch over threads; the lambda captures nothing, so the compiler caches it.");
        writer.Line($"{RuntimeCalls.Span} features = global::StaticNet.Runtime.ThreadScratch.ForBatchOuter(batch, {features}, \"inputs\");");
        writer.Open($"{RuntimeCalls.SampleSplit}.Run((sampleParameters, sampleInputs, sampleFeatures) =>");
        writer.Open("for (int sample = 0; sample < sampleInputs.Length / InputSize; sample++)");
        string beforeLastLayer = packed ? PackedBeforeLastLayer : BeforeLastLayer;
        writer.Line($"{beforeLastLayer}(sampleParameters, sampleInputs.Slice(sample * InputSize, InputSize), sampleFeatures.Slice(sample * {features}, {features}));");
        writer.Close();
        writer.Close($", parameters, inputs, features, InputSize, {features}, MultiplyAccumulateCount);");
        writer.Line();
        (LayerPlan _, LayerRole _, HeadPlan? head, bool isRead) = LayerWalk.Forward(Plan, training).Last();
        ForwardComputingLayer(Packed(last), "features", head, isRead);
        scratch.WriteTo(writer);
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// One sample through layers 1 to {split} as <c>{(packed ? "ForwardPacked" : "Forward")}</c> runs them, into <paramref name=\"output\"/>: the part of");
        writer.Line($"/// <c>{(packed ? "ForwardBatchPacked" : "ForwardBatch")}</c> that runs one sample at a time. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Member($"private static void {beforeLastLayer}({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        ForwardEmitter.WriteBody(writer, Plan, packed ? ForwardPass.Packed : ForwardPass.Whole, throughLayer: split);
    }

    private void WriteBackward(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        if (fromStates)
        {
            writer.Line("/// <c>BackwardBatch</c> on windows that continue streams (truncated backpropagation through time): each sample's");
            writer.Line("/// recurrent layers start from that stream's state in <paramref name=\"states\"/> instead of zeros, the state after");
            writer.Line("/// the window's last step is written back there, and the gradient stops at the window's start. In full:");
        }

        writer.Line("/// The gradient of one training step on a batch: runs the batch forward in training mode");
        var modes = new System.Collections.Generic.List<string>();
        if (Plan.HasDropout)
        {
            modes.Add("dropout masks drawn from <paramref name=\"random\"/>");
        }

        if (Plan.HasState)
        {
            modes.Add("batch normalisation with the batch's own statistics, moving the running statistics in <paramref name=\"state\"/>");
        }

        writer.Line($"/// ({(modes.Count == 0 ? "no layer behaves differently in training" : string.Join("; ", modes))}),");
        writer.Line("/// returns the mean loss over the batch and ADDS the gradient of that mean into <paramref name=\"parameterGradients\"/>.");
        writer.Line("/// Allocation-free once warm: its working memory is a per-thread buffer sized for the largest batch seen.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">All parameters.</param>");
        StateSpan.Document(writer, Plan, ", updated");
        if (fromStates)
        {
            writer.Line($"/// <param name=\"states\">Each sample's stream state, <c>StreamStateCount</c> values per sample as <c>Step</c> carries it: read as the window's start, overwritten with its end.</param>");
        }

        writer.Line($"/// <param name=\"inputs\">The samples one after another: a positive multiple of {Counted.Of(Plan.InputShape.Size, "value")}.</param>");
        writer.Line($"/// <param name=\"targets\">{Plan.OutputShape.Size} expected outputs per sample, in the same order.</param>");
        writer.Line("/// <param name=\"parameterGradients\">Sums that the gradient of the batch's mean loss is added to.</param>");
        writer.Line("/// <param name=\"outputs\">Receives each sample's outputs in training mode; empty to skip them.</param>");
        if (Plan.HasDropout)
        {
            writer.Line("/// <param name=\"random\">The generator of the dropout masks; it advances.</param>");
        }

        writer.Line("/// <returns>The mean loss over the batch.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        string random = Plan.HasDropout ? $", ref {Random} random" : "";
        writer.Member($"public static float {(fromStates ? "BackwardBatchFromStates" : "BackwardBatch")}({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(Plan, writable: true)}"
            + (fromStates ? $"{RuntimeCalls.Span} states, " : "")
            + $"{RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.ReadOnlySpan} targets, {RuntimeCalls.Span} parameterGradients, "
            + $"{RuntimeCalls.Span} outputs{random})");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, Plan);
        writer.Line($"int batch = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, InputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(targets.Length, batch, OutputSize, \"targets\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameterGradients.Length, ParameterCount, \"parameterGradients\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLengthOrEmpty(outputs.Length, batch, OutputSize, \"outputs\");");
        if (fromStates)
        {
            writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(states.Length, batch, StreamStateCount, \"states\");");
        }

        writer.Line();
        if (fromStates)
        {
            scratch.PerSample("start", Plan.StreamStateCount, "each stream's state at the window's start, kept for the backward pass");
            Code.Line("states.CopyTo(start);");
            Code.Line();
        }

        Code.Line("// Forward pass over the whole batch, layer by layer, keeping what the backward pass needs.");
        ForwardLayers();
        Code.Line();
        WriteLosses();
        Code.Line();
        Code.Line("// Backward pass, last layer first, each over the whole batch.");
        foreach (LayerPlan layer in LayerWalk.Backward(Plan))
        {
            BackwardLayer(layer);
            Code.Line();
        }

        Code.Line("return loss;");
        scratch.WriteTo(writer);
        writer.Close();
    }


    private void ForwardLayers()
    {
        bool first = true;
        foreach ((LayerPlan walked, LayerRole role, HeadPlan? head, bool isRead) in LayerWalk.Forward(Plan, training))
        {
            LayerPlan layer = Packed(walked);
            if (!first)
            {
                Code.Line();
            }

            first = false;
            int n = layer.Number;
            string input = Outputs[layer.Source];
            switch (role)
            {
                case LayerRole.View:
                    Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}: the same values.");
                    Outputs[n] = input;
                    break;
                case LayerRole.PassThrough:
                    Code.Line($"// Layer {n}: {layer.Description}: passes values through at inference.");
                    Outputs[n] = input;
                    break;
                case LayerRole.Masked:
                    var masked = (IMaskedLayer)layer;
                    Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape}: a fresh random mask for every sample.");
                    scratch.PerSample($"a{n}", (int)layer.OutputShape.Size);
                    scratch.PerSample(LayerCalls.DropoutMask(n), (int)layer.OutputShape.Size);
                    masked.WriteMaskedForward(Code, input, $"a{n}", RuntimeCalls.Float(masked.Rate));
                    Outputs[n] = $"a{n}";
                    break;
                default:
                    ForwardComputingLayer(layer, input, head, isRead);
                    ReleaseRead(layer);
                    break;
            }
        }
    }

    /// <summary>The slice of one sample's stream state that <paramref name="layer"/> carries, as <c>.Slice(...)</c> of <c>states</c> or <c>start</c>.</summary>
    private string StreamState(LayerPlan layer, IStreamingLayer carried) => Plan.StreamStateOffset(layer.Number) is int offset and > 0
        ? $".Slice((sample * StreamStateCount) + {offset}, {carried.StepStateCount})"
        : $".Slice(sample * StreamStateCount, {carried.StepStateCount})";

    /// <summary>The layer as <c>ForwardBatchPacked</c> reads it: its weights in the packed copy's layout.</summary>
    private LayerPlan Packed(LayerPlan layer) => packed ? layer with { PackedWeights = true } : layer;

    /// <summary>At inference, the spans this layer was the last to read are free for later layers (the backward pass keeps them all).</summary>
    private void ReleaseRead(LayerPlan layer)
    {
        if (training)
        {
            return;
        }

        foreach (int source in layer.Sources)
        {
            int value = Plan.InferenceHolder(source);
            if (value > 0 && lastReader[value] == layer.Number)
            {
                scratch.Release(Outputs[value]);
            }
        }
    }

    private void ForwardComputingLayer(LayerPlan layer, string input, HeadPlan? head, bool isRead)
    {
        int n = layer.Number;
        int size = (int)layer.OutputShape.Size;
        Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}, for every sample.");
        if (head is not null && !isRead && (training || head.Size == Plan.OutputShape.Size))
        {
            // In training the loss takes the weighted sums; at inference a network's one output goes straight to the outputs.
            string destination = training ? $"z{n}" : "outputs";
            if (training)
            {
                scratch.PerSample(destination, size);
                Sums[n] = destination;
            }

            LayerForward(layer, input, destination);
            if (!training)
            {
                layer.Unit.WriteSpans(Code, layer, destination, destination, batch: true);
            }

            Outputs[n] = destination;
            return;
        }

        bool keepSums = training && (layer.Unit.GradientReadsInput || head is not null);
        if (keepSums)
        {
            scratch.PerSample($"z{n}", size);
            Sums[n] = $"z{n}";
        }

        scratch.PerSample($"a{n}", size);
        string target = keepSums ? $"z{n}" : $"a{n}";
        LayerForward(layer, input, target);
        layer.Unit.WriteSpans(Code, layer, target, $"a{n}", batch: true);
        Outputs[n] = $"a{n}";
        if (head is not null && !training)
        {
            Code.Line($"{RuntimeCalls.GraphKernels}.Scatter(a{n}, {head.Size}, outputs, OutputSize, {head.Offset}, add: false); // output {head.Number}: {head.Name}");
        }
    }

    private void LayerForward(LayerPlan layer, string input, string destination)
    {
        if (training && layer is IBatchStatisticsLayer batchNorm)
        {
            int n = layer.Number;
            scratch.Fixed($"batchNorm{n}Mean", batchNorm.Features, "this batch's mean per feature");
            scratch.Fixed($"batchNorm{n}InverseStd", batchNorm.Features, "and 1 / sqrt(variance + epsilon)");
            batchNorm.WriteTrainingForwardBatch(Code, input, destination, $"batchNorm{n}");
            return;
        }

        if (layer is IJoinLayer join)
        {
            join.WriteJoinBatch(Code, layer.Sources.Select(source => Outputs[source]).ToList(), destination);
            return;
        }

        if (fromStates && layer is IStateTrainingLayer carried && carried.StepStateCount > 0)
        {
            string state = StreamState(layer, carried);
            LayerCalls.EachSample(Code, (int)layer.InputShape.Size, (int)layer.OutputShape.Size, input, destination,
                (sampleInput, sampleOutput) => carried.WriteForwardFrom(Code, $"start{state}", sampleInput, sampleOutput, $"states{state}"));
            return;
        }

        layer.WriteForwardBatch(Code, input, destination);
    }

    /// <summary>
    /// <c>float loss</c>, the batch's mean, and each head's gradient. With [Output] heads, each head's targets are
    /// gathered from every sample's target, its outputs scattered back, its mean loss weighted and summed.
    /// </summary>
    private void WriteLosses()
    {
        if (!Plan.HasHeads)
        {
            HeadPlan only = Plan.Heads[0];
            Gradients[only.Layer] = LossCode.Write(Code, Plan.Loss, Layer(only.Layer), batch: true, (name, size) => scratch.PerSample(name, size));
            return;
        }

        foreach (HeadPlan head in Plan.Heads)
        {
            int n = head.Layer;
            Code.Line($"// Output {head.Number}, '{head.Name}': {Layer(n).Label}, values [{head.Offset}, {head.Offset + head.Size}) of each sample, weight {RuntimeCalls.Float(head.Weight)}.");
            scratch.PerSample($"target{head.Number}", head.Size);
            scratch.PerSample($"output{head.Number}", head.Size);
            Code.Line($"{RuntimeCalls.GraphKernels}.Gather(targets, OutputSize, {head.Offset}, {head.Size}, target{head.Number}, add: false);");
            string gradient = LossCode.Write(Code, head.Loss, Layer(n), batch: true, (name, size) => scratch.PerSample(name, size),
                lossName: $"loss{head.Number}", target: $"target{head.Number}", outputs: $"output{head.Number}");
            Code.Open("if (!outputs.IsEmpty)");
            Code.Line($"{RuntimeCalls.GraphKernels}.Scatter(output{head.Number}, {head.Size}, outputs, OutputSize, {head.Offset}, add: false);");
            Code.Close();
            KeepHeadGradient(head, gradient);
        }

        LossCode.WriteWeightedTotal(Code, Plan);
    }

    /// <summary>Layer <c>n</c>'s step over the batch: its gradient, its parameter gradients, and the gradients of what it read.</summary>
    private void BackwardLayer(LayerPlan layer)
    {
        int n = layer.Number;
        string gradient = GradientOfSums(layer);
        if (layer is IJoinLayer join)
        {
            WriteJoinGradients(layer, join, gradient, ": each operand's gradient, for every sample.");
            return;
        }

        string input = Outputs[layer.Source];
        int source = Plan.Holder(layer.Source);
        LayerPlan? feeder = source == 0 ? null : Layer(source);
        string into = LayerCalls.NoGradients;
        bool accumulate = false;
        if (Flow.HasOneReader(source))
        {
            Code.Line($"// Layer {n}: {layer.Description}: "
                + (layer.ParameterCount > 0 ? "parameter gradients summed over the batch; " : "")
                + (feeder is null ? "the input's gradients are not needed." : $"the gradient flows to layer {feeder.Number}."));
            if (feeder is not null)
            {
                into = $"g{feeder.Number}";
                scratch.PerSample(into, (int)layer.InputShape.Size, $"dLoss/d(output of layer {feeder.Number})");
            }
        }
        else
        {
            (into, accumulate) = GradientSums.For(source);
            Code.Line($"// Layer {n}: {layer.Description}: "
                + (layer.ParameterCount > 0 ? "parameter gradients summed over the batch; " : "")
                + $"its input's gradient {(accumulate ? "is added to" : "goes to")} {into}.");
        }

        string target = accumulate ? $"t{n}" : into;
        if (accumulate)
        {
            scratch.PerSample(target, (int)layer.InputShape.Size);
        }

        if (layer is IBatchStatisticsLayer batchNorm)
        {
            batchNorm.WriteTrainingBackwardBatch(Code, input, gradient, $"batchNorm{n}", target);
        }
        else if (fromStates && layer is IStateTrainingLayer carried && carried.StepStateCount > 0)
        {
            string state = StreamState(layer, carried);
            bool wanted = target != LayerCalls.NoGradients;
            Code.Open("for (int sample = 0; sample < batch; sample++)");
            carried.WriteBackwardFrom(Code, $"start{state}", $"{input}.Slice(sample * {layer.InputShape.Size}, {layer.InputShape.Size})",
                $"{gradient}.Slice(sample * {layer.OutputShape.Size}, {layer.OutputShape.Size})",
                wanted ? $"{target}.Slice(sample * {layer.InputShape.Size}, {layer.InputShape.Size})" : target);
            Code.Close();
        }
        else
        {
            layer.WriteBackwardBatch(Code, input, gradient, target);
        }

        if (accumulate)
        {
            Code.Line($"{RuntimeCalls.GraphKernels}.Accumulate({into}, {target});");
        }
        else if (feeder is not null && Flow.HasOneReader(source))
        {
            ThroughActivation(feeder, target);
            Gradients[source] = target;
        }
    }
}
