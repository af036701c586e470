using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Runtime;

/// <summary>
/// Working buffers whose spans start on a 64-byte boundary. A .NET array starts wherever the allocator put it, so a
/// 512-bit load or store from it straddles two cache lines three times in four: the same code then ran a batch of N3
/// 2.7 or 3.7 us depending on where a process's buffers happened to land. The arrays are pinned (they never move, so
/// the offset of the boundary stays put) and 15 floats longer than asked. On netstandard2.1 there is no pinned heap
/// (and no vectors to align for): the spans start where the arrays do, so a collection that moves one moves its data along.
/// </summary>
internal static class AlignedMemory
{
    private const int Alignment = 64;

    private const int Slack = (Alignment / sizeof(float)) - 1;

    /// <summary>A pinned, zeroed array with room for <paramref name="length"/> floats from a 64-byte boundary.</summary>
    public static float[] Allocate(int length) => GC.AllocateArray<float>(length + Slack, pinned: true);

    /// <summary><see cref="Allocate"/> without zeroing: for buffers whose contents are written before they are read.</summary>
    public static float[] AllocateUninitialized(int length) => GC.AllocateUninitializedArray<float>(length + Slack, pinned: true);

    /// <summary>How many floats <paramref name="array"/> (from <see cref="Allocate"/>) holds from its first 64-byte boundary.</summary>
    public static int Capacity(float[] array) => array.Length - Slack;

    /// <summary>The <paramref name="length"/> floats of <paramref name="array"/> (from <see cref="Allocate"/>) from its first 64-byte boundary.</summary>
    public static Span<float> Span(float[] array, int length) => array.AsSpan(Offset(array), length);

    /// <summary>Where <paramref name="array"/>'s first 64-byte boundary is, in floats: fixed, the array being pinned.</summary>
    public static unsafe int Offset(float[] array)
    {
#if !NET8_0_OR_GREATER
        return 0;
#else
        nint address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        return (int)((Alignment - (address & (Alignment - 1))) & (Alignment - 1)) / sizeof(float);
#endif
    }

    /// <summary>
    /// <paramref name="buffer"/>'s first <paramref name="length"/> aligned floats, after replacing it with a larger zeroed
    /// array when it is missing or too short (so a per-thread buffer is allocated once per thread and size).
    /// </summary>
    public static Span<float> Grow(ref float[]? buffer, int length)
    {
        if (buffer is null || Capacity(buffer) < length)
        {
            buffer = Allocate(length);
        }

        return Span(buffer, length);
    }
}
