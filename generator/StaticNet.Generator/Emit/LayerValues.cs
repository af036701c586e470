namespace StaticNet.Generator.Emit;

/// <summary>
/// A layer's values in generated code (not <c>System.Numerics.Vector</c>): held in locals named <c>{LocalPrefix}{i}</c> (unrolled
/// layers), in a span named <see cref="SpanName"/> (looped layers), or both once converted.
/// </summary>
internal sealed class LayerValues(string localPrefix, string spanName, int length, bool inLocals, bool inSpan)
{
    public string LocalPrefix { get; } = localPrefix;

    public string SpanName { get; } = spanName;

    public int Length { get; } = length;

    public bool InLocals { get; set; } = inLocals;

    public bool InSpan { get; set; } = inSpan;

    public static LayerValues Locals(string prefix, string spanName, int length) => new(prefix, spanName, length, inLocals: true, inSpan: false);

    public static LayerValues Span(string name, int length) => new(name + "_", name, length, inLocals: false, inSpan: true);

    public string Local(int i) => LocalPrefix + i;

    /// <summary>An expression for element <paramref name="i"/>, preferring the local.</summary>
    public string Element(int i) => InLocals ? Local(i) : $"{SpanName}[{i}]";
}
