using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace StaticNet.Generator.Tests.Support;

/// <summary>Checks on the diagnostics a generator run reported.</summary>
public static class DiagnosticAssert
{
    /// <summary>
    /// The first generator diagnostic with <paramref name="id"/> has this severity, a message containing
    /// <paramref name="message"/> and a place in the user's source; returns the source text it underlines.
    /// </summary>
    public static string Reported(GeneratorResult result, string id, DiagnosticSeverity severity, string message)
    {
        Diagnostic? diagnostic = result.GeneratorDiagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(diagnostic is not null,
            $"Expected {id}; got: {string.Join("; ", result.GeneratorDiagnostics.Select(d => d.ToString()))}");
        Assert.Equal(severity, diagnostic!.Severity);
        Assert.True(diagnostic.Location.IsInSource, $"{id} has no source location.");
        Assert.Contains(message, diagnostic.GetMessage());
        return diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
