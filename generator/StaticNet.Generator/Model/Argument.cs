namespace StaticNet.Generator.Model;

/// <summary>An attribute argument's value and where the user wrote it, for diagnostics.</summary>
internal readonly record struct Argument<T>(T Value, LocationInfo? Location);
