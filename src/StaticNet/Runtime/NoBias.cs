using System;
using System.ComponentModel;
using System.Threading;

namespace StaticNet.Runtime;

/// <summary>
/// What generated code passes the kernels for a layer declared with <c>Bias = false</c>: zero biases to add, and a
/// per-thread span that receives the bias gradients no one keeps. Both grow once to the largest size asked and are
/// reused after, so calls stay allocation-free once warm.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class NoBias
{
    private static float[] zeros = new float[64];

    [ThreadStatic]
    private static float[]? discarded;

    /// <summary><paramref name="count"/> zeros, shared by every thread (never written).</summary>
    public static ReadOnlySpan<float> Values(int count)
    {
        float[] current = Volatile.Read(ref zeros);
        if (current.Length < count)
        {
            current = new float[Math.Max(count, 2 * current.Length)];
            Volatile.Write(ref zeros, current);
        }

        return current.AsSpan(0, count);
    }

    /// <summary>A span of <paramref name="count"/> floats to write bias gradients into and forget; its contents mean nothing.</summary>
    public static Span<float> Gradients(int count)
    {
        float[]? current = discarded;
        if (current is null || current.Length < count)
        {
            current = new float[count];
            discarded = current;
        }

        return current.AsSpan(0, count);
    }
}
