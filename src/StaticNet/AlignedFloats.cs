using System;
using StaticNet.Runtime;

namespace StaticNet;

/// <summary>
/// Floats that start on a 64-byte boundary and never move: where to keep the parameters, or the packed copy, that a
/// real-time path reads on every call. A <c>float[]</c> starts wherever the allocator put it (8-byte alignment), and
/// then most 512-bit loads of its rows straddle two cache lines: N3's <c>ForwardPacked</c> took 66 ns from aligned
/// memory and 73 to 99 ns from arrays at the same misaligned offset, <c>Forward</c> 101 against 106 to 123. The
/// memory is a pinned array with room to spare, so this is ordinary managed memory: no native allocation to free.
/// (The netstandard2.1 build, for Unity, has no pinned heap and no vectors: there the floats start where the array does.)
/// </summary>
/// <example>
/// <code>
/// var packed = new AlignedFloats(Net.ParameterCount);
/// Net.PackParameters(parameters, packed.Span);      // again after the parameters change
/// Net.ForwardPacked(packed.Span, input, output);
/// </code>
/// </example>
public sealed class AlignedFloats
{
    private readonly float[] array;
    private readonly int offset;

    /// <summary>Allocates <paramref name="length"/> zeroed floats from a 64-byte boundary.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public AlignedFloats(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        array = AlignedMemory.Allocate(length);
        offset = AlignedMemory.Offset(array);
        Length = length;
    }

    /// <summary>How many floats it holds.</summary>
    public int Length { get; }

    /// <summary>The floats: <see cref="Length"/> of them, the first on a 64-byte boundary.</summary>
    public Span<float> Span => array.AsSpan(offset, Length);
}
