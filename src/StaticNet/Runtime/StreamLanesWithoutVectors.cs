#if !NET8_0_OR_GREATER
using System;
using System.ComponentModel;

namespace StaticNet.Runtime;

/// <summary>
/// Where there are no hardware vectors (netstandard2.1: Unity's Mono and IL2CPP) there are no lanes: <see cref="MatchStep"/>
/// is false, so generated <c>StepBatch</c> code steps each stream with <c>Step</c>, and the block members below, which it
/// calls only after <see cref="MatchStep"/> said yes, are never reached. The .NET 8 build's <c>StreamLanes</c> has the lanes.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class StreamLanes
{
    /// <summary>The most streams a block holds: what a caller sizes its lanes for.</summary>
    public const int MaxCount = 16;

    /// <summary>Streams per block, were there blocks.</summary>
    public static int Count => 8;

    /// <summary>Never: without vectors every stream takes its own <c>Step</c>.</summary>
    public static bool MatchStep(int features, int hidden) => false;

    /// <summary>Not reached: <see cref="MatchStep"/> is false.</summary>
    public static void Gru(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes) => throw NoLanes();

    /// <summary>Not reached: <see cref="MatchStep"/> is false.</summary>
    public static void Lstm(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes) => throw NoLanes();

    /// <summary>Not reached: <see cref="MatchStep"/> is false.</summary>
    public static void Dense(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> y, int inputs) => throw NoLanes();

    /// <summary>Not reached: <see cref="MatchStep"/> is false.</summary>
    public static void Scatter(ReadOnlySpan<float> lanes, Span<float> destination, int first, int stride, int offset, int values) => throw NoLanes();

    private static PlatformNotSupportedException NoLanes() =>
        new("Streams in vector lanes need hardware vectors, which this build of StaticNet (netstandard2.1) does not use; StreamLanes.MatchStep is false here.");
}
#endif
