using System;
using System.IO;

/// <summary>
/// Where a sample writes what it makes (charts, weight files, ONNX models): a folder beside its build, so that running
/// a sample never adds files to the source tree. The samples print the full paths they write.
/// </summary>
internal static class SampleOutput
{
    /// <summary>The full path of <paramref name="fileName"/> in this sample's output folder, created on first use.</summary>
    public static string File(string fileName)
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "output");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }
}
