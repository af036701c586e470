using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>SaveWeights</c> and <c>LoadWeights</c>: the weight file format with this network's architecture.
/// Networks with state (batch-norm running statistics) save and load it beside the parameters.
/// </summary>
internal static class WeightsEmitter
{
    private const string WeightFile = "global::StaticNet.Storage.WeightFile";
    private const string Stream = "global::System.IO.Stream";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string what = plan.HasState ? "<paramref name=\"parameters\"/> and <paramref name=\"state\"/>" : "<paramref name=\"parameters\"/>";
        string readState = plan.HasState ? "state" : "global::System.ReadOnlySpan<float>.Empty";
        string writeState = plan.HasState ? "state" : "global::System.Span<float>.Empty";
        writer.Line($"/// <summary>Saves {what} as a StaticNet weight file at <paramref name=\"path\"/>, replacing it once complete.</summary>");
        writer.Member($"public static void SaveWeights(string path, {RuntimeCalls.ReadOnlySpan} parameters{StateParameter(plan, RuntimeCalls.ReadOnlySpan)})");
        Guards(writer, plan);
        writer.Line($"{WeightFile}.Write(path, Architecture, ArchitectureFingerprint, parameters, {readState});");
        writer.Close();
        writer.Line();
        writer.Line($"/// <summary>Writes {what} as a StaticNet weight file to <paramref name=\"stream\"/>.</summary>");
        writer.Member($"public static void SaveWeights({Stream} stream, {RuntimeCalls.ReadOnlySpan} parameters{StateParameter(plan, RuntimeCalls.ReadOnlySpan)})");
        Guards(writer, plan);
        writer.Line($"{WeightFile}.Write(stream, Architecture, ArchitectureFingerprint, parameters, {readState});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line($"/// Loads the weight file at <paramref name=\"path\"/> into {what}. A file for another");
        writer.Line("/// architecture, truncated, corrupted or of another format throws <see cref=\"global::StaticNet.Storage.WeightFileException\"/>");
        writer.Line("/// naming the file and the problem, and leaves the spans untouched.");
        writer.Line("/// </summary>");
        writer.Member($"public static void LoadWeights(string path, {RuntimeCalls.Span} parameters{StateParameter(plan, RuntimeCalls.Span)})");
        Guards(writer, plan);
        writer.Line($"{WeightFile}.Read(path, Architecture, ArchitectureFingerprint, parameters, {writeState});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Loads a weight file from <paramref name=\"stream\"/>; <paramref name=\"source\"/> names it in errors.</summary>");
        writer.Member($"public static void LoadWeights({Stream} stream, {RuntimeCalls.Span} parameters{StateParameter(plan, RuntimeCalls.Span)}, string source = \"stream\")");
        Guards(writer, plan);
        writer.Line($"{WeightFile}.Read(stream, source, Architecture, ArchitectureFingerprint, parameters, {writeState});");
        writer.Close();
    }

    private static string StateParameter(NetworkPlan plan, string type) => plan.HasState ? $", {type} state" : "";

    /// <summary>The length checks of the parameter span and, for networks with state, the state span.</summary>
    internal static void Guards(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        StateSpan.Guard(writer, plan);
    }
}
