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
internal sealed class BatchEmitter
{
    private const string Random = "global::StaticNet.Training.SeededRandom";

    /// <summary>
    /// Inference batches go layer by layer only when some dense layer has more weights than this: then a weight
    /// load can serve several samples (measured on N2, 784-128-64-10: 109 us per 64 samples layer by layer, 275 us
    /// sample by sample). Below it, sample by sample wins: N4's batch of 64 took 1.97 ms layer by layer, its
    /// intermediate values no longer fitting in cache, against 64 x 12.6 us one sample at a time.
    /// </summary>
    public const int SampleMajorWeightLimit = 16384;

    private readonly NetworkPlan plan;
    private readonly bool training;
    private readonly BatchScratch scratch = new();

    /// <summary>The span holding each layer's outputs for the batch, by layer number (0 is the input).</summary>
    private readonly string[] outputs;

    /// <summary>Each layer's weighted sums, kept in training only where the activation's gradient needs them.</summary>
    private readonly string?[] sums;

    private BatchEmitter(NetworkPlan plan, bool training)
    {
        this.plan = plan;
        this.training = training;
        outputs = new string[plan.Layers.Count + 1];
        sums = new string?[plan.Layers.Count + 1];
        outputs[0] = "inputs";
    }

    private CodeWriter Code => scratch.Code;

    public static void EmitForward(CodeWriter writer, NetworkPlan plan) => new BatchEmitter(plan, training: false).WriteForward(writer);

    public static void EmitBackward(CodeWriter writer, NetworkPlan plan) => new BatchEmitter(plan, training: true).WriteBackward(writer);

