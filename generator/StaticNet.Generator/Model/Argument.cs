namespace StaticNet.Generator.Model;

/// <summary>An attribute argument's value and where the user wrote it, for diagnostics.</summary>
internal readonly record struct Argument<T>(T Value, LocationInfo? Location)
{
    /// <summary>
    /// In a <c>[Block]</c>, the block's <c>const</c> field the user wrote for this value (a parameter each
    /// <c>[Use]</c> may set), or null for a literal.
    /// </summary>
    public string? Parameter { get; init; }
}
