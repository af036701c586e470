using System;

namespace StaticNet.Runtime;

/// <summary>
/// Per-thread scratch for generated methods whose intermediate values are too large for the stack.
/// Each thread allocates its buffer once, on the first call that needs it, and reuses it after, so
/// calls stay allocation-free once warm. Generated methods call no other network while they hold
/// the buffer, so one buffer per thread is enough.
/// </summary>
public static class ThreadScratch
{
    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>A span of <paramref name="length"/> floats with unspecified contents, valid until this thread's next call.</summary>
    public static Span<float> Get(int length)
    {
        float[]? current = buffer;
        if (current is null || current.Length < length)
        {
            current = new float[length];
            buffer = current;
        }

        return current.AsSpan(0, length);
    }
}
