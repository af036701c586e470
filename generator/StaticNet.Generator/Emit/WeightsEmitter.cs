using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Writes <c>SaveWeights</c> and <c>LoadWeights</c>: the weight file format with this network's architecture.</summary>
internal static class WeightsEmitter
{
    private const string WeightFile = "global::StaticNet.Storage.WeightFile";
    private const string Stream = "global::System.IO.Stream";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        string state = "global::System.ReadOnlySpan<float>.Empty";
        string stateOut = "global::System.Span<float>.Empty";
        writer.Line("/// <summary>Saves <paramref name=\"parameters\"/> as a StaticNet weight file at <paramref name=\"path\"/>, replacing it once complete.</summary>");
        writer.Open($"public static void SaveWeights(string path, {RuntimeCalls.ReadOnlySpan} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line($"{WeightFile}.Write(path, Architecture, ArchitectureFingerprint, parameters, {state});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Writes <paramref name=\"parameters\"/> as a StaticNet weight file to <paramref name=\"stream\"/>.</summary>");
        writer.Open($"public static void SaveWeights({Stream} stream, {RuntimeCalls.ReadOnlySpan} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line($"{WeightFile}.Write(stream, Architecture, ArchitectureFingerprint, parameters, {state});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>");
        writer.Line("/// Loads the weight file at <paramref name=\"path\"/> into <paramref name=\"parameters\"/>. A file for another");
        writer.Line("/// architecture, truncated, corrupted or of another format throws <see cref=\"global::StaticNet.Storage.WeightFileException\"/>");
        writer.Line("/// naming the file and the problem, and leaves <paramref name=\"parameters\"/> untouched.");
        writer.Line("/// </summary>");
        writer.Open($"public static void LoadWeights(string path, {RuntimeCalls.Span} parameters)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line($"{WeightFile}.Read(path, Architecture, ArchitectureFingerprint, parameters, {stateOut});");
        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Loads a weight file from <paramref name=\"stream\"/>; <paramref name=\"source\"/> names it in errors.</summary>");
        writer.Open($"public static void LoadWeights({Stream} stream, {RuntimeCalls.Span} parameters, string source = \"stream\")");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line($"{WeightFile}.Read(stream, source, Architecture, ArchitectureFingerprint, parameters, {stateOut});");
        writer.Close();
    }
}
