using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>Backward</c>: a forward pass that keeps what backpropagation needs, the loss and its
/// gradient, then each layer from last to first adding its parameter gradients.
/// </summary>
internal sealed class BackwardEmitter : BackwardWalk<LayerValues>
{
    private readonly MethodBody body;

    private BackwardEmitter(NetworkPlan plan, MethodBody body)
        : base(plan, (name, size, comment) => body.Allocate(name, size, comment), new LayerValues("x", "input", (int)plan.InputShape.Size, inLocals: false, inSpan: true))
    {
        this.body = body;
    }

    protected override CodeWriter Code => body.Code;

    protected override bool Batch => false;

    protected override string SpanOf(LayerValues value)
    {
        body.EnsureSpan(value);
        return value.SpanName;
    }

    protected override LayerValues InSpan(string name, int size) => LayerValues.Span(name, size);

    public static void Emit(CodeWriter writer, NetworkPlan plan) => new BackwardEmitter(plan, new MethodBody()).Write(writer);

    private void Write(CodeWriter writer)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Backpropagates one sample and returns its loss ({LossText(Plan.Loss)}).");
        writer.Line("/// ADDS dLoss/dParameters into <paramref name=\"parameterGradients\"/>, so calls over a minibatch accumulate;");
        writer.Line("/// OVERWRITES <paramref name=\"inputGradients\"/> with dLoss/dInput, or skips that when it is empty. Allocation-free.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {Counted.Of(Plan.ParameterCount, "parameter")}.</param>");
        StateSpan.Document(writer, Plan, ", read: batch normalisation uses the running statistics here");
        writer.Line($"/// <param name=\"input\">The sample: {Counted.Of(Plan.InputShape.Size, "value")}.</param>");
        writer.Line($"/// <param name=\"target\">The {Plan.OutputShape.Size} expected outputs.</param>");
        writer.Line($"/// <param name=\"parameterGradients\">{Counted.Of(Plan.ParameterCount, "sum")} that this sample's gradient is added to.</param>");
        writer.Line($"/// <param name=\"inputGradients\">Receives the {Plan.InputShape.Size} input gradients; empty to skip them.</param>");
        writer.Line("/// <returns>This sample's loss.</returns>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        string parameters = $"{RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(Plan)}{RuntimeCalls.ReadOnlySpan} input, "
            + $"{RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients";
        if (Plan.HasDropout)
        {
            WriteDropoutOverloads(writer, Plan, parameters);
            writer.Member($"private static float BackwardCore({parameters}, ref {Random} random, bool training)");
        }
        else
        {
            writer.Member($"public static float Backward({parameters})");
        }

        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, Plan);
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(input.Length, InputSize, \"input\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(target.Length, OutputSize, \"target\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameterGradients.Length, ParameterCount, \"parameterGradients\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.LengthOrEmpty(inputGradients.Length, InputSize, \"inputGradients\");");
        writer.Line();

        // Dropout layers draw masks here only when the caller asks for training (the flag in BackwardCore).
        Code.Line("// Forward pass, keeping each layer's values for the backward pass.");
        foreach ((LayerPlan layer, LayerRole role, HeadPlan? head, bool isRead) in LayerWalk.Forward(Plan, training: true))
        {
            LayerValues input = Outputs[layer.Source];
            switch (role)
            {
                case LayerRole.View:
                    Code.Line($"// Layer {layer.Number}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}: the same values.");
                    Outputs[layer.Number] = input;
                    break;
                case LayerRole.Masked:
                    ForwardMasked(layer, (IMaskedLayer)layer, input);
                    break;
                default:
                    if (head is not null && !isRead)
                    {
                        ForwardOutputLayer(layer, input);
                    }
                    else
                    {
                        ForwardHiddenLayer(layer, input, keepSums: head is not null);
                    }

                    break;
            }

            Code.Line();
        }

        WriteLosses();
        Code.Line();
        Code.Line("// Backward pass, last layer first.");
        foreach (LayerPlan layer in LayerWalk.Backward(Plan))
        {
            BackwardLayer(layer);
            Code.Line();
        }

        if (GradientSums.Of(0) is { } inputGradients)
        {
            Code.Line("// The input's gradients, summed over its uses.");
            Code.Open("if (!inputGradients.IsEmpty)");
            Code.Line($"{inputGradients}.CopyTo(inputGradients);");
            Code.Close();
            Code.Line();
        }

