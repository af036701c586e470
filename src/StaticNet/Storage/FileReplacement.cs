using System;
using System.IO;

namespace StaticNet.Storage;

/// <summary>
/// How every file StaticNet writes (weight files, safetensors, ONNX) replaces its destination, so a failure at any
/// point leaves the old file as it was and nothing else behind:
/// <list type="number">
/// <item>the caller validates its input before creating this, so bad arguments never touch the disk;</item>
/// <item>the new contents go to a file beside the destination under a name no one else uses
/// (<c>.name.&lt;random&gt;.tmp</c>): same folder, so the final move is a rename, and never a user's own file;</item>
/// <item><see cref="Commit"/> flushes it to the disk, gives it the replaced file's permissions and moves it over the
/// destination (through a symbolic link to the file it points at);</item>
/// <item>any failure before the move, a full disk while flushing included, deletes the new file.</item>
/// </list>
/// </summary>
internal sealed class FileReplacement : IDisposable
{
    private readonly string destination;
    private readonly string temporary;
    private readonly FileStream file;
    private bool committed;

    public FileReplacement(string path)
        : this(path, static file => file)
    {
    }

    /// <summary>For tests: <paramref name="wrap"/> puts a stream between the writer and the file, to inject failures.</summary>
    internal FileReplacement(string path, Func<FileStream, Stream> wrap)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        destination = FinalTarget(Path.GetFullPath(path));
        temporary = Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.tmp");
        file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        try
        {
            Stream = wrap(file);
        }
        catch
        {
            Abandon();
            throw;
        }
    }

    /// <summary>Where to write the new contents.</summary>
    public Stream Stream { get; }

    /// <summary>The name of the file being written, beside the destination.</summary>
    internal string TemporaryPath => temporary;

    /// <summary>Flushes the new file to the disk, gives it the old file's permissions and moves it over the destination.</summary>
    public void Commit()
    {
        Stream.Flush();
        file.Flush(flushToDisk: true);
        Stream.Dispose();
        file.Dispose();
#if NET8_0_OR_GREATER
        if (!OperatingSystem.IsWindows() && File.Exists(destination))
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(destination));
        }

        if (OperatingSystem.IsWindows() && File.Exists(destination))
        {
            // Replace keeps the destination's attributes and access control list; Move would not.
            File.Replace(temporary, destination, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, destination, overwrite: true);
        }
#else
        // netstandard2.1 (Unity) has no Unix file modes to copy: Replace keeps what the platform keeps (on Windows the
        // attributes and access control list), and a new file gets the default permissions.
        if (File.Exists(destination))
        {
            File.Replace(temporary, destination, destinationBackupFileName: null);
        }
        else
        {
            File.Move(temporary, destination);
        }
#endif

        committed = true;
    }

    /// <summary>Without <see cref="Commit"/> (the writer failed), deletes the new file; the destination is as it was.</summary>
    public void Dispose()
    {
        if (!committed)
        {
            Abandon();
        }
    }

    private void Abandon()
    {
        // An exception is already on its way out: closing a stream whose buffer cannot be written (a full disk) must
        // not replace it, nor stop the delete.
        try
        {
            Stream?.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            file.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The file a chain of symbolic links ends at, so that replacing it keeps the links.</summary>
    private static string FinalTarget(string path)
    {
#if !NET8_0_OR_GREATER
        // netstandard2.1 cannot read links: the link itself is replaced by the new file.
        return path;
#else
        if (new FileInfo(path).LinkTarget is null)
        {
            return path;
        }

        FileSystemInfo? target = File.ResolveLinkTarget(path, returnFinalTarget: true);
        return target is null ? path : Path.GetFullPath(target.FullName);
#endif
    }
}
