using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>Initialize</c>: He normal weights for ReLU and LeakyReLU layers, Xavier uniform for the
/// others, zero biases, with each layer's fan-in and fan-out written in as constants.
/// </summary>
internal static class InitializeEmitter
{
    private const string Initializers = "global::StaticNet.Training.Initializers";

    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Fills <paramref name=\"parameters\"/> with fresh weights: He (Kaiming) normal for ReLU and LeakyReLU layers,");
        writer.Line("/// Xavier (Glorot) uniform for the others, biases zero. The same seed gives the same weights everywhere.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {plan.ParameterCount} parameters.</param>");
        writer.Line("/// <param name=\"seed\">Seed of the random sequence.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Open($"public static void Initialize({RuntimeCalls.Span} parameters, int seed)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, nameof(parameters));");
        writer.Line("var random = new global::StaticNet.Training.SeededRandom(seed);");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer is not DenseLayerPlan dense)
            {
                continue;
            }

            int n = dense.Number;
            string weights = $"parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";
            if (dense.Activation is ActivationKind.ReLU or ActivationKind.LeakyReLU)
            {
                float slope = dense.Activation == ActivationKind.LeakyReLU ? dense.Slope : 0f;
                writer.Line($"// Layer {n}: {dense.Description}: He normal, fan-in {dense.Inputs}.");
                writer.Line($"{Initializers}.HeNormal({weights}, fanIn: {dense.Inputs}, slope: {RuntimeCalls.Float(slope)}, ref random);");
            }
            else
            {
                writer.Line($"// Layer {n}: {dense.Description}: Xavier uniform, fan-in {dense.Inputs}, fan-out {dense.Outputs}.");
                writer.Line($"{Initializers}.XavierUniform({weights}, fanIn: {dense.Inputs}, fanOut: {dense.Outputs}, ref random);");
            }

            writer.Line($"parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount).Clear();");
        }

        writer.Close();
    }
}
