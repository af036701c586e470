using System;
using System.ComponentModel;
using System.IO;

namespace StaticNet.Storage;

/// <summary>
/// Replaces a file with contents already complete in memory, the way every StaticNet file is written: beside the
/// destination under a unique name, flushed to the disk, with the old file's permissions, then moved over it; on
/// any failure the old file is left as it was and the partial one deleted (see <see cref="FileReplacement"/>).
/// Generated <c>ToOnnx(parameters, path)</c> builds the whole model in memory first and calls this.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class AtomicFile
{
    /// <summary>Replaces the file at <paramref name="path"/> with the bytes of <paramref name="contents"/> (all of them, whatever its position).</summary>
    public static void Write(string path, MemoryStream contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        ReadOnlySpan<byte> bytes = contents.TryGetBuffer(out ArraySegment<byte> buffer) ? buffer : contents.ToArray();
        using var replacement = new FileReplacement(path);
        replacement.Stream.Write(bytes);
        replacement.Commit();
    }
}
