using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// src/StaticNet.Unity lays out a Unity package from the build: its manifest, the netstandard2.1 runtime with every
/// assembly it references that netstandard2.1 lacks, the generator built for Roslyn 4.3 marked as an analyzer that no
/// player loads, and a .meta with a distinct GUID for every file and folder (an immutable package ignores files without).
/// No Unity runs here: these are the facts Unity's importer reads.
/// </summary>
public class UnityPackageTests
{
    [Fact]
    public void The_Unity_package_holds_the_portable_runtime_its_dependencies_and_the_Roslyn_4_3_generator()
    {
        string package = Path.Combine(Path.GetTempPath(), $"staticnet-unity-{Guid.NewGuid():N}");
        try
        {
            (int exit, string output) = DotNetCli.RunOnLibrary("build", "src/StaticNet.Unity", "-c", DotNetCli.Configuration, $"-p:UnityPackageDir={package}");
            Assert.True(exit == 0, output);

            using (JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(package, "package.json"))))
            {
                Assert.Equal("com.staticnet.staticnet", manifest.RootElement.GetProperty("name").GetString());
                Assert.Matches(@"^\d+\.\d+\.\d+", manifest.RootElement.GetProperty("version").GetString());
                Assert.Equal("6000.0", manifest.RootElement.GetProperty("unity").GetString()); // Unity 6, whose Roslyn the generator targets
            }

            // The runtime is the netstandard2.1 build, and every assembly it needs that .NET Standard 2.1 does not
            // provide is beside it; what the standard provides (System.Memory, say) the package must not carry, or
            // Unity finds two of it.
            string runtime = Path.Combine(package, "Runtime");
            Assert.Equal(".NETStandard,Version=v2.1", TargetFramework(Path.Combine(runtime, "StaticNet.dll")));
            HashSet<string> standard = NetStandardAssemblies();
            var present = Directory.GetFiles(runtime, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;
            Assert.Empty(present.Intersect(standard));
            foreach (string dll in Directory.GetFiles(runtime, "*.dll"))
            {
                foreach (string reference in References(dll).Where(name => !standard.Contains(name)))
                {
                    Assert.True(present.Contains(reference), $"{Path.GetFileName(dll)} references {reference}, which the package does not carry");
                }
            }

            // The generator built against Roslyn 4.3 (Unity 6's compiler), alone in Analyzers/.
            string[] analyzers = Directory.GetFiles(Path.Combine(package, "Analyzers"), "*.dll");
            Assert.Equal("StaticNet.Generator.dll", Path.GetFileName(Assert.Single(analyzers)));
            Assert.Contains("Microsoft.CodeAnalysis.CSharp 4.3.0.0", ReferencesWithVersions(analyzers[0]));

            // A .meta for every file and folder, each GUID 32 hex digits and distinct.
            var guids = new HashSet<string>(StringComparer.Ordinal);
            foreach (string entry in Directory.GetFileSystemEntries(package, "*", SearchOption.AllDirectories).Where(path => !path.EndsWith(".meta", StringComparison.Ordinal)))
            {
                string meta = entry + ".meta";
                Assert.True(File.Exists(meta), $"{Path.GetRelativePath(package, entry)} has no .meta");
                Match guid = Regex.Match(File.ReadAllText(meta), @"^guid: ([0-9a-f]{32})$", RegexOptions.Multiline);
                Assert.True(guid.Success, File.ReadAllText(meta));
                Assert.True(guids.Add(guid.Groups[1].Value), $"{meta} repeats a GUID");
            }

            // The analyzer: labelled for Roslyn, on no platform, referenced by nothing; the runtime: every platform, referenced automatically.
            string analyzerMeta = File.ReadAllText(analyzers[0] + ".meta");
            Assert.Contains("labels:\n- RoslynAnalyzer", analyzerMeta);
            Assert.Contains("isExplicitlyReferenced: 1", analyzerMeta);
            Assert.Matches(@"Any: \n    second:\n      enabled: 0", analyzerMeta);
            foreach (string dll in Directory.GetFiles(runtime, "*.dll"))
            {
                string meta = File.ReadAllText(dll + ".meta");
                Assert.DoesNotContain("RoslynAnalyzer", meta);
                Assert.Contains("isExplicitlyReferenced: 0", meta);
                Assert.Matches(@"Any: \n    second:\n      enabled: 1", meta);
            }
        }
        finally
        {
            if (Directory.Exists(package))
            {
                Directory.Delete(package, recursive: true);
            }
        }
    }

    /// <summary>The assemblies a .NET Standard 2.1 platform provides: the reference pack's facades, where restore put them.</summary>
    private static HashSet<string> NetStandardAssemblies()
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "src", "StaticNet", "obj", "project.assets.json")));
        string packages = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        string facades = Path.Combine(packages, "netstandard.library.ref", "2.1.0", "ref", "netstandard2.1");
        return Directory.GetFiles(facades, "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;
    }

    private static string TargetFramework(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        foreach (CustomAttributeHandle handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            var constructor = reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor);
            var type = reader.GetTypeReference((TypeReferenceHandle)constructor.Parent);
            if (reader.GetString(type.Name) == "TargetFrameworkAttribute")
            {
                BlobReader value = reader.GetBlobReader(attribute.Value);
                value.ReadUInt16(); // prolog
                return value.ReadSerializedString()!;
            }
        }

        return "";
    }

    private static IEnumerable<string> References(string path) => ReferencesWithVersions(path).Select(reference => reference.Split(' ')[0]);

    private static List<string> ReferencesWithVersions(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        MetadataReader reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(handle => reader.GetAssemblyReference(handle))
            .Select(reference => $"{reader.GetString(reference.Name)} {reference.Version}").ToList();
    }
}
