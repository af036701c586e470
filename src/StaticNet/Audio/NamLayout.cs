using System.Collections.Generic;

namespace StaticNet.Audio;

/// <summary>
/// What a <c>.nam</c> model is in StaticNet's terms: the layers of its declaration with the file's values, the stream
/// state it starts from (an LSTM's stored initial state), and how many zeros the core's prewarm feeds; or, for a model
/// StaticNet cannot declare, which part of the file that is.
/// </summary>
internal sealed record NamLayout(NamLayer[] Layers, int PrewarmSamples, string Summary)
{
    /// <summary>Stream-state parts by their <c>StreamStateSlots</c> name, with the values a fresh stream starts from.</summary>
    public IReadOnlyList<KeyValuePair<string, float[]>> InitialState { get; init; } = [];

    /// <summary>The blocks the declaration uses, in the order of their first use.</summary>
    public NamBlock[] Blocks { get; init; } = [];

    /// <summary>Why the model cannot be declared (naming the part of the file), or null.</summary>
    public string? CannotExpress { get; init; }

    public static NamLayout Unsupported(string summary, string reason) => new([], 0, summary) { CannotExpress = reason };
}
