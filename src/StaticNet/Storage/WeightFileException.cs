using System.IO;

namespace StaticNet.Storage;

/// <summary>A weight file that cannot be loaded: the message names the file and says what is wrong.</summary>
public sealed class WeightFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="fileName"/> (a path, or a description of a stream).</summary>
    public WeightFileException(string fileName, string problem)
        : this(fileName, problem, null)
    {
    }

    /// <summary>Creates the exception for <paramref name="fileName"/>, caused by <paramref name="innerException"/> (a failed read).</summary>
    public WeightFileException(string fileName, string problem, System.Exception? innerException)
        : base($"Cannot load weights from '{fileName}': {problem}", innerException)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file or stream that was being read.</summary>
    public string FileName { get; }

    /// <summary>What is wrong with it, without the file name.</summary>
    public string Problem { get; }
}
