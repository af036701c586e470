using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the members of a network object: its own parameters (and state, with batch normalisation),
/// constructors, <c>Predict</c>, and the explicit <c>INetwork</c> implementation the trainer uses.
/// </summary>
internal static class InstanceApiEmitter
{
    public const string Interface = "global::StaticNet.INetwork";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string name = CSharpName.Identifier(plan.Target.Type.Name);
        string state = StateSpan.Argument(plan, "State");
        writer.Line("/// <summary>This network's parameters: length <see cref=\"ParameterCount\"/>, laid out as the <c>LayerN</c> offsets say.</summary>");
        writer.MemberLine("public float[] Parameters { get; }");
        writer.Line();
        if (plan.HasState)
        {
            writer.Line("/// <summary>This network's running statistics: length <see cref=\"StateCount\"/>, updated by training steps, used by <c>Predict</c>.</summary>");
            writer.MemberLine("public float[] State { get; }");
            writer.Line();
        }

        writer.Line("/// <summary>A network with fresh parameters from <see cref=\"Initialize\"/>.</summary>");
        writer.Line("/// <param name=\"seed\">Seed of the initial weights: the same seed gives the same network.</param>");
        writer.Member($"public {name}(int seed)");
        writer.Line("Parameters = new float[ParameterCount];");
        writer.Line("Initialize(Parameters, seed);");
        WriteFreshState(writer, plan);
        writer.Close();
        writer.Line();
        writer.Line(plan.HasState
            ? "/// <summary>A network with a copy of <paramref name=\"parameters\"/> and fresh running statistics.</summary>"
            : "/// <summary>A network with a copy of <paramref name=\"parameters\"/>.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Member($"public {name}({RuntimeCalls.ReadOnlySpan} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line("Parameters = parameters.ToArray();");
        WriteFreshState(writer, plan);
        writer.Close();
        writer.Line();
        if (plan.HasState)
        {
            writer.Line("/// <summary>A network with copies of <paramref name=\"parameters\"/> and <paramref name=\"state\"/>.</summary>");
            writer.Line("/// <exception cref=\"global::System.ArgumentException\">A span has the wrong length.</exception>");
            writer.Member($"public {name}({RuntimeCalls.ReadOnlySpan} parameters, {RuntimeCalls.ReadOnlySpan} state)");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StateCount, \"state\");");
            writer.Line("Parameters = parameters.ToArray();");
            writer.Line("State = state.ToArray();");
            writer.Close();
            writer.Line();
        }

        writer.Line("/// <summary>Runs the network on one sample with this object's parameters. Allocation-free.</summary>");
        writer.MemberLine($"public void Predict({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => Forward(Parameters, {state}input, output);");
        writer.Line();
        writer.Line("/// <summary>Runs the network on one sample and returns a new array of its outputs.</summary>");
        writer.Member($"public float[] Predict({RuntimeCalls.ReadOnlySpan} input)");
        writer.Line("float[] output = new float[OutputSize];");
        writer.Line($"Forward(Parameters, {state}input, output);");
        writer.Line("return output;");
        writer.Close();
        writer.Line();
        WriteSaveAndLoad(writer, plan, name);
        writer.Line();
        WriteInterface(writer, plan);
    }

    private static void WriteFreshState(CodeWriter writer, NetworkPlan plan)
    {
        if (plan.HasState)
        {
            writer.Line("State = new float[StateCount];");
            writer.Line("InitializeState(State);");
        }
    }