        Code.Line("return loss;");
        body.WriteTo(writer);
        writer.Close();
    }

    private const string Random = "global::StaticNet.Training.SeededRandom";

    /// <summary>
    /// With dropout, Backward comes in two modes over one core: the contract's overload with dropout
    /// off (deterministic, what gradient checks see) and a training overload drawing masks from the caller's generator.
    /// </summary>
    private static void WriteDropoutOverloads(CodeWriter writer, NetworkPlan plan, string parameters)
    {
        string arguments = $"parameters, {StateSpan.Argument(plan)}input, target, parameterGradients, inputGradients";
        writer.Line("/// <remarks>Dropout is off in this overload: use the one taking a <c>SeededRandom</c> to train with it.</remarks>");
        writer.Member($"public static float Backward({parameters})");
        writer.Line($"{Random} inference = default;");
        writer.Line($"return BackwardCore({arguments}, ref inference, training: false);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Backpropagates one sample in training mode: every dropout layer draws its mask from <paramref name=\"random\"/>,");
        writer.Line("/// and the backward pass uses the same masks. Otherwise as the overload without it.");
        writer.Line("/// </summary>");
        writer.Line("/// <param name=\"parameters\">All parameters.</param>");
        StateSpan.Document(writer, plan, ", read");
        writer.Line("/// <param name=\"input\">The sample.</param>");
        writer.Line("/// <param name=\"target\">The expected outputs.</param>");
        writer.Line("/// <param name=\"parameterGradients\">Sums that this sample's gradient is added to.</param>");
        writer.Line("/// <param name=\"inputGradients\">Receives the input gradients; empty to skip them.</param>");
        writer.Line("/// <param name=\"random\">The generator of the dropout masks; it advances.</param>");
        writer.Line("/// <returns>This sample's loss.</returns>");
        writer.MemberLine($"public static float Backward({parameters}, ref {Random} random) =>");
        writer.Line($"    BackwardCore({arguments}, ref random, training: true);");
        writer.Line();
    }

    /// <summary>A layer whose outputs later layers read; with <paramref name="keepSums"/> (a head they read) its sums are kept for the loss.</summary>
    private void ForwardHiddenLayer(LayerPlan layer, LayerValues input, bool keepSums)
    {
        int n = layer.Number;
        keepSums |= layer.Unit.GradientReadsInput;
        Code.Line(layer.CodeComment);
        if (layer is IUnrollableLayer { Unrolled: true } unrolled)
        {
            (Outputs[n], Sums[n]) = unrolled.WriteTrainingForward(body, input, keepSums);
            return;
        }

        int size = (int)layer.OutputShape.Size;
        string sumsName = keepSums ? $"z{n}" : $"a{n}";
        WriteSums(layer, input, sumsName);
        if (keepSums)
        {
            body.Allocate($"a{n}", size);
            Sums[n] = LayerValues.Span(sumsName, size);
        }

        string activate = layer.Unit.ApplySpan(layer, sumsName, $"a{n}");
        if (activate.Length > 0)
        {
            Code.Line(activate);
        }

        Outputs[n] = LayerValues.Span($"a{n}", size);
    }

    /// <summary>Dropout in training (its mask is kept for the backward pass), values passed through otherwise.</summary>
    private void ForwardMasked(LayerPlan layer, IMaskedLayer masked, LayerValues input)
    {
        int n = layer.Number;
        int size = (int)layer.OutputShape.Size;
        Code.Line($"// Layer {n}: {layer.Description}, {layer.InputShape}: a random mask in training, all ones otherwise.");
        body.EnsureSpan(input);
        body.Allocate($"a{n}", size);
        body.Allocate(LayerCalls.DropoutMask(n), size);
        masked.WriteMaskedForward(Code, input.SpanName, $"a{n}", $"training ? {RuntimeCalls.Float(masked.Rate)} : 0f");
        Outputs[n] = LayerValues.Span($"a{n}", size);
    }

    /// <summary>An output layer's weighted sums (logits) go to a span: the loss functions take spans.</summary>
    private void ForwardOutputLayer(LayerPlan layer, LayerValues input)
    {
        int n = layer.Number;
        int size = (int)layer.OutputShape.Size;
        Code.Line(layer.CodeComment + " Its weighted sums go to the loss.");
        if (layer is IUnrollableLayer { Unrolled: true } unrolled)
        {
            unrolled.WriteSums(body, input, $"z{n}");
        }
        else
        {
            WriteSums(layer, input, $"z{n}");
        }

        Sums[n] = LayerValues.Span($"z{n}", size);
    }

    /// <summary>The layer's kernel (a join's, given every operand) into new scratch <paramref name="destination"/>, before its activation.</summary>
    private void WriteSums(LayerPlan layer, LayerValues input, string destination)
    {
        if (layer is IJoinLayer join)
        {
            var operands = new System.Collections.Generic.List<string>();
            foreach (int source in layer.Sources)
            {
                body.EnsureSpan(Outputs[source]);
                operands.Add(Outputs[source].SpanName);
            }

            body.Allocate(destination, (int)layer.OutputShape.Size);
            join.WriteJoin(Code, operands, destination);
            return;
        }

        body.EnsureSpan(input);
        body.Allocate(destination, (int)layer.OutputShape.Size);
        layer.WriteForward(Code, input.SpanName, destination);
    }

    /// <summary>
    /// <c>float loss</c> and each head's gradient. A chain's one head is the network's loss; with [Output] heads, each
    /// head's loss of its part of the target, weighted, summed.
    /// </summary>
    private void WriteLosses()
    {
        if (!Plan.HasHeads)
        {
            HeadPlan only = Plan.Heads[0];
            LayerPlan output = Layer(only.Layer);
            Gradients[only.Layer] = LayerValues.Span(
                LossCode.Write(Code, Plan.Loss, output, batch: false, (name, size) => body.Allocate(name, size)), (int)output.OutputShape.Size);
            return;
        }

        foreach (HeadPlan head in Plan.Heads)
        {
            LayerPlan layer = Layer(head.Layer);
            body.EnsureSpan(Sums[head.Layer]!);
            Code.Line($"// Output {head.Number}, '{head.Name}': {layer.Label}, output[{head.Offset}..{head.Offset + head.Size}), weight {RuntimeCalls.Float(head.Weight)}.");
            string gradient = LossCode.Write(Code, head.Loss, layer, batch: false, (name, size) => body.Allocate(name, size),
                lossName: $"loss{head.Number}", target: $"target.Slice({head.Offset}, {head.Size})");
            KeepHeadGradient(head, gradient);
        }

        LossCode.WriteWeightedTotal(Code, Plan);
    }

    /// <summary>
    /// Layer <c>n</c>'s step: its gradient (from its one reader, or summed over its uses then taken through its
    /// activation), its parameter gradients, and the gradients it sends to the values it read.
    /// </summary>
    private void BackwardLayer(LayerPlan layer)
    {
        int n = layer.Number;
        LayerValues gradient = GradientOfSums(layer);
        if (layer is IJoinLayer join)
        {
            WriteJoinGradients(layer, join, gradient, $". Each operand's gradient is {join.OperandGradientRule}.");
            return;
        }

        int source = Plan.Holder(layer.Source);
        if (Flow.HasOneReader(source))
        {
            LayerValues? feederGradient = BackwardToOneReader(layer, gradient);
            if (source > 0)
            {
                Gradients[source] = feederGradient;
            }

            return;
        }

        (string into, bool accumulate) = GradientSums.For(source);
        string destination = accumulate ? $"t{n}" : into;
        Code.Line($"// Layer {n}: {layer.Description}. {layer.GradientComment(source == 0 ? "x" : $"a{source}")} gradient "
            + (accumulate ? $"is added to {into}, the sum over the uses of " : $"goes to {into}, which sums the uses of ")
            + (source == 0 ? "the input." : $"layer {source}'s outputs."));
        if (accumulate)
        {
            body.Allocate(destination, (int)layer.InputShape.Size);
        }

        LayerValues input = Outputs[layer.Source];
        if (layer is IUnrollableLayer { Unrolled: true } unrolled)
        {
            unrolled.WriteBackward(body, input, gradient, null, null, destination);
        }
        else
        {
            body.EnsureSpan(gradient);
            body.EnsureSpan(input);
            layer.WriteBackward(Code, input.SpanName, gradient.SpanName, destination);
        }

        if (accumulate)
        {
            Code.Line($"{RuntimeCalls.GraphKernels}.Accumulate({into}, {destination});");
        }
    }

    /// <summary>
    /// A chain's step: adds layer <c>n</c>'s parameter gradients and returns dLoss/dz of the layer that feeds it (read by
    /// this layer alone), or null after writing the input gradients.
    /// </summary>
    private LayerValues? BackwardToOneReader(LayerPlan layer, LayerValues gradient)
    {
        int n = layer.Number;
        LayerValues input = Outputs[layer.Source];
        LayerPlan? feeder = Plan.Feeder(n);
        string inputName = feeder is null ? "x" : $"a{feeder.Number}";
        string parameters = layer.GradientComment(inputName);
        Code.Line($"// Layer {n}: {layer.Description}. {parameters} gradient flows to "
            + (feeder is null ? "the input."
                : feeder.Activation == ActivationKind.Identity ? $"layer {feeder.Number} ({feeder.Description})."
                : $"layer {feeder.Number} through its {feeder.Activation} activation."));
        if (layer is IUnrollableLayer { Unrolled: true } unrolled)
        {
            return unrolled.WriteBackward(body, input, gradient, feeder, feeder is null ? null : GradientSource(feeder));
        }

        body.EnsureSpan(gradient);
        if (feeder is null)
        {
            layer.WriteBackward(Code, input.SpanName, gradient.SpanName, "inputGradients");
            return null;
        }

        int f = feeder.Number;
        int inputs = (int)layer.InputShape.Size;
        LayerValues source = GradientSource(feeder);
        string target = feeder.Unrolled ? $"da{f}" : $"g{f}";
        body.Allocate(target, inputs, $"dLoss/d(output of layer {f})");
        layer.WriteBackward(Code, input.SpanName, gradient.SpanName, target);
        if (!feeder.Unrolled)
        {
            string through = feeder.Unit.GradientSpan(feeder, source.SpanName, target);
            if (through.Length > 0)
            {
                Code.Line(through);
            }

            return LayerValues.Span(target, inputs);
        }

        feeder.Unit.WriteUnrolledGradient(Code, feeder, source, j => $"{target}[{j}]", inputs);

        return LayerValues.Locals($"g{f}_", $"g{f}", inputs);
    }

    private static string LossText(LossKind loss) => loss switch
    {
        LossKind.CrossEntropy => "cross-entropy of the softmax outputs",
        LossKind.BinaryCrossEntropy => "binary cross-entropy of the sigmoid outputs, averaged over outputs",
        _ => "mean squared error, averaged over outputs",
    };
}
