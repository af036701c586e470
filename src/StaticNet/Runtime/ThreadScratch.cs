using System;

namespace StaticNet.Runtime;

/// <summary>
/// Per-thread scratch for generated methods whose intermediate values are too large for the stack.
/// Each thread allocates its buffer once, on the first call that needs it, and reuses it after, so
/// calls stay allocation-free once warm. Generated methods call no other network while they hold
/// the buffer, so one buffer per thread is enough, but for a batch whose layers before the last run one sample at
/// a time, which keeps their results in a second buffer (<see cref="ForBatchOuter"/>).
/// </summary>
/// <remarks>
/// A thread keeps at most <see cref="RetainedLimit"/> floats (64 MiB by default) for its life: a call that needs
/// more (a batch of tens of thousands of samples) gets a buffer of its own, which the garbage collector frees after
/// the call, so one huge batch does not pin its memory to the thread forever. <see cref="Release"/> drops the
/// calling thread's buffer at once.
/// </remarks>
public static class ThreadScratch
{
    /// <summary>
    /// The default <see cref="RetainedLimit"/>: 16,777,216 floats, 64 MiB. (16 MiB was too few for a training batch of
    /// 256 of a 28 x 28 CNN with eight filters: each step allocated 19 MB and ran 13 times slower.)
    /// </summary>
    public const int DefaultRetainedLimit = 1 << 24;

    [ThreadStatic]
    private static float[]? buffer;

    /// <summary>The second buffer: see <see cref="ForBatchOuter"/>.</summary>
    [ThreadStatic]
    private static float[]? outerBuffer;

    private static int retainedLimit = DefaultRetainedLimit;

    /// <summary>
    /// The most floats a thread keeps between calls. Larger requests are served, but not kept. Changing it affects
    /// every thread's next request; a buffer already kept stays until <see cref="Release"/> or a larger request.
    /// </summary>
    public static int RetainedLimit
    {
        get => retainedLimit;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            retainedLimit = value;
        }
    }

    /// <summary>
    /// A span of <paramref name="length"/> floats with unspecified contents, valid until this thread's next call. It starts
    /// on a 64-byte boundary, so whole-vector loads and stores from the start never straddle cache lines.
    /// </summary>
    public static Span<float> Get(int length) => From(ref buffer, length);

    /// <summary>A span of <paramref name="length"/> floats from the buffer in <paramref name="slot"/>, which grows (and is kept) as needed.</summary>
    private static Span<float> From(ref float[]? slot, int length)
    {
        float[]? current = slot;
        if (current is not null && AlignedMemory.Capacity(current) >= length)
        {
            return AlignedMemory.Span(current, length);
        }

        current = AlignedMemory.AllocateUninitialized(length);
        if (length <= retainedLimit)
        {
            slot = current;
        }

        return AlignedMemory.Span(current, length);
    }

    /// <summary>
    /// Scratch for a batch: <paramref name="batch"/> samples of <paramref name="perSample"/> floats, then
    /// <paramref name="fixedLength"/> more. Throws <see cref="ArgumentException"/> naming <paramref name="parameterName"/>
    /// when that is more than one array can hold, with the largest batch that fits.
    /// </summary>
    public static Span<float> ForBatch(int batch, int perSample, int fixedLength, string parameterName) =>
        Get(BatchLength(batch, perSample, fixedLength, parameterName));

    /// <summary>
    /// <see cref="ForBatch"/> from a second per-thread buffer, for a batch method that runs a network's single-sample code
    /// (which takes <see cref="Get"/>'s buffer) while it holds this one: the values a batch's last dense layer reads, made
    /// one sample at a time. Kept and limited as the first buffer is.
    /// </summary>
    public static Span<float> ForBatchOuter(int batch, int perSample, string parameterName) =>
        From(ref outerBuffer, BatchLength(batch, perSample, 0, parameterName));

    private static int BatchLength(int batch, int perSample, int fixedLength, string parameterName)
    {
        long length = ((long)batch * perSample) + fixedLength;
        if (length > Array.MaxLength)
        {
            long largest = (Array.MaxLength - fixedLength) / Math.Max(perSample, 1);
            throw new ArgumentException(
                $"A batch of {batch} samples needs {length} floats of working memory, more than one array holds; pass at most {largest} samples per call.",
                parameterName);
        }

        return (int)length;
    }

    /// <summary>Drops the calling thread's buffers, so the garbage collector can free them; the next call allocates again.</summary>
    public static void Release()
    {
        buffer = null;
        outerBuffer = null;
    }
}
