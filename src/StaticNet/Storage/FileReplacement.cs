using System;
using System.IO;

namespace StaticNet.Storage;

/// <summary>
/// A file written beside its destination and moved over it only once complete, so a failed write never leaves
/// a half-written file where a good one was. Without <see cref="Commit"/>, disposing deletes the partial file.
/// </summary>
internal sealed class FileReplacement : IDisposable
{
    private readonly string path;
    private readonly string temporary;
    private bool committed;

    public FileReplacement(string path)
    {
        this.path = path;
        temporary = path + ".tmp";
        Stream = File.Create(temporary);
    }

    /// <summary>Where to write the new contents.</summary>
    public FileStream Stream { get; }

    /// <summary>Closes the new file and moves it over the destination.</summary>
    public void Commit()
    {
        Stream.Dispose();
        File.Move(temporary, path, overwrite: true);
        committed = true;
    }

    public void Dispose()
    {
        if (!committed)
        {
            Stream.Dispose();
            File.Delete(temporary);
        }
    }
}
