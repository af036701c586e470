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
        foreach ((LayerPlan layer, LayerRole role, bool isOutput) in LayerWalk.Forward(plan, training: false))
        {
            if (layer.Number > 1)
            {
                body.Code.Line();
            }

            switch (role)
            {
                case LayerRole.View:
                    body.Code.Line($"// Layer {layer.Number}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}: the same values, nothing to do.");
                    break;
                case LayerRole.PassThrough:
                    body.Code.Line($"// Layer {layer.Number}: {layer.Description}: passes values through at inference, nothing to do.");
                    break;
                default:
                    current = layer is IUnrollableLayer { Unrolled: true } unrolled
                        ? unrolled.WriteForward(body, current, isOutput)
                        : EmitLooped(body, layer, current, isOutput);
                    break;
            }
        }

        body.WriteTo(writer);
        writer.Close();
    }

    private static Vector EmitLooped(MethodBody body, LayerPlan layer, Vector input, bool isOutput)
    {
        CodeWriter code = body.Code;
        code.Line(layer.CodeComment);
        body.EnsureSpan(input);
        string destination = isOutput ? "output" : $"a{layer.Number}";
        if (!isOutput)
        {
            body.Allocate(destination, (int)layer.OutputShape.Size);
        }

        bool fused = layer.FusesActivation;
        layer.WriteForward(code, input.SpanName, destination, fuse: fused);
        string activate = fused ? "" : RuntimeCalls.ActivateSpan(layer, destination, destination);
        if (activate.Length > 0)
        {
            code.Line(activate);
        }

        return Vector.Span(destination, (int)layer.OutputShape.Size);
    }
}
