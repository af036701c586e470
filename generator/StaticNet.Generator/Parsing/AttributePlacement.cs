using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNet.Generator.Parsing;

/// <summary>
/// Which partial declaration an attribute is written on. ForAttributeWithMetadataName's context lists every
/// matching attribute of the node's file, not only the node's, so a type with several parts in one file
/// would otherwise be handled once per part.
/// </summary>
internal static class AttributePlacement
{
    public static bool IsWrittenOn(SyntaxReference? attribute, TypeDeclarationSyntax declaration) =>
        attribute is not null && attribute.SyntaxTree == declaration.SyntaxTree
        && declaration.AttributeLists.Any(list => list.Span.Contains(attribute.Span));
}
