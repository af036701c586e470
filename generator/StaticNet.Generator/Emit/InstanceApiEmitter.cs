using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes the members of a network object: its own parameters, constructors, <c>Predict</c>, and the
/// explicit <c>INetwork</c> implementation the trainer uses.
/// </summary>
internal static class InstanceApiEmitter
{
    public const string Interface = "global::StaticNet.INetwork";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string name = plan.Target.Type.Name;
        writer.Line("/// <summary>This network's parameters: length <see cref=\"ParameterCount\"/>, laid out as the <c>LayerN</c> offsets say.</summary>");
        writer.Line("public float[] Parameters { get; }");
        writer.Line();
        writer.Line("/// <summary>A network with fresh parameters from <see cref=\"Initialize\"/>.</summary>");
        writer.Line("/// <param name=\"seed\">Seed of the initial weights: the same seed gives the same network.</param>");
        writer.Open($"public {name}(int seed)");
        writer.Line("Parameters = new float[ParameterCount];");
        writer.Line("Initialize(Parameters, seed);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>A network with a copy of <paramref name=\"parameters\"/>.</summary>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Open($"public {name}({RuntimeCalls.ReadOnlySpan} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line("Parameters = parameters.ToArray();");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Runs the network on one sample with this object's parameters. Allocation-free.</summary>");
        writer.Line($"public void Predict({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => Forward(Parameters, input, output);");
        writer.Line();
        writer.Line("/// <summary>Runs the network on one sample and returns a new array of its outputs.</summary>");
        writer.Open($"public float[] Predict({RuntimeCalls.ReadOnlySpan} input)");
        writer.Line("var output = new float[OutputSize];");
        writer.Line("Forward(Parameters, input, output);");
        writer.Line("return output;");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Saves this network's parameters as a weight file.</summary>");
        writer.Line("public void Save(string path) => SaveWeights(path, Parameters);");
        writer.Line();
        writer.Line("/// <summary>Writes this network's parameters as a weight file to <paramref name=\"stream\"/>.</summary>");
        writer.Line("public void Save(global::System.IO.Stream stream) => SaveWeights(stream, Parameters);");
        writer.Line();
        writer.Line("/// <summary>A network with the parameters of the weight file at <paramref name=\"path\"/>; see <see cref=\"LoadWeights(string, global::System.Span{float})\"/>.</summary>");
        writer.Open($"public static {name} Load(string path)");
        writer.Line("var parameters = new float[ParameterCount];");
        writer.Line("LoadWeights(path, parameters);");
        writer.Line($"return new {name}(parameters);");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>A network with the parameters of the weight file read from <paramref name=\"stream\"/>.</summary>");
        writer.Open($"public static {name} Load(global::System.IO.Stream stream, string source = \"stream\")");
        writer.Line("var parameters = new float[ParameterCount];");
        writer.Line("LoadWeights(stream, parameters, source);");
        writer.Line($"return new {name}(parameters);");
        writer.Close();
        writer.Line();
        writer.Line($"int {Interface}.InputSize => InputSize;");
        writer.Line();
        writer.Line($"int {Interface}.OutputSize => OutputSize;");
        writer.Line();
        writer.Line($"global::StaticNet.Loss {Interface}.Loss => global::StaticNet.Loss.{plan.Loss};");
        writer.Line();
        writer.Line($"void {Interface}.Forward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.Span} output) => Forward(Parameters, input, output);");
        writer.Line();
        writer.Line($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients) =>");
        writer.Line("    Backward(Parameters, input, target, parameterGradients, inputGradients);");
        writer.Line();
        writer.Line($"float {Interface}.Backward({RuntimeCalls.ReadOnlySpan} input, {RuntimeCalls.ReadOnlySpan} target, {RuntimeCalls.Span} parameterGradients, {RuntimeCalls.Span} inputGradients, ref global::StaticNet.Training.SeededRandom random) =>");
        writer.Line(plan.HasDropout
            ? "    Backward(Parameters, input, target, parameterGradients, inputGradients, ref random);"
            : "    Backward(Parameters, input, target, parameterGradients, inputGradients);");
    }
}
