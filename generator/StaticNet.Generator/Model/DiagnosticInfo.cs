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

    public Diagnostic ToDiagnostic()
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(Id);
        var arguments = new object[MessageArguments.Count];
        for (int i = 0; i < arguments.Length; i++)
        {
            arguments[i] = MessageArguments[i];
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, arguments);
    }

    public bool IsError => DiagnosticDescriptors.ById(Id).DefaultSeverity == DiagnosticSeverity.Error;
}
