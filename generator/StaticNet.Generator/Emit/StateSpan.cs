using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The state span in generated signatures: networks with batch normalisation take their running statistics
/// right after the parameters; networks without state have no such parameter at all.
/// </summary>
internal static class StateSpan
{
    /// <summary><c>"ReadOnlySpan&lt;float&gt; state, "</c> (or <c>Span</c> when written to), or empty.</summary>
    public static string Parameter(NetworkPlan plan, bool writable = false) =>
        plan.HasState ? $"{(writable ? RuntimeCalls.Span : RuntimeCalls.ReadOnlySpan)} state, " : "";

    /// <summary><c>"state, "</c>, or empty.</summary>
    public static string Argument(NetworkPlan plan, string name = "state") => plan.HasState ? name + ", " : "";

    /// <summary>Writes the length check of the state span, if there is one.</summary>
    public static void Guard(CodeWriter writer, NetworkPlan plan)
    {
        if (plan.HasState)
        {
            writer.Line($"{RuntimeCalls.SpanGuard}.Length(state.Length, StateCount, \"state\");");
        }
    }

    /// <summary>Writes the doc comment of the state parameter, if there is one.</summary>
    public static void Document(CodeWriter writer, NetworkPlan plan, string role)
    {
        if (plan.HasState)
        {
            writer.Line($"/// <param name=\"state\">All {plan.StateCount} state values (batch-norm running statistics){role}.</param>");
        }
    }
}
