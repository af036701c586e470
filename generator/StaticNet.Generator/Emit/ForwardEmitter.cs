using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Writes <c>Forward</c>: parameters and input in, outputs written, nothing else kept.</summary>
internal static class ForwardEmitter
{
    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Runs the network on one sample: writes the {plan.OutputShape} outputs for the {plan.InputShape} input.");
        writer.Line("/// Allocation-free. <paramref name=\"output\"/> must not overlap <paramref name=\"input\"/>.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {plan.ParameterCount} parameters, laid out as the <c>LayerN</c> offsets say.</param>");
        StateSpan.Document(writer, plan, ", read");
        writer.Line($"/// <param name=\"input\">The sample: {plan.InputShape.Size} values{(plan.InputShape.IsFlat ? "" : ", channel by channel, row by row")}.</param>");
        writer.Line($"/// <param name=\"output\">Receives the {plan.OutputShape.Size} outputs.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
        writer.Member($"public static void Forward({RuntimeCalls.ReadOnlySpan} parameters, {StateSpan.Parameter(plan)}{RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, plan);
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(input.Length, InputSize, \"input\");");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(output.Length, OutputSize, \"output\");");
        writer.Line();

        var body = new MethodBody();
        Vector current = new("x", "input", (int)plan.InputShape.Size, inLocals: false, inSpan: true);
        int outputLayer = OutputLayer.Number(plan);
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.Number > 1)
            {
                body.Code.Line();
            }

            switch (layer)
            {
                case DenseLayerPlan { Unrolled: true } dense:
                    current = EmitUnrolledDense(body, dense, current, dense.Number == outputLayer);
                    break;
                case FlattenLayerPlan flatten:
                    body.Code.Line($"// Layer {flatten.Number}: Flatten, {flatten.InputShape} -> {flatten.OutputShape}: the same values, nothing to do.");
                    break;
                case DropoutLayerPlan dropout:
                    body.Code.Line($"// Layer {dropout.Number}: {dropout.Description}: passes values through at inference, nothing to do.");
                    break;
                default:
                    current = EmitLooped(body, layer, current, layer.Number == outputLayer);
                    break;
            }
        }

        body.WriteTo(writer);
        writer.Close();
    }

    private static Vector EmitUnrolledDense(MethodBody body, DenseLayerPlan layer, Vector input, bool isOutput)
    {
        CodeWriter code = body.Code;
        int n = layer.Number;
        code.Line(DenseCode.Comment(layer));
        body.EnsureLocals(input);
        DenseCode.DeclareParameters(code, layer);
        bool softmax = layer.Activation == ActivationKind.Softmax;
        for (int i = 0; i < layer.Outputs; i++)
        {
            string sum = DenseCode.WeightedSum(layer, input, i);
            string value = RuntimeCalls.Activate(layer.Activation, layer.Slope, sum);
            DenseCode.Statement(code, softmax ? $"float z{n}_{i} = {sum};" : isOutput ? $"output[{i}] = {value};" : $"float a{n}_{i} = {value};");
        }

        if (softmax)
        {
            InlineSoftmax(code, n, layer.Outputs);
        }

        return isOutput ? Vector.Span("output", layer.Outputs) : Vector.Locals($"a{n}_", $"a{n}", layer.Outputs);
    }

    /// <summary>
    /// Softmax of an unrolled output layer's sums straight into <c>output</c>, after subtracting the largest so
    /// no exp overflows; two outputs need only one exp. A NaN sum makes every output NaN, as in the span form.
    /// </summary>
    private static void InlineSoftmax(CodeWriter code, int n, int count)
    {
        const string MathF = "global::System.MathF";
        switch (count)
        {
            case 1:
                code.Line($"// Softmax of one value: 1 (z - z keeps a NaN).");
                code.Line($"output[0] = (z{n}_0 - z{n}_0) + 1f;");
                return;
            case 2:
                code.Line($"// Softmax of two values with one exp: 1 / (1 + e) for the larger, e / (1 + e) for the other, e = exp(-|z0 - z1|).");
                code.Line($"float e{n} = {MathF}.Exp(-{MathF}.Abs(z{n}_0 - z{n}_1));");
                code.Line($"float p{n} = 1f / (1f + e{n});");
                code.Line($"bool firstLarger{n} = z{n}_0 >= z{n}_1;");
                code.Line($"output[0] = firstLarger{n} ? p{n} : e{n} * p{n};");
                code.Line($"output[1] = firstLarger{n} ? e{n} * p{n} : p{n};");
                return;
        }

        code.Line("// Softmax: exp of each sum minus the largest, so none overflows, then divided by their total.");
        code.Line($"float max{n} = z{n}_0;");
        for (int i = 1; i < count; i++)
        {
            code.Line($"max{n} = {MathF}.Max(max{n}, z{n}_{i});");
        }

        var total = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            code.Line($"float e{n}_{i} = {MathF}.Exp(z{n}_{i} - max{n});");
            total.Append(i == 0 ? "" : " + ").Append($"e{n}_{i}");
        }

        code.Line($"float inverse{n} = 1f / ({total});");
        for (int i = 0; i < count; i++)
        {
            code.Line($"output[{i}] = e{n}_{i} * inverse{n};");
        }
    }

    private static Vector EmitLooped(MethodBody body, LayerPlan layer, Vector input, bool isOutput)
    {
        CodeWriter code = body.Code;
        code.Line(DenseCode.Comment(layer));
        body.EnsureSpan(input);
        string destination = isOutput ? "output" : $"a{layer.Number}";
        if (!isOutput)
        {
            body.Allocate(destination, (int)layer.OutputShape.Size);
        }

        bool fused = layer.FusesActivation;
        layer.WriteForward(code, input.SpanName, destination, fuse: fused);
        string activate = fused ? "" : RuntimeCalls.ActivateSpan(layer.Activation, layer.Slope, destination, destination);
        if (activate.Length > 0)
        {
            code.Line(activate);
        }

        return Vector.Span(destination, (int)layer.OutputShape.Size);
    }
}
