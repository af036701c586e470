using System.Collections.Generic;
using System.Linq;

namespace StaticNet.Generator.Model;

/// <summary>
/// A method's identity for overloading, as text both the parser (from symbols) and the clash check (from generated
/// syntax) can write: type-parameter count, then each parameter's type, fully qualified, with white space and nullable
/// annotations removed, and "ref " for any of ref, out and in (C# cannot overload on which).
/// </summary>
internal static class MemberSignature
{
    public static string Of(int typeParameters, IEnumerable<(bool ByReference, string Type)> parameters) =>
        typeParameters + "(" + string.Join(",", parameters.Select(p => (p.ByReference ? "ref " : "") + Normalise(p.Type))) + ")";

    private static string Normalise(string type) => new string(type.Where(c => !char.IsWhiteSpace(c) && c != '?').ToArray());
}
