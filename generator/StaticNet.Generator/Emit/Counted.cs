using System.Globalization;

namespace StaticNet.Generator.Emit;

/// <summary>A count and its noun, singular for one (<c>1 value</c>, <c>4 values</c>), for the generated doc comments.</summary>
internal static class Counted
{
    public static string Of(long count, string noun) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");
}
