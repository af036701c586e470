using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;

namespace StaticNet.Generator.Model;

/// <summary>A diagnostic as data: which descriptor, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArguments)
{
    /// <summary>
    /// Further places the diagnostic is about, for code fixes: SN0001's is the name of the declaration
    /// that lacks <c>partial</c>, which need not be the type carrying the attribute.
    /// </summary>
    public EquatableArray<LocationInfo> AdditionalLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

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
    /// so that editors underline it, <c>#pragma warning disable</c> applies and code fixes find the node.
    /// </summary>
    public Diagnostic ToDiagnostic(Compilation compilation)
    {
        var additional = new List<Microsoft.CodeAnalysis.Location>(AdditionalLocations.Count);
        foreach (LocationInfo info in AdditionalLocations)
        {
            additional.Add(Locate(info, compilation));
        }

        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(Id);
        var arguments = new object[MessageArguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = MessageArguments[i];
        }

        Microsoft.CodeAnalysis.Location location = Location is { } main ? Locate(main, compilation) : Microsoft.CodeAnalysis.Location.None;
        return Diagnostic.Create(descriptor, location, additional, arguments);
    }

    public bool IsError => DiagnosticDescriptors.ById(Id).DefaultSeverity == DiagnosticSeverity.Error;

    private static Microsoft.CodeAnalysis.Location Locate(LocationInfo info, Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == info.FilePath && info.Span.End <= tree.Length)
            {
                return Microsoft.CodeAnalysis.Location.Create(tree, info.Span);
            }
        }

        return info.ToLocation();
    }
}
