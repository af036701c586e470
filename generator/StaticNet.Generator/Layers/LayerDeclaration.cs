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

    /// <summary>Whether the layer reads the layers it names (a join's operands) rather than the one above or <c>From</c>.</summary>
    public virtual bool NamesItsOperands => false;

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
    /// This declaration as a use of its block writes it: <paramref name="name"/> maps its <c>Name</c>,
    /// <paramref name="reference"/> every layer it reads by name (<c>From</c>, and in the kinds that have them, join
    /// operands and shared weights). A kind with more references overrides it, calling this.
    /// </summary>
    public virtual LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) => this with
    {
        Name = Name is { } own ? own with { Value = name(own.Value) } : null,
        From = From is { } source ? source with { Value = reference(source.Value) } : null,
    };

    /// <summary>
    /// This declaration with the sizes written as block parameters set by a use (<paramref name="set"/> returns the
    /// argument as the use sets it). A kind whose sizes a block may set overrides it.
    /// </summary>
    public virtual LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this;

    /// <summary>Each operand of a join as <paramref name="reference"/> maps it.</summary>
    protected static EquatableArray<Argument<string>> References(EquatableArray<Argument<string>> operands, System.Func<string, string> reference) =>
        new(System.Collections.Immutable.ImmutableArray.CreateRange(operands.AsImmutableArray(), operand => operand with { Value = reference(operand.Value) }));

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
