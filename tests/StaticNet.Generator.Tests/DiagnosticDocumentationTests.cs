using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>Every descriptor is documented, release-tracked and linked to its section.</summary>
public class DiagnosticDocumentationTests
{
    public static TheoryData<string> Ids => new(DiagnosticDescriptors.All.Select(d => d.Id).OrderBy(id => id));

    private static string Documentation => File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "generator", "DIAGNOSTICS.md"));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_diagnostic_has_a_section_with_wrong_and_right_code(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        string documentation = Documentation;
        string anchor = $"<a id=\"{id.ToLowerInvariant()}\"></a>";

        int start = documentation.IndexOf(anchor, System.StringComparison.Ordinal);
        Assert.True(start >= 0, $"generator/DIAGNOSTICS.md has no section {anchor} for {id}.");
        int end = documentation.IndexOf("<a id=", start + anchor.Length, System.StringComparison.Ordinal);
        string section = end < 0 ? documentation[start..] : documentation[start..end];

        Assert.Contains($"## {id}: {descriptor.Title}", section);
        Assert.Contains("// Wrong", section);
        Assert.Contains("// Right", section);
        Assert.EndsWith("#" + id.ToLowerInvariant(), descriptor.HelpLinkUri);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_diagnostic_is_release_tracked(string id)
    {
        DiagnosticDescriptor descriptor = DiagnosticDescriptors.ById(id);
        string generator = Path.Combine(DotNetCli.RepositoryRoot, "generator", "StaticNet.Generator");
        string releases = File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Shipped.md"))
            + File.ReadAllText(Path.Combine(generator, "AnalyzerReleases.Unshipped.md"));

        Assert.Matches(new Regex($@"^{id} \| {DiagnosticDescriptors.Category} \| {descriptor.DefaultSeverity} \|", RegexOptions.Multiline), releases);
    }
}
