namespace StaticNet.Generator.Model;

/// <summary>
/// A weight file from the project's AdditionalFiles that a network asks to bake, read and checked once per change
/// of the file. Either <see cref="Problem"/> says why it cannot be used, or the rest holds its contents.
/// </summary>
/// <param name="Checksum">The file's CRC-32: it makes two contents equal only when every bit is (float equality
/// would call 0 and -0 the same), so the generator reruns on any change.</param>
internal sealed record WeightFileContent(
    string Path,
    string? Problem,
    string Architecture,
    ulong Fingerprint,
    EquatableArray<float> Parameters,
    EquatableArray<float> State,
    uint Checksum)
{
    public static WeightFileContent Unusable(string path, string problem) =>
        new(path, problem, "", 0, EquatableArray<float>.Empty, EquatableArray<float>.Empty, 0);
}
