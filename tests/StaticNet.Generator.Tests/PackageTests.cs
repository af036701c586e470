using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Reflection.Metadata;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// `dotnet pack` of src/StaticNet makes one package that carries the generator and its code fixes, describes itself
/// (repository, licence, icon, readme, release notes), ships XML docs and SourceLinked symbols, and its generator's
/// diagnostics have help links into this repository. TemplateTests builds and runs a fresh project against it.
/// </summary>
public class PackageTests
{
    /// <summary>A mistake for SN0001, to see the help link a user's IDE would open.</summary>
    private const string Mistake = """
        using StaticNet;

        [Network]
        [Input(4)]
        [Dense(2)]
        class NotPartialNet { }
        """;

    [Fact]
    public void Package_describes_itself_and_carries_the_generator_docs_and_diagnostics_guide()
    {
        PackedFeed feed = PackedFeed.Instance;
        using ZipArchive archive = ZipFile.OpenRead(feed.Package);
        string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
        Assert.Contains("analyzers/dotnet/roslyn4.8/cs/StaticNet.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/roslyn4.8/cs/StaticNet.CodeFixes.dll", entries);
        Assert.Contains("analyzers/dotnet/roslyn4.3/cs/StaticNet.Generator.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)); // every compiler would load those
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/") && (e.EndsWith("StaticNet.Generator.dll") || e.EndsWith("StaticNet.CodeFixes.dll")));
        foreach (string framework in new[] { "net8.0", "net10.0", "netstandard2.1" })
        {
            Assert.Contains($"lib/{framework}/StaticNet.dll", entries);
            Assert.Contains("<member name=\"T:StaticNet.Training.Trainer\">", Text(archive, $"lib/{framework}/StaticNet.xml"));
        }

        XElement metadata = XDocument.Parse(Text(archive, "StaticNet.nuspec")).Root!.Elements().Single(e => e.Name.LocalName == "metadata");

        // Unity's build (netstandard2.1) brings what its API lacks as packages: JSON, the span primitives, Unsafe.
        string[] portableDependencies = metadata.Descendants().Where(e => e.Name.LocalName == "group" && e.Attribute("targetFramework")?.Value == ".NETStandard2.1")
            .Single().Elements().Select(e => e.Attribute("id")!.Value).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["System.Numerics.Tensors", "System.Runtime.CompilerServices.Unsafe", "System.Text.Json"], portableDependencies);
        string Field(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        XElement Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name);

        Assert.Equal(DotNetCli.RepositoryUrl, Field("projectUrl"));
        Assert.Equal(DotNetCli.RepositoryUrl, Element("repository").Attribute("url")?.Value);
        Assert.Equal("expression", Element("license").Attribute("type")?.Value);
        Assert.Equal("MIT", Field("license"));
        Assert.Equal(
            File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "src", "StaticNet", "RELEASE-NOTES.md")).Trim().ReplaceLineEndings(),
            Field("releaseNotes").Trim().ReplaceLineEndings());

        byte[] icon = Bytes(archive, Field("icon"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, icon[..4]);

        Assert.Equal(
            File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "generator", "DIAGNOSTICS.md")).ReplaceLineEndings(),
            Text(archive, "DIAGNOSTICS.md").ReplaceLineEndings());

        // Inside the package (and on nuget.org) a relative link leads nowhere: each must be absolute, and each one into
        // the repository must name a file that exists.
        string readme = Text(archive, Field("readme"));
        string[] links = Regex.Matches(readme, @"\]\(([^)\s]+)\)").Select(m => m.Groups[1].Value).ToArray();
        Assert.Contains(DotNetCli.RepositoryFileBase + "generator/DIAGNOSTICS.md", links);
        foreach (string link in links.Where(l => !l.StartsWith('#')))
        {
            Assert.True(link.StartsWith("https://", StringComparison.Ordinal), $"The packed README links to '{link}', which does not resolve inside a package.");
            if (link.StartsWith(DotNetCli.RepositoryFileBase, StringComparison.Ordinal))
            {
                AssertRepositoryFile(link[DotNetCli.RepositoryFileBase.Length..].Split('#')[0]);
            }
        }
    }

    [Fact]
    public void Symbols_package_has_portable_pdbs_that_source_link_to_the_repository()
    {
        PackedFeed feed = PackedFeed.Instance;
        using ZipArchive archive = ZipFile.OpenRead(feed.Symbols);
        string repositoryPath = new Uri(DotNetCli.RepositoryUrl).AbsolutePath.Trim('/');
        foreach (string framework in new[] { "net8.0", "net10.0", "netstandard2.1" })
        {
            using var pdb = new MemoryStream(Bytes(archive, $"lib/{framework}/StaticNet.pdb"));
            using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(pdb);
            string sourceLink = SourceLinkJson(provider.GetMetadataReader());

            using JsonDocument document = JsonDocument.Parse(sourceLink);
            string target = document.RootElement.GetProperty("documents").EnumerateObject().Single().Value.GetString()!;
            Assert.StartsWith($"https://raw.githubusercontent.com/{repositoryPath}/", target);
            Assert.EndsWith("/*", target);
        }
    }

    [Fact]
    public void Packed_generator_reports_diagnostics_whose_help_links_resolve_to_the_guide_in_the_repository()
    {
        // The analyzer assemblies as a consumer's compiler loads them: from the package, in a load context of their own
        // (this test process already has the repository's build of the generator).
        PackedFeed feed = PackedFeed.Instance;
        string analyzers = Path.Combine(feed.Work, "analyzers-" + Guid.NewGuid().ToString("N"));
        using (ZipArchive archive = ZipFile.OpenRead(feed.Package))
        {
            foreach (ZipArchiveEntry entry in archive.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/roslyn4.8/cs/", StringComparison.Ordinal)))
            {
                Directory.CreateDirectory(analyzers);
                entry.ExtractToFile(Path.Combine(analyzers, entry.Name));
            }
        }

        var packed = new AnalyzerFileReference(Path.Combine(analyzers, "StaticNet.Generator.dll"), new IsolatedAnalyzerLoader());
        ISourceGenerator generator = Assert.Single(packed.GetGenerators(LanguageNames.CSharp));
        CSharpCompilation compilation = GeneratorHarness.Compile(Mistake);
        GeneratorDriverRunResult run = CSharpGeneratorDriver.Create([generator], parseOptions: GeneratorHarness.ParseOptions)
            .RunGenerators(compilation).GetRunResult();

        Diagnostic reported = Assert.Single(run.Diagnostics);
        Assert.Equal("SN0001", reported.Id);
        string helpLink = reported.Descriptor.HelpLinkUri;
        Assert.StartsWith(DotNetCli.RepositoryFileBase, helpLink);
        string[] pathAndAnchor = helpLink[DotNetCli.RepositoryFileBase.Length..].Split('#');
        string guide = AssertRepositoryFile(pathAndAnchor[0]);
        Assert.Contains($"<a id=\"{pathAndAnchor[1]}\"></a>\n## SN0001:", File.ReadAllText(guide).ReplaceLineEndings("\n"));
    }

    /// <summary>Loads analyzer assemblies into a collectible context of their own, as the compiler isolates analyzers.</summary>
    private sealed class IsolatedAnalyzerLoader : IAnalyzerAssemblyLoader
    {
        private readonly AssemblyLoadContext context = new("packed-analyzers", isCollectible: true);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => context.LoadFromAssemblyPath(fullPath);
    }

    private static string AssertRepositoryFile(string relativePath)
    {
        string path = Path.Combine(DotNetCli.RepositoryRoot, relativePath);
        Assert.True(File.Exists(path) || Directory.Exists(path), $"'{relativePath}' is linked to but is not in the repository.");
        return path;
    }

    private static string SourceLinkJson(MetadataReader pdb)
    {
        // The kind GUID of SourceLink's custom debug information, from the Portable PDB specification.
        var sourceLink = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        foreach (CustomDebugInformationHandle handle in pdb.CustomDebugInformation)
        {
            CustomDebugInformation information = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(information.Kind) == sourceLink)
            {
                return Encoding.UTF8.GetString(pdb.GetBlobBytes(information.Value));
            }
        }

        throw new Xunit.Sdk.XunitException("The PDB has no SourceLink information.");
    }

    private static string Text(ZipArchive archive, string entry) => Encoding.UTF8.GetString(Bytes(archive, entry)).TrimStart('\uFEFF');

    private static byte[] Bytes(ZipArchive archive, string entry)
    {
        ZipArchiveEntry found = archive.GetEntry(entry) ?? throw new Xunit.Sdk.XunitException($"The package has no '{entry}'.");
        using Stream stream = found.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
