using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Model;

/// <summary>A diagnostic as data: which descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params object[] messageArguments)
    {
        var arguments = new string[messageArguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = System.Convert.ToString(messageArguments[i], System.Globalization.CultureInfo.InvariantCulture) ?? "";
        }

        return new DiagnosticInfo(descriptor.Id, location, arguments.ToEquatableArray());
    }

    /// <summary>
    /// The diagnostic, located in <paramref name="compilation"/>'s own syntax tree when it is there,
    /// so that editors underline it and <c>#pragma warning disable</c> applies.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        Microsoft.CodeAnalysis.Location? location = null;
        if (Location is { } info)
        {
            foreach (SyntaxTree tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == info.FilePath && info.Span.End <= tree.Length)
                {
                    location = Microsoft.CodeAnalysis.Location.Create(tree, info.Span);
                    break;
                }
            }
        }

        return ToDiagnostic(location ?? Location?.ToLocation());
    }

    private Diagnostic ToDiagnostic(Microsoft.CodeAnalysis.Location? location)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(Id);
        var arguments = new object[MessageArguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = MessageArguments[i];
        }

        return Diagnostic.Create(descriptor, location ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }

    public bool IsError => DiagnosticDescriptors.ById(Id).DefaultSeverity == DiagnosticSeverity.Error;
}
