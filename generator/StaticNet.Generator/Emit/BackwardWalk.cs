using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// What <c>Backward</c> (one sample, <see cref="BackwardEmitter"/>) and <c>BackwardBatch</c> (a batch laid out sample
/// after sample, <see cref="BatchEmitter"/>) share: each layer's values as the forward pass left them, the walk's
/// gradient bookkeeping, the heads' loss gradients, and the steps that do not depend on how many samples there are (a
/// value's gradient summed over its uses and taken through its activation, a join's operands). <typeparamref name="TValue"/>
/// is how a layer's values are held: <see cref="LayerValues"/> (locals or a span) for one sample, a span's name for a batch.
/// </summary>
internal abstract class BackwardWalk<TValue>
    where TValue : class
{
    protected BackwardWalk(NetworkPlan plan, System.Action<string, int, string> allocate, TValue input)
    {
        Plan = plan;
        Outputs = new TValue[plan.Layers.Count + 1];
        Sums = new TValue?[plan.Layers.Count + 1];
        Gradients = new TValue?[plan.Layers.Count + 1];
        LossGradients = new string?[plan.Layers.Count + 1];
        Flow = new GradientFlow(plan);
        GradientSums = new GradientSums(plan, allocate);
        Outputs[0] = input;
    }

    protected NetworkPlan Plan { get; }

    /// <summary>Each layer's outputs by layer number (0 is the input); a view (Flatten) shares its input's.</summary>
    protected TValue[] Outputs { get; }

    /// <summary>Each layer's weighted sums, kept in training only where the activation's gradient reads them.</summary>
    protected TValue?[] Sums { get; }

    /// <summary>dLoss/d(sums of layer n), once known: from its one reader, or from the loss for a head nothing else reads.</summary>
    protected TValue?[] Gradients { get; }

    /// <summary>A head's loss gradient when layers read it too: added to what its readers send back.</summary>
    protected string?[] LossGradients { get; }

    protected GradientFlow Flow { get; }

    /// <summary>Where the gradients of a value with several uses are summed.</summary>
    protected GradientSums GradientSums { get; }

    protected abstract CodeWriter Code { get; }

    /// <summary>Whether the spans hold a batch of samples one after another.</summary>
    protected abstract bool Batch { get; }

    /// <summary>The span holding <paramref name="value"/> (a sample's locals are copied into theirs first).</summary>
    protected abstract string SpanOf(TValue value);

    /// <summary>The values in the span <paramref name="name"/> of <paramref name="size"/> per sample.</summary>
    protected abstract TValue InSpan(string name, int size);

    protected LayerPlan Layer(int number) => Plan.Layers[number - 1];

    /// <summary>What a layer's activation gradient is computed from: its weighted sums or its outputs.</summary>
    protected TValue GradientSource(LayerPlan layer) => layer.Unit.GradientReadsInput ? Sums[layer.Number]! : Outputs[layer.Number];

    /// <summary>Turns dLoss/d(outputs of <paramref name="layer"/>) in the span <paramref name="gradient"/> into dLoss/d(its sums), in place.</summary>
    protected void ThroughActivation(LayerPlan layer, string gradient) =>
        layer.Unit.WriteGradientSpans(Code, layer, SpanOf(GradientSource(layer)), gradient, Batch);

    /// <summary>
    /// dLoss/d(sums of <paramref name="layer"/>): ready from its one reader or its loss, or summed in <c>da{n}</c> over its
    /// uses and taken through its activation here (plus its own loss's gradient when it is a head too).
    /// </summary>
    protected TValue GradientOfSums(LayerPlan layer)
    {
        int n = layer.Number;
        if (GradientSums.Of(n) is not { } summed)
        {
            return Gradients[n]!;
        }

        Code.Line(layer.Activation == ActivationKind.Identity
            ? $"// Layer {n}: {summed} holds dLoss/d(its outputs), summed over its uses."
            : $"// Layer {n}: {summed} holds dLoss/d(its outputs) summed over its uses; through its {layer.Activation} activation it becomes dLoss/d(its sums).");
        ThroughActivation(layer, summed);
        if (LossGradients[n] is { } loss)
        {
            Code.Line($"{RuntimeCalls.GraphKernels}.Accumulate({summed}, {loss}); // and its own loss's gradient");
        }

        return InSpan(summed, (int)layer.OutputShape.Size);
    }

    /// <summary>
    /// A head's loss gradient <paramref name="gradient"/>, scaled by its weight: the head's gradient when no layer reads
    /// the head, else added to what its readers send back.
    /// </summary>
    protected void KeepHeadGradient(HeadPlan head, string gradient)
    {
        if (head.Weight != 1f)
        {
            Code.Line($"{RuntimeCalls.GraphKernels}.Scale({gradient}, {RuntimeCalls.Float(head.Weight)});");
        }

        if (Flow.IsReadByLayers(head.Layer))
        {
            LossGradients[head.Layer] = gradient;
        }
        else
        {
            Gradients[head.Layer] = InSpan(gradient, head.Size);
        }

        Code.Line();
    }

    /// <summary>A join's step: each operand's gradient from the join's (<paramref name="comment"/> says how).</summary>
    protected void WriteJoinGradients(LayerPlan layer, IJoinLayer join, TValue gradient, string comment)
    {
        Code.Line($"// Layer {layer.Number}: {layer.Description}{comment}");
        string gradientSpan = SpanOf(gradient);
        string[] operands = join.GradientReadsOperands ? layer.Sources.Select(source => SpanOf(Outputs[source])).ToArray() : [];
        for (int operand = 0; operand < layer.Sources.Count; operand++)
        {
            (string target, bool add) = GradientSums.For(Plan.Holder(layer.Sources[operand]));
            join.WriteOperandGradient(Code, gradientSpan, operands, operand, target, add, Batch);
        }
    }
}
