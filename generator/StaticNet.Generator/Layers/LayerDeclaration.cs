using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// One layer attribute as the user wrote it, before any checking. Each kind reads its own attribute (a static
/// <c>Read</c> that <see cref="LayerFactory"/> calls) and plans itself: <see cref="Plan"/> checks the arguments
/// against the input shape, reports what is wrong and adds its <see cref="LayerPlan"/>.
/// </summary>
internal abstract record LayerDeclaration(string AttributeName, LocationInfo? Location)
{
    /// <summary><c>Name = "..."</c>: what later layers call this one; null when unnamed.</summary>
    public Argument<string>? Name { get; init; }

    /// <summary><c>From = "..."</c>: the earlier layer whose output this one takes instead of the one above; null for the one above.</summary>
    public Argument<string>? From { get; init; }

    /// <summary>Whether the declaration adds a layer (an <c>[Output]</c> only marks the one above, an <c>[Input]</c> is read first).</summary>
    public virtual bool AddsLayer => true;

    /// <summary>
    /// Checks the layer after a layer of shape <paramref name="input"/>, adds its plan through
    /// <paramref name="planner"/> and returns its output shape (a best guess after a problem, so planning goes on).
    /// </summary>
    public abstract Shape Plan(NetworkPlanner planner, Shape input);

    /// <summary>Whether the layer computes new values (so it may be the output layer); Input, Flatten and Dropout do not.</summary>
    public virtual bool Computes => true;

    /// <summary>
    /// Whether the layer reads a sequence (<c>[Input(steps, features)]</c>, a recurrent layer's output); the planner reports
    /// the others after one (SN0054) and plans them on its values flattened.
    /// </summary>
    public virtual bool TakesSequences => false;
}

/// <summary>A layer attribute whose arguments the compiler could not bind (the user's code has errors there).</summary>
internal sealed record UnreadableDeclaration(string Attribute, LocationInfo? Location)
    : LayerDeclaration(Attribute, Location)
{
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        planner.Report(Diagnostics.DiagnosticDescriptors.UnreadableAttribute, Location, Attribute, planner.Name);
        return input;
    }
}
