using System;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The loss of the output layer and its gradient with respect to the layer's weighted sums <c>z</c>, for one sample
/// (Backward) or a whole batch (BackwardBatch): the same cases for both, which differ only in the runtime class called
/// (<c>LossFunctions</c> or <c>BatchLosses</c>, the mean over the batch), the target span's name, a batch's optional
/// <c>outputs</c>, and softmax's Jacobian applied sample by sample.
/// </summary>
internal static class LossCode
{
    private const string BatchLosses = "global::StaticNet.Runtime.BatchLosses";

    /// <summary>Writes <c>float loss</c> (or <paramref name="lossName"/>) and the gradient span; returns the gradient span's name.</summary>
    /// <param name="allocate">Declares a scratch span of one sample's (or, for a batch, every sample's) values.</param>
    /// <param name="target">The targets' span: by default all of <c>target</c> (<c>targets</c> for a batch).</param>
    /// <param name="outputs">Where a batch writes its outputs when that span is not empty.</param>
    public static string Write(CodeWriter code, LossKind loss, LayerPlan layer, bool batch, Action<string, int> allocate,
        string lossName = "loss", string? target = null, string outputs = "outputs")
    {
        int n = layer.Number;
        int size = (int)layer.OutputShape.Size;
        string z = $"z{n}";
        string g = $"g{n}";
        target ??= batch ? "targets" : "target";
        string losses = batch ? BatchLosses : RuntimeCalls.LossFunctions;
        // A chain's one output is the whole of each sample's; a head's size is its own.
        string perSample = !batch ? "" : target == "targets" ? ", OutputSize" : $", {size}";
        switch (loss)
        {
            case LossKind.CrossEntropy:
                if (batch)
                {
                    code.Line($"// Loss: mean cross-entropy of softmax({z}) over the batch; {g} = (p - t) / batch. The probabilities go to the outputs.");
                }
                else
                {
                    code.Line($"// Loss: cross-entropy of softmax({z}), computed as log-softmax so it stays finite.");
                    code.Line($"// Softmax and cross-entropy are differentiated together: {g} = dLoss/d{z} = p - t.");
                }

                allocate(g, size);
                code.Line($"float {lossName} = {losses}.SoftmaxCrossEntropy({z}, {target}, {(batch ? $"{outputs}.IsEmpty ? {g} : {outputs}" : g)}, {g}{perSample});");
                break;
            case LossKind.BinaryCrossEntropy:
                if (batch)
                {
                    code.Line($"// Loss: mean binary cross-entropy of sigmoid({z}) over the batch, from the logits; {g} = (sigmoid(z) - t) / (n batch).");
                }
                else
                {
                    code.Line($"// Loss: binary cross-entropy of sigmoid({z}), computed from the logits so it never takes log(0).");
                    code.Line($"// Sigmoid and cross-entropy are differentiated together: {g} = dLoss/d{z} = (sigmoid(z) - t) / n.");
                }

                allocate(g, size);
                code.Line($"float {lossName} = {losses}.SigmoidBinaryCrossEntropy({z}, {target}, {g}{perSample});");
                WriteOutputs(code, batch, outputs, $"{RuntimeCalls.Activations}.Sigmoid({z}, {outputs});");
                break;
            case LossKind.MeanSquaredError when layer.Activation == ActivationKind.Identity:
                code.Line(batch
                    ? $"// Loss: mean squared error of the linear outputs, averaged over the batch; {g} = 2 (y - t) / (n batch)."
                    : $"// Loss: mean squared error of the linear outputs; {g} = dLoss/d{z} = 2 (y - t) / n.");
                allocate(g, size);
                code.Line($"float {lossName} = {losses}.MeanSquaredError({z}, {target}, {g}{perSample});");
                WriteOutputs(code, batch, outputs, $"{z}.CopyTo({outputs});");
                break;
            default:
                string y = $"y{n}";
                code.Line(batch
                    ? $"// Loss: mean squared error of {y} = {layer.Activation}({z}), averaged over the batch; then {g} = dLoss/d{z} through the activation."
                    : $"// Loss: mean squared error of the outputs {y} = {layer.Activation}({z}); then {g} = dLoss/d{z} through the activation.");
                allocate(y, size);
                allocate(g, size);
                layer.Unit.WriteSpans(code, layer, z, y, batch);
                code.Line($"float {lossName} = {losses}.MeanSquaredError({y}, {target}, {g}{perSample});");
                WriteOutputs(code, batch, outputs, $"{y}.CopyTo({outputs});");
                layer.Unit.WriteGradientSpans(code, layer, layer.Unit.GradientReadsInput ? z : y, g, batch);
                break;
        }

        return g;
    }

    /// <summary>With heads, <c>float loss</c> = the sum over heads of weight times <c>loss{h}</c> (each written by <see cref="Write"/>).</summary>
    public static void WriteWeightedTotal(CodeWriter code, NetworkPlan plan)
    {
        var terms = new System.Collections.Generic.List<string>();
        foreach (HeadPlan head in plan.Heads)
        {
            terms.Add(head.Weight == 1f ? $"loss{head.Number}" : $"({RuntimeCalls.Float(head.Weight)} * loss{head.Number})");
        }

        code.Line($"float loss = {string.Join(" + ", terms)};");
    }

    /// <summary>A batch also writes its outputs (in training mode) when the caller passes a span for them.</summary>
    private static void WriteOutputs(CodeWriter code, bool batch, string outputs, string statement)
    {
        if (batch)
        {
            code.Open($"if (!{outputs}.IsEmpty)");
            code.Line(statement);
            code.Close();
        }
    }
}
