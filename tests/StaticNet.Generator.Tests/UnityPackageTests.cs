using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Runtime.Loader;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using StaticNet.Training;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// src/StaticNet.Unity lays out a Unity package from the build: its manifest, the netstandard2.1 runtime with every
/// assembly it references that netstandard2.1 lacks, the assembly definition StaticNet.Unity with its script, the
/// generator built for Roslyn 4.3 marked as an analyzer that no player loads, in that definition's folder, and a .meta
/// with a distinct GUID for every file and folder (an immutable package ignores files without). No Unity runs here:
/// these are the facts Unity's importer reads, and the script is compiled as Unity compiles it and run against stubs.
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

            // The generator built against Roslyn 4.3 (Unity 6's compiler), alone in Runtime/Analyzers/.
            string[] analyzers = Directory.GetFiles(Path.Combine(runtime, "Analyzers"), "*.dll");
            Assert.Equal("StaticNet.Generator.dll", Path.GetFileName(Assert.Single(analyzers)));
            Assert.Contains("Microsoft.CodeAnalysis.CSharp 4.3.0.0", ReferencesWithVersions(analyzers[0]));

            // The assembly definition, the package's only one: its scripts compile into StaticNet.Unity, which every
            // assembly without a definition of its own (Assembly-CSharp) references by itself; the generator is in its
            // folder, so Unity runs it on StaticNet.Unity and the assemblies that reference it, not on every assembly.
            string definition = Path.Combine(runtime, "StaticNet.Unity.asmdef");
            Assert.Equal([definition], Directory.GetFiles(package, "*.asmdef", SearchOption.AllDirectories));
            using (JsonDocument asmdef = JsonDocument.Parse(File.ReadAllText(definition)))
            {
                Assert.Equal("StaticNet.Unity", asmdef.RootElement.GetProperty("name").GetString());
                Assert.True(asmdef.RootElement.GetProperty("autoReferenced").GetBoolean());
                Assert.False(asmdef.RootElement.GetProperty("overrideReferences").GetBoolean()); // the runtime's DLLs, referenced automatically
                Assert.Empty(asmdef.RootElement.GetProperty("includePlatforms").EnumerateArray()); // every platform
            }

            Assert.StartsWith(runtime + Path.DirectorySeparatorChar, analyzers[0], StringComparison.Ordinal);

            // A definition without scripts compiles to nothing (and then scopes nothing): the package's compile as Unity
            // compiles them, C# 9 against .NET Standard 2.1, the package's assemblies and UnityEngine, with no warning.
            string[] scripts = Directory.GetFiles(runtime, "*.cs", SearchOption.AllDirectories);
            Assert.NotEmpty(scripts);
            Assert.Empty(CompileAsUnity(scripts.Select(File.ReadAllText), Directory.GetFiles(runtime, "*.dll")));

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
            Assert.Contains("AssemblyDefinitionImporter:", File.ReadAllText(definition + ".meta"));
            Assert.All(scripts, script => Assert.Contains("MonoImporter:", File.ReadAllText(script + ".meta")));
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

    /// <summary>
    /// The package's log writer, run against the UnityEngine stubs: each line written becomes one <c>Debug.Log</c>
    /// message (a "\r\n" ending without its '\r', blank lines dropped, the unended rest sent on dispose), the
    /// training progress a message per epoch, and lines written whole from two threads arrive whole.
    /// </summary>
    [Fact]
    public void The_log_writer_sends_each_line_to_Unitys_console()
    {
        const string driver = """
            using System.Threading.Tasks;
            using StaticNet.Training;

            public static class Driver
            {
                public static string[] Lines()
                {
                    var writer = new StaticNet.Unity.UnityLogWriter();
                    writer.Write("loss 0.");
                    writer.Write("5\r\nsecond line");
                    writer.WriteLine();
                    writer.Write("\n\n");
                    writer.Write(new[] { 'x', 'y', '\n', 'z' }, 0, 3);
                    new ConsoleProgress(writer, inPlace: false).Report(Report());
                    writer.Write("tail");
                    writer.Dispose();
                    return Taken();
                }

                public static string[] FromTwoThreads()
                {
                    var writer = new StaticNet.Unity.UnityLogWriter();
                    Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, thread =>
                    {
                        for (int i = 0; i < 2000; i++)
                        {
                            writer.WriteLine($"thread {thread} line {i} of 2000");
                        }
                    });
                    return Taken();
                }

                public static EpochReport Report() => new EpochReport(3, 10, 0.25f, 0.9f, null, null, 0.01f, System.TimeSpan.FromSeconds(1));

                private static string[] Taken()
                {
                    string[] messages = UnityEngine.Debug.Messages.ToArray();
                    UnityEngine.Debug.Messages.Clear();
                    return messages;
                }
            }
            """;
        CSharpCompilation compilation = CSharpCompilation.Create(
            "UnityLogWriterRun",
            new[] { driver, UnityEngineStubs.Source }.Concat(UnityEngineStubs.PackageScripts()).Select(source => CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9))),
            GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        EmitResult emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var context = new AssemblyLoadContext("unity-log-writer", isCollectible: true);
        try
        {
            image.Position = 0;
            Type run = context.LoadFromStream(image).GetType("Driver")!;
            string[] Call(string method) => (string[])run.GetMethod(method)!.Invoke(null, null)!;

            string progress = ConsoleProgress.Line((EpochReport)run.GetMethod("Report")!.Invoke(null, null)!);
            Assert.Equal(["loss 0.5", "second line", "xy", progress, "tail"], Call("Lines"));

            string[] lines = Call("FromTwoThreads");
            Assert.Equal(4000, lines.Length);
            foreach (int thread in new[] { 0, 1 })
            {
                Assert.Equal(Enumerable.Range(0, 2000).Select(i => $"thread {thread} line {i} of 2000"), lines.Where(line => line.StartsWith($"thread {thread} ", StringComparison.Ordinal)));
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> as Unity compiles a package's scripts: C# 9, nullable annotations where the
    /// file enables them, against .NET Standard 2.1's facades, <paramref name="assemblies"/> and UnityEngine (the stubs,
    /// built for the same standard); returns every warning and error.
    /// </summary>
    private static Diagnostic[] CompileAsUnity(IEnumerable<string> sources, IEnumerable<string> assemblies)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9);
        MetadataReference[] standard = Directory.GetFiles(NetStandardFacades(), "*.dll").Select(path => MetadataReference.CreateFromFile(path)).ToArray<MetadataReference>();
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary);
        CSharpCompilation engine = CSharpCompilation.Create("UnityEngine", [CSharpSyntaxTree.ParseText(UnityEngineStubs.Source, parse)], standard, options);
        using var engineImage = new MemoryStream();
        EmitResult engineEmitted = engine.Emit(engineImage);
        Assert.True(engineEmitted.Success, string.Join("\n", engineEmitted.Diagnostics));

        CSharpCompilation package = CSharpCompilation.Create(
            "StaticNet.Unity",
            sources.Select(source => CSharpSyntaxTree.ParseText(source, parse)),
            standard.Concat(assemblies.Select(path => MetadataReference.CreateFromFile(path))).Append(MetadataReference.CreateFromImage(engineImage.ToArray())),
            options);
        return package.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
    }

    /// <summary>The assemblies a .NET Standard 2.1 platform provides: the reference pack's facades, where restore put them.</summary>
    private static HashSet<string> NetStandardAssemblies() =>
        Directory.GetFiles(NetStandardFacades(), "*.dll").Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;

    /// <summary>The reference pack's folder of .NET Standard 2.1 facades, where restore put it for the runtime's build.</summary>
    private static string NetStandardFacades()
    {
        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(DotNetCli.RepositoryRoot, "src", "StaticNet", "obj", "project.assets.json")));
        string packages = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        return Path.Combine(packages, "netstandard.library.ref", "2.1.0", "ref", "netstandard2.1");
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
