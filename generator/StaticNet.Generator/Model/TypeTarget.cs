using System.Linq;

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
    /// <summary>
    /// A file name unique to this type within the compilation. Built from the unescaped names, with anything the compiler
    /// does not accept in a hint name (it takes letters, digits and a few marks) replaced by '_'.
    /// </summary>
    public string HintName => new string(FullName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray()) + ".g.cs";
}
