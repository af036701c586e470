using System.Linq;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// Writes <c>Initialize</c>: each layer's own initialisation (<see cref="LayerPlan.WriteInitialization"/>: He normal
/// weights before a rectifier, Xavier uniform before the others, zero biases, fans written in as constants; recurrent
/// layers uniform; batch normalisation the identity). A linear layer feeding a batch normalisation is initialised for
/// the activation that follows the normalisation.
/// </summary>
internal static class InitializeEmitter
{
    public static void Emit(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>");
        writer.Line("/// Fills <paramref name=\"parameters\"/> with fresh weights, as PyTorch's initialisers define them: He (Kaiming)");
        writer.Line("/// normal before a rectifier, Xavier (Glorot) uniform before other activations, biases zero (each layer's line says");
        writer.Line("/// which, with its fans); recurrent layers uniform in +-1/sqrt(hidden); batch-norm gamma one and beta zero.");
        writer.Line("/// The same seed gives the same weights everywhere.");
        writer.Line("/// </summary>");
        writer.Line($"/// <param name=\"parameters\">All {Counted.Of(plan.ParameterCount, "parameter")}.</param>");
        writer.Line("/// <param name=\"seed\">Seed of the random sequence.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Member($"public static void Initialize({RuntimeCalls.Span} parameters, int seed)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(parameters.Length, ParameterCount, \"parameters\");");
        writer.Line("global::StaticNet.Training.SeededRandom random = new global::StaticNet.Training.SeededRandom(seed);");
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.ParameterCount == 0)
            {
                continue;
            }

            layer.WriteInitialization(writer, ActivatedBy(plan, layer));
        }

        writer.Close();
    }

    /// <summary>The layer whose activation follows <paramref name="layer"/>'s sums: itself, or the batch normalisation right after (and reading) a linear layer.</summary>
    private static LayerPlan ActivatedBy(NetworkPlan plan, LayerPlan layer) =>
        layer.Activation == ActivationKind.Identity && layer.Number < plan.Layers.Count
            && plan.Layers[layer.Number] is { ActivatesPreviousLayer: true } next && next.Source == layer.Number
            ? next
            : layer;

    /// <summary>Writes <c>InitializeState</c>: running means zero and running variances one, as PyTorch starts them.</summary>
    public static void EmitState(CodeWriter writer, NetworkPlan plan)
    {
        writer.Line("/// <summary>Resets the running statistics: every running mean 0 and every running variance 1, as PyTorch starts them.</summary>");
        writer.Line($"/// <param name=\"state\">All {plan.StateCount} state values.</param>");
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">The span has the wrong length.</exception>");
        writer.Member($"public static void InitializeState({RuntimeCalls.Span} state)");
        writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StateCount, \"state\");");
        foreach (IStatefulLayer layer in plan.Layers.OfType<IStatefulLayer>())
        {
            layer.WriteStateInitialization(writer);
        }

        writer.Close();
    }
}