    private void WriteForward(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Runs the network on a batch of samples, as <c>Forward</c> does on each (inference: dropout off,");
        writer.Line("/// batch normalisation with the running statistics). Allocation-free once warm.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">All parameters.</param>");
        StateSpan.Document(writer, plan, ", read");
        writer.Line($"/// <param name=\"inputs\">The samples one after another: a positive multiple of {plan.InputShape.Size} values.</param>");
        writer.Line($"/// <param name=\"outputs\">Receives {plan.OutputShape.Size} outputs per sample, in the same order.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void ForwardBatch({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(plan)}{RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, plan);
        writer.Line($"int batch = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, InputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(outputs.Length, batch, OutputSize, \"outputs\");");
        writer.Line();
        if (!plan.HasState && plan.Layers.All(layer => !layer.ReusesWeightsAcrossSamples || layer.WeightCount <= SampleMajorWeightLimit))
        {
            writer.Line($"// No dense layer has more than {SampleMajorWeightLimit} weights, so they stay in cache from sample to sample:");
            writer.Line("// the single-sample code, once per sample, keeps each sample's values in registers or L1 (measured faster).");
            writer.Open("for (int sample = 0; sample < batch; sample++)");
            writer.Line("Forward(parameters, inputs.Slice(sample * InputSize, InputSize), outputs.Slice(sample * OutputSize, OutputSize));");
            writer.Close();
            writer.Close();
            return;
        }

        ForwardLayers();
        scratch.WriteTo(writer);
        writer.Close();
    }

    private void WriteBackward(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line("/// The gradient of one training step on a batch: runs the batch forward in training mode");
        writer.Line(plan.HasDropout ? "/// (dropout masks drawn from <paramref name=\"random\"/>" : "/// (");
        writer.Line(plan.HasState
            ? "/// batch normalisation with the batch's own statistics, moving the running statistics in <paramref name=\"state\"/>),"
            : "/// no layer behaves differently in training),");
        writer.Line("/// returns the mean loss over the batch and ADDS the gradient of that mean into <paramref name=\"parameterGradients\"/>.");
        writer.Line("/// Allocation-free once warm: its working memory is a per-thread buffer sized for the largest batch seen.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">All parameters.</param>");
        StateSpan.Document(writer, plan, ", updated");
        writer.Line($"/// <param name=\"inputs\">The samples one after another: a positive multiple of {plan.InputShape.Size} values.</param>");
        writer.Line($"/// <param name=\"targets\">{plan.OutputShape.Size} expected outputs per sample, in the same order.</param>");
        writer.Line("/// <param name=\"parameterGradients\">Sums that the gradient of the batch's mean loss is added to.</param>");
        writer.Line("/// <param name=\"outputs\">Receives each sample's outputs in training mode; empty to skip them.</param>");
        if (plan.HasDropout)
        {
            writer.Line("/// <param name=\"random\">The generator of the dropout masks; it advances.</param>");
        }

        writer.Line("/// <returns>The mean loss over the batch.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        string random = plan.HasDropout ? $", ref {Random} random" : "";
        writer.Member($"public static float BackwardBatch({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(plan, writable: true)}"
            + $"{RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.ReadOnlySpan} targets, {RuntimeCalls.Span} parameterGradients, "
            + $"{RuntimeCalls.Span} outputs{random})");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, plan);
        writer.Line($"int batch = {RuntimeCalls.SpanGuard}.BatchSize(inputs.Length, InputSize, \"inputs\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLength(targets.Length, batch, OutputSize, \"targets\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameterGradients.Length, ParameterCount, \"parameterGradients\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.BatchLengthOrEmpty(outputs.Length, batch, OutputSize, \"outputs\");");
        writer.Line();
        Code.Line("// Forward pass over the whole batch, layer by layer, keeping what the backward pass needs.");
        ForwardLayers();
        string gradient = LossCode.Write(Code, plan.Loss, Layer(OutputLayer.Number(plan)), batch: true, (name, size) => scratch.PerSample(name, size));
        Code.Line();
        Code.Line("// Backward pass, last layer first, each over the whole batch.");
        foreach (LayerPlan layer in LayerWalk.Backward(plan))
        {
            gradient = BackwardLayer(layer, gradient);
            Code.Line();
        }

        Code.Line("return loss;");
        scratch.WriteTo(writer);
        writer.Close();
    }

    private LayerPlan Layer(int number) => plan.Layers[number - 1];

    private void ForwardLayers()
    {
        foreach ((LayerPlan layer, LayerRole role, bool isOutput) in LayerWalk.Forward(plan, training))
        {
            int n = layer.Number;
            string input = outputs[n - 1];
            switch (role)
            {
                case LayerRole.View:
                    Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}: the same values.");
                    outputs[n] = input;
                    break;
                case LayerRole.PassThrough:
                    Code.Line($"// Layer {n}: {layer.Description}: passes values through at inference.");
                    outputs[n] = input;
                    break;
                case LayerRole.Masked:
                    var masked = (IMaskedLayer)layer;
                    Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape}: a fresh random mask for every sample.");
                    scratch.PerSample($"a{n}", (int)layer.OutputShape.Size);
                    scratch.PerSample(LayerCalls.DropoutMask(n), (int)layer.OutputShape.Size);
                    masked.WriteMaskedForward(Code, input, $"a{n}", RuntimeCalls.Float(masked.Rate));
                    outputs[n] = $"a{n}";
                    break;
                default:
                    ForwardComputingLayer(layer, input, isOutput);
                    break;
            }

            Code.Line();
        }
    }

    private void ForwardComputingLayer(LayerPlan layer, string input, bool isOutput)
    {
        int n = layer.Number;
        int size = (int)layer.OutputShape.Size;
        Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}, for every sample.");
        if (isOutput)
        {
            // In training the loss takes the weighted sums; at inference they go straight to the outputs.
            string destination = training ? $"z{n}" : "outputs";
            if (training)
            {
                scratch.PerSample(destination, size);
                sums[n] = destination;
            }

            LayerForward(layer, input, destination);
            if (!training)
            {
                Activate(layer, destination, destination);
            }

            outputs[n] = destination;
            return;
        }

        bool keepSums = training && RuntimeCalls.GradientNeedsInput(layer.Activation);
        if (keepSums)
        {
            scratch.PerSample($"z{n}", size);
            sums[n] = $"z{n}";
        }

        scratch.PerSample($"a{n}", size);
        string target = keepSums ? $"z{n}" : $"a{n}";
        LayerForward(layer, input, target);
        Activate(layer, target, $"a{n}");
        outputs[n] = $"a{n}";
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

        layer.WriteForwardBatch(Code, input, destination);
    }

    /// <summary>The layer's activation on every sample; softmax is per sample, the others elementwise on the whole batch.</summary>
    private void Activate(LayerPlan layer, string source, string destination)
    {
        if (layer.Activation == ActivationKind.Softmax)
        {
            int size = (int)layer.OutputShape.Size;
            LayerCalls.EachSample(Code, size, size, source, destination, (z, y) => Code.Line($"{RuntimeCalls.Activations}.Softmax({z}, {y});"));
            return;
        }

        string activate = RuntimeCalls.ActivateSpan(layer, source, destination);
        if (activate.Length > 0)
        {
            Code.Line(activate);
        }
    }

    /// <summary>Adds layer <c>n</c>'s parameter gradients; returns the span of dLoss/dz of the layer that feeds it.</summary>
    private string BackwardLayer(LayerPlan layer, string gradient)
    {
        int n = layer.Number;
        string input = outputs[n - 1];
        LayerPlan? feeder = plan.Feeder(n);
        Code.Line($"// Layer {n}: {layer.Description}: "
            + (layer.ParameterCount > 0 ? "parameter gradients summed over the batch; " : "")
            + (feeder is null ? "the input's gradients are not needed." : $"the gradient flows to layer {feeder.Number}."));
        string target = LayerCalls.NoGradients;
        if (feeder is not null)
        {
            target = $"g{feeder.Number}";
            scratch.PerSample(target, (int)layer.InputShape.Size, $"dLoss/d(output of layer {feeder.Number})");
        }

        if (layer is IBatchStatisticsLayer batchNorm)
        {
            batchNorm.WriteTrainingBackwardBatch(Code, input, gradient, $"batchNorm{n}", target);
        }
        else
        {
            layer.WriteBackwardBatch(Code, input, gradient, target);
        }

        if (feeder is not null)
        {
            string source = RuntimeCalls.GradientNeedsInput(feeder.Activation) ? sums[feeder.Number]! : outputs[feeder.Number];
            if (feeder.Activation == ActivationKind.Softmax)
            {
                // Softmax's Jacobian mixes one sample's values, never two samples'.
                int size = (int)feeder.OutputShape.Size;
                LayerCalls.EachSample(Code, size, size, source, target, (y, g) => Code.Line($"{RuntimeCalls.Activations}.SoftmaxGradient({y}, {g}, {g});"));
            }
            else
            {
                string through = RuntimeCalls.GradientSpan(feeder, source, target);
                if (through.Length > 0)
                {
                    Code.Line(through);
                }
            }
        }

        return target;
    }

}
