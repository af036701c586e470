using System;
using System.IO;

namespace StaticNet.Tests.Storage;

/// <summary>
/// A stream over another that fails like a full disk (<see cref="IOException"/>) once <see cref="Capacity"/> bytes are
/// written, or when flushed: the two places a real full disk shows up, the second one inside Dispose.
/// </summary>
internal sealed class FailingStream(Stream inner, long capacity, bool failOnFlush = false) : Stream
{
    private long written;

    public long Capacity { get; } = capacity;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (written + buffer.Length > Capacity)
        {
            throw new IOException("No space left on device");
        }

        inner.Write(buffer);
        written += buffer.Length;
    }

    public override void Flush()
    {
        if (failOnFlush)
        {
            throw new IOException("No space left on device");
        }

        inner.Flush();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Like a FileStream with buffered bytes on a full disk: closing it fails too.
            if (failOnFlush)
            {
                inner.Dispose();
                throw new IOException("No space left on device");
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
