using System.Linq;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNet.Generator.Emit;

/// <summary>Names from the model (unescaped, as symbols spell them) written back as C# source.</summary>
internal static class CSharpName
{
    /// <summary>
    /// Escapes a name that is a C# keyword (a type may be called <c>@class</c>, a namespace <c>@event</c>) or a contextual
    /// one, which some positions would read as the keyword (<c>public static record Load()</c> declares a record).
    /// </summary>
    public static string Identifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>A C# string literal, quotes included, of any text (quotes, backslashes and control characters escaped).</summary>
    public static string StringLiteral(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    /// <summary>A dotted namespace with each part escaped.</summary>
    public static string Namespace(string dottedName) => string.Join(".", dottedName.Split('.').Select(Identifier));
}
