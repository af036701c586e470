namespace StaticNet.Generator.Model;

/// <summary>
/// A member of the user's network type (declared, or inherited from a base class) whose name the generator also
/// writes; whether the two really clash is decided against the generated code (see <c>MemberClashes</c>).
/// </summary>
/// <param name="Name">The member's name.</param>
/// <param name="IsMethod">Whether it is an ordinary method (methods of the same name clash only with the same parameters).</param>
/// <param name="Signature">For a method, its type-parameter count and parameter types (<c>ref</c> kinds marked), normalised.</param>
/// <param name="InheritedFrom">The base class it comes from, or null when the network type declares it.</param>
/// <param name="Location">Where it is declared, when in source.</param>
internal sealed record UserMember(string Name, bool IsMethod, string Signature, string? InheritedFrom, LocationInfo? Location);
