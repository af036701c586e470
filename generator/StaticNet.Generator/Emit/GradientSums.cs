using System;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// For a value with several uses (see <see cref="GradientFlow"/>): the span where the gradients with respect to its
/// outputs are summed, <c>dx</c> for the input and <c>da{n}</c> for layer n, declared at the first use (which writes it)
/// and added to by every later one. Backward allocates one sample's span, BackwardBatch every sample's.
/// </summary>
internal sealed class GradientSums(NetworkPlan plan, Action<string, int, string> allocate)
{
    private readonly string?[] names = new string?[plan.Layers.Count + 1];

    /// <summary>The span summing value <paramref name="value"/>'s gradients, or null when it has none (one reader).</summary>
    public string? Of(int value) => names[value];

    /// <summary>Where the next use of <paramref name="value"/> puts its gradient, and whether it adds (else writes, the first).</summary>
    public (string Name, bool Add) For(int value)
    {
        if (names[value] is { } name)
        {
            return (name, true);
        }

        name = value == 0 ? "dx" : $"da{value}";
        allocate(name, value == 0 ? (int)plan.InputShape.Size : (int)plan.Layers[value - 1].OutputShape.Size,
            value == 0 ? "dLoss/dInput, summed over the input's uses" : $"dLoss/d(outputs of layer {value}), summed over its uses");
        names[value] = name;
        return (name, false);
    }
}
