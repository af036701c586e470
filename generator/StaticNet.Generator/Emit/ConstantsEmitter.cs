using System.Globalization;
using System.Text;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Writes the network's compile-time facts: sizes, counts, per-layer offsets and the summary.</summary>
internal static class ConstantsEmitter
{
    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line($"/// <summary>Length of the flat input: shape {plan.InputShape}.</summary>");
        writer.MemberLine($"public const int InputSize = {plan.InputShape.Size};");
        writer.Line();
        Shape input = plan.InputShape;
        writer.Line(input.IsFlat
            ? $"/// <summary>The input is a flat vector of {input.Size} values.</summary>"
            : input.IsSequence
            ? $"/// <summary>The input is a sequence: {input.Steps} step{(input.Steps == 1 ? "" : "s")} of {input.Features} value{(input.Features == 1 ? "" : "s")}, step by step.</summary>"
            : $"/// <summary>The input is an image: {input.Channels} channel{(input.Channels == 1 ? "" : "s")} of {input.Height} x {input.Width} values (CHW).</summary>");
        writer.MemberLine(input.IsFlat
            ? $"public static global::StaticNet.SampleShape InputShape => global::StaticNet.SampleShape.Flat({input.Size});"
            : input.IsSequence
            ? $"public static global::StaticNet.SampleShape InputShape => global::StaticNet.SampleShape.Sequence({input.Steps}, {input.Features});"
            : $"public static global::StaticNet.SampleShape InputShape => global::StaticNet.SampleShape.Image({input.Channels}, {input.Height}, {input.Width});");
        writer.Line();
        writer.Line($"/// <summary>Length of the flat output: shape {plan.OutputShape}.</summary>");
        writer.MemberLine($"public const int OutputSize = {plan.OutputShape.Size};");
        writer.Line();
        writer.Line("/// <summary>Number of trainable parameters: the length of the parameter span.</summary>");
        writer.MemberLine($"public const int ParameterCount = {plan.ParameterCount};");
        writer.Line();
        writer.Line(plan.HasState
            ? "/// <summary>Number of state values (batch-norm running statistics): saved with the parameters, not trained.</summary>"
            : "/// <summary>Number of state values: none, as the network has no batch normalisation.</summary>");
        writer.MemberLine($"public const int StateCount = {plan.StateCount};");
        writer.Line();
        writer.Line("/// <summary>Multiply-accumulates in one Forward call.</summary>");
        writer.MemberLine($"public const long MultiplyAccumulateCount = {plan.MultiplyAccumulates};");
        writer.Line();
        string architecture = ArchitectureDescription.Describe(plan);
        writer.Line("/// <summary>The layers that give the parameters their meaning, as weight files record them.</summary>");
        writer.MemberLine($"public const string Architecture = \"{Escape(architecture)}\";");
        writer.Line();
        writer.Line("/// <summary>64-bit FNV-1a hash of <see cref=\"Architecture\"/>: weight files for other architectures are refused.</summary>");
        writer.MemberLine($"public const ulong ArchitectureFingerprint = {ArchitectureDescription.Hex(ArchitectureDescription.Fingerprint(architecture))};");
        writer.Line();
        writer.Line("/// <summary>A table of the layers with their output shapes and parameter counts.</summary>");
        writer.MemberLine("public const string Summary =");
        string[] lines = SummaryBuilder.Build(plan).TrimEnd('\n').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string end = i == lines.Length - 1 ? ";" : " +";
            writer.Line($"    \"{Escape(lines[i])}\\n\"{end}");
        }

        foreach (LayerPlan layer in plan.Layers)
        {
            writer.Line();
            EmitLayer(writer, layer);
        }

        if (plan.HasHeads)
        {
            writer.Line();
            writer.Line("/// <summary>Number of outputs ([Output] heads): their values lie one after another in each sample's output and target.</summary>");
            writer.MemberLine($"public const int OutputCount = {plan.Heads.Count};");
            foreach (HeadPlan head in plan.Heads)
            {
                writer.Line();
                EmitHead(writer, plan, head);
            }
        }
    }

    private static void EmitHead(CodeWriter writer, NetworkPlan plan, HeadPlan head)
    {
        LayerPlan layer = plan.Layers[head.Layer - 1];
        writer.Line($"/// <summary>Output {head.Number}, '{head.Name}': {layer.Label}, trained with {head.Loss}.</summary>");
        writer.Member($"public static class Output{head.Number}");
        writer.Line("/// <summary>The head's name: its [Output]'s Name, else its layer's.</summary>");
        writer.Line($"public const string Name = {CSharpName.StringLiteral(head.Name)};");
        writer.Line();
        Constant(writer, "int", "LayerNumber", head.Layer, "The layer whose values the head is.");
        Constant(writer, "int", "Offset", head.Offset, "Where its values start in each sample's output and target.");
        Constant(writer, "int", "Size", head.Size, "How many values it has.");
        writer.Line("/// <summary>The head's loss.</summary>");
        writer.Line($"public const global::StaticNet.Loss Loss = global::StaticNet.Loss.{head.Loss};");
        writer.Line();
        writer.Line("/// <summary>Its weight in the network's loss: the sum over heads of Weight times the head's loss.</summary>");
        writer.Line($"public const float Weight = {RuntimeCalls.Float(head.Weight)};");
        writer.Close();
    }

    private static void EmitLayer(CodeWriter writer, LayerPlan layer)
    {
        // A named layer's constants keep its number (a name such as "trunk.0" is no C# identifier), so the comment maps
        // the two; names keep to letters, digits, '_', '-' and '.' (SN0052), nothing XML would need escaped.
        string named = layer.LayerName is { } layerName ? $", named \"{layerName}\"" : "";
        writer.Line($"/// <summary>Layer {layer.Number}{named}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}.</summary>");
        writer.Member($"public static class Layer{layer.Number}");
        Constant(writer, "int", "InputSize", layer.InputShape.Size, $"Values this layer reads: shape {layer.InputShape}.");
        Constant(writer, "int", "OutputSize", layer.OutputShape.Size, $"Values this layer writes: shape {layer.OutputShape}.");
        Constant(writer, "int", "WeightOffset", layer.WeightOffset, $"Where the weights{layer.WeightRole} start in the parameter span.");
        Constant(writer, "int", "WeightCount", layer.WeightCount, "Number of weights.");
        Constant(writer, "int", "BiasOffset", layer.BiasOffset, $"Where the biases{layer.BiasRole} start in the parameter span.");
        Constant(writer, "int", "BiasCount", layer.BiasCount, "Number of biases.");
        if (layer.SlopeCount > 0)
        {
            Constant(writer, "int", "SlopeOffset", layer.SlopeOffset, "Where the PReLU slopes (one per feature or channel) start in the parameter span.");
            Constant(writer, "int", "SlopeCount", layer.SlopeCount, "Number of PReLU slopes.");
        }

        Constant(writer, "int", "ParameterCount", layer.ParameterCount, layer.SlopeCount > 0 ? "Weights, biases and slopes together." : "Weights and biases together.");
        foreach ((string type, string name, long value, string summary) in layer.ExtraConstants)
        {
            Constant(writer, type, name, value, summary);
        }

        Constant(writer, "long", "MultiplyAccumulateCount", layer.MultiplyAccumulates, "Multiply-accumulates per sample.", last: true);
        writer.Close();
    }

    private static void Constant(CodeWriter writer, string type, string name, long value, string summary, bool last = false)
    {
        writer.Line($"/// <summary>{summary}</summary>");
        writer.Line($"public const {type} {name} = {value.ToString(CultureInfo.InvariantCulture)};");
        if (!last)
        {
            writer.Line();
        }
    }

    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            escaped.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