    private static void WriteSaveAndLoad(CodeWriter writer, NetworkPlan plan, string name)
    {
        string saved = plan.HasState ? "parameters and running statistics" : "parameters";
        string arguments = plan.HasState ? "Parameters, State" : "Parameters";
        string loaded = plan.HasState ? "parameters, state" : "parameters";
        writer.Line($"/// <summary>Saves this network's {saved} as a weight file.</summary>");
        writer.MemberLine($"public void Save(string path) => SaveWeights(path, {arguments});");
        writer.Line();
        writer.Line($"/// <summary>Writes this network's {saved} as a weight file to <paramref name=\"stream\"/>.</summary>");
        writer.MemberLine($"public void Save(global::System.IO.Stream stream) => SaveWeights(stream, {arguments});");
        writer.Line();
        writer.Line("/// <summary>Writes this network as an ONNX model to a file at <paramref name=\"path\"/>.</summary>");
        writer.MemberLine($"public void ToOnnx(string path) => ToOnnx({arguments}, path);");
        writer.Line();
        writer.Line("/// <summary>Writes this network as an ONNX model to <paramref name=\"stream\"/>.</summary>");
        writer.MemberLine($"public void ToOnnx(global::System.IO.Stream stream) => ToOnnx({arguments}, stream);");
        writer.Line();
        writer.Line($"/// <summary>A network with the {saved} of the weight file at <paramref name=\"path\"/>; see <see cref=\"LoadWeights(string, global::System.Span{{float}}{(plan.HasState ? ", global::System.Span{float}" : "")})\"/>.</summary>");
        writer.Member($"public static {name} Load(string path)");
        DeclareLoadBuffers(writer, plan);
        writer.Line($"LoadWeights(path, {loaded});");
        writer.Line($"return new {name}({loaded});");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>A network with the {saved} of the weight file read from <paramref name=\"stream\"/>.</summary>");
        writer.Member($"public static {name} Load(global::System.IO.Stream stream, string source = \"stream\")");
        DeclareLoadBuffers(writer, plan);
        writer.Line($"LoadWeights(stream, {loaded}, source);");
        writer.Line($"return new {name}({loaded});");
        writer.Close();
    }

    private static void DeclareLoadBuffers(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("float[] parameters = new float[ParameterCount];");
        if (plan.HasState)
        {
            writer.Line("float[] state = new float[StateCount];");
        }
    }

    private static void WriteInterface(CodeWriter writer, NetworkPlan plan)
    {
        string state = StateSpan.Argument(plan, "State");
        string random = plan.HasDropout ? ", ref random" : "";
        writer.MemberLine($"int {Interface}.InputSize => InputSize;");
        writer.Line();
        writer.MemberLine($"global::StaticNet.SampleShape {Interface}.InputShape => InputShape;");
        writer.Line();
        writer.MemberLine($"int {Interface}.OutputSize => OutputSize;");
        writer.Line();
        writer.MemberLine($"global::StaticNet.Loss {Interface}.Loss => global::StaticNet.Loss.{(plan.HasHeads ? plan.Heads[0].Loss : plan.Loss)};");
        writer.Line();
        writer.MemberLine($"global::System.Collections.Generic.IReadOnlyList<global::StaticNet.OutputHead> {Interface}.Heads => outputHeads;");
        writer.Line();
        writer.Line("/// <summary>The outputs as <see cref=\"global::StaticNet.INetwork.Heads\"/> lists them, made once.</summary>");
        writer.MemberLine("private static readonly global::StaticNet.OutputHead[] outputHeads = new global::StaticNet.OutputHead[]");
        writer.Line("{");
        foreach (HeadPlan head in plan.Heads)
        {
            LossKind loss = plan.HasHeads ? head.Loss : plan.Loss;
            writer.Line($"    new global::StaticNet.OutputHead({CSharpName.StringLiteral(head.Name)}, {head.Offset}, {head.Size}, global::StaticNet.Loss.{loss}, {RuntimeCalls.Float(head.Weight)}),");
        }

        writer.Line("};");
        writer.Line();
        writer.MemberLine($"float[] {Interface}.State => {(plan.HasState ? "State" : "global::System.Array.Empty<float>()")};");
        writer.Line();
        writer.MemberLine($"void {Interface}.Forward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => Forward(Parameters, {state}input, output);");
        writer.Line();
        writer.MemberLine($"void {Interface}.ForwardBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.Span} outputs) => ForwardBatch(Parameters, {state}inputs, outputs);");
        writer.Line();
        writer.MemberLine($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients) =>");
        writer.Line($"    Backward(Parameters, {state}input, target, parameterGradients, inputGradients);");
        writer.Line();
        writer.MemberLine($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line($"    Backward(Parameters, {state}input, target, parameterGradients, inputGradients{random});");
        writer.Line();
        writer.MemberLine($"float {Interface}.BackwardBatch({RuntimeCalls.ReadOnlySpan} inputs, {RuntimeCalls.ReadOnlySpan} targets, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} outputs, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line($"    BackwardBatch(Parameters, {state}inputs, targets, parameterGradients, outputs{random});");
    }
}
