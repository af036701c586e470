using System;
using System.Threading;

namespace StaticNet;

/// <summary>
/// A parameter set that a training or loading thread replaces while real-time threads (an audio callback, a game loop)
/// keep running the network on it. A reader takes the current set with <see cref="Read"/>, runs <c>Forward</c>,
/// <c>Step</c> or their packed forms on <see cref="Lease.Span"/>, and disposes the lease: no lock and no allocation on its
/// side, and never a mix of two sets, however the writer's publishing falls between its reads. A writer's
/// <see cref="Publish"/> copies (or packs, with the network's <c>PackParameters</c>) the new set into a buffer no reader
/// holds, then makes it current in one reference swap, so packing runs on the writer's thread.
/// </summary>
/// <remarks>
/// Buffers are reused once no lease holds them: a reader that keeps its lease for a whole audio block holds one buffer,
/// and the writer packs into another. The pool grows, on the writer's side, only while readers hold every other buffer.
/// A lease is meant for one reader's call or block: take it, use it, dispose it (<c>using var weights = live.Read();</c>).
/// </remarks>
/// <example>
/// <code>
/// var live = new LiveWeights(net.Parameters, ToneNet.PackParameters);   // the packed form, for StepPacked
/// // audio thread, every block:
/// using (LiveWeights.Lease weights = live.Read())
///     ToneNet.StepPacked(weights.Span, state, input, output);
/// // training thread, after each epoch:
/// live.Publish(net.Parameters);
/// </code>
/// </example>
public sealed class LiveWeights
{
    private readonly Pack? pack;
    private readonly object writers = new();
    private Buffer[] buffers;
    private Buffer current;
    private long published;

    /// <summary>Writes <paramref name="parameters"/> into <paramref name="packed"/> in the layout the readers' calls want (a network's <c>PackParameters</c>).</summary>
    public delegate void Pack(ReadOnlySpan<float> parameters, Span<float> packed);

    /// <summary>Starts with a copy of <paramref name="parameters"/>, packed by <paramref name="pack"/> when given.</summary>
    /// <param name="parameters">The first set: its length is every later set's.</param>
    /// <param name="pack">The network's <c>PackParameters</c>, for readers that call <c>ForwardPacked</c> or <c>StepPacked</c>; null to keep the layout.</param>
    /// <exception cref="ArgumentException">The set is empty, or holds a NaN or an infinity.</exception>
    public LiveWeights(ReadOnlySpan<float> parameters, Pack? pack = null)
    {
        if (parameters.IsEmpty)
        {
            throw new ArgumentException("A parameter set needs at least one value.", nameof(parameters));
        }

        Length = parameters.Length;
        this.pack = pack;
        current = new Buffer(Length);
        buffers = [current];
        Fill(current, parameters, nameof(parameters));
        current.Version = published = 1;
    }

    /// <summary>How many values each set holds.</summary>
    public int Length { get; }

    /// <summary>How many sets have been published, the first one included: the <see cref="Lease.Version"/> of the current one.</summary>
    public long Version => Interlocked.Read(ref published);

    /// <summary>How many buffers the sets use: two while readers release their leases before the next publish, more while they hold them.</summary>
    public int BufferCount => Volatile.Read(ref buffers).Length;

    /// <summary>
    /// The current set, held until the lease is disposed: a publish meanwhile makes another set current and leaves this
    /// one as it is. Lock-free and allocation-free; any number of threads may read at once.
    /// </summary>
    public Lease Read()
    {
        while (true)
        {
            Buffer buffer = Volatile.Read(ref current);
            Interlocked.Increment(ref buffer.Readers);

            // The writer reuses only buffers that are not current and that no reader counts. Counted, and still current
            // after the count, this buffer cannot be written until the lease ends; else a publish came between the two
            // reads, and the buffer may be being written: let it go and take the new current one.
            if (ReferenceEquals(buffer, Volatile.Read(ref current)))
            {
                return new Lease(buffer);
            }

            Interlocked.Decrement(ref buffer.Readers);
        }
    }

    /// <summary>
    /// Makes a copy of <paramref name="parameters"/> (packed, if this was made with a pack) the current set, for every
    /// <see cref="Read"/> from now on; leases already taken keep theirs. Writers queue behind one another; readers never wait.
    /// </summary>
    /// <exception cref="ArgumentException">The set's length is not <see cref="Length"/>, or it holds a NaN or an infinity (nothing is published).</exception>
    public void Publish(ReadOnlySpan<float> parameters)
    {
        if (parameters.Length != Length)
        {
            throw new ArgumentException($"Expected {Length} parameters, got {parameters.Length}.", nameof(parameters));
        }

        lock (writers)
        {
            Buffer target = FreeBuffer();
            Fill(target, parameters, nameof(parameters));
            target.Version = published + 1;
            Volatile.Write(ref current, target);
            Interlocked.Increment(ref published);
        }
    }

    /// <summary>A buffer that is not current and that no lease holds, added to the pool if every other one is held.</summary>
    private Buffer FreeBuffer()
    {
        foreach (Buffer buffer in buffers)
        {
            if (!ReferenceEquals(buffer, current) && Volatile.Read(ref buffer.Readers) == 0)
            {
                return buffer;
            }
        }

        var added = new Buffer(Length);
        Volatile.Write(ref buffers, [.. buffers, added]);
        return added;
    }

    /// <summary>Checks the set, then copies or packs it into <paramref name="buffer"/>, which no reader can see yet.</summary>
    private void Fill(Buffer buffer, ReadOnlySpan<float> parameters, string parameterName)
    {
        int bad = parameters.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad >= 0)
        {
            throw new ArgumentException($"Parameter {bad} is {parameters[bad]}: a set with a NaN or an infinity is not published.", parameterName);
        }

        if (pack is null)
        {
            parameters.CopyTo(buffer.Values.Span);
        }
        else
        {
            pack(parameters, buffer.Values.Span);
        }
    }

    /// <summary>One set's memory, from a 64-byte boundary, and how many leases hold it.</summary>
    internal sealed class Buffer(int length)
    {
        public readonly AlignedFloats Values = new(length);
        public int Readers;
        public long Version;
    }

    /// <summary>A reader's hold on one set: its values stay as they are until <see cref="Dispose"/>.</summary>
    public readonly ref struct Lease
    {
        private readonly Buffer buffer;

        internal Lease(Buffer buffer)
        {
            this.buffer = buffer;
        }

        /// <summary>The set's values, in the layout the readers' calls want (packed, if the <see cref="LiveWeights"/> packs).</summary>
        public ReadOnlySpan<float> Span => buffer.Values.Span;

        /// <summary>Which set this is: 1 for the first, then one more for each publish.</summary>
        public long Version => buffer.Version;

        /// <summary>Lets the writer reuse the set's buffer. Dispose each lease once.</summary>
        public void Dispose() => Interlocked.Decrement(ref buffer.Readers);
    }
}
