namespace StaticNet.Generator.Model;

/// <summary>One type declaration the generated partial must repeat: its keyword and name.</summary>
internal sealed record TypeDeclarationInfo(string Keyword, string Name);

/// <summary>Where the generated members go: the network type, its containing types and namespace.</summary>
internal sealed record TypeTarget(
    string? Namespace,
    EquatableArray<TypeDeclarationInfo> ContainingTypes,
    TypeDeclarationInfo Type,
    string FullName)
{
    /// <summary>A file name unique to this type within the compilation.</summary>
    public string HintName => FullName + ".g.cs";
}
