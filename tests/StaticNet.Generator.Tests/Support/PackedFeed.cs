using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// The StaticNet package (with its symbols) and the StaticNet.Templates package, packed once per test run into a
/// local feed of their own, with a version of their own so the NuGet cache never serves a package from an earlier run.
/// The feed and the cached copies (in <see cref="PackageCache"/>, never the machine's) are deleted when the test process exits.
/// </summary>
public sealed class PackedFeed
{
    private static readonly Lazy<PackedFeed> Packed = new(Pack, LazyThreadSafetyMode.ExecutionAndPublication);

    private PackedFeed(string work, string version)
    {
        Work = work;
        Directory = Path.Combine(work, "feed");
        Version = version;
    }

    public static PackedFeed Instance => Packed.Value;

    /// <summary>A scratch directory beside the feed, deleted with it.</summary>
    public string Work { get; }

    public string Directory { get; }

    public string Version { get; }

    public string Package => Path.Combine(Directory, $"StaticNet.{Version}.nupkg");

    public string Symbols => Path.Combine(Directory, $"StaticNet.{Version}.snupkg");

    public string Templates => Path.Combine(Directory, $"StaticNet.Templates.{Version}.nupkg");

    /// <summary>
    /// The NuGet cache consumer projects restore into: inside the test build's folder, so a test run never leaves its
    /// packages (staticnet 0.0.0-test.*) in the machine's cache. The machine's cache is a read-only fallback, so the
    /// packages it holds already (the SDK's, NativeAOT's) are not fetched again.
    /// </summary>
    public static string PackageCache => Path.Combine(AppContext.BaseDirectory, "nuget-cache");

    /// <summary>A nuget.config for a consumer project in <paramref name="directory"/> that finds this feed first.</summary>
    public void WriteNuGetConfig(string directory) => File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{PackageCache}" />
          </config>
          <packageSources>
            <add key="staticnet-test-feed" value="{Directory}" />
          </packageSources>
          <fallbackPackageFolders>
            <add key="machine" value="{MachineCache}" />
          </fallbackPackageFolders>
        </configuration>
        """);

    /// <summary>The machine's NuGet cache, which the tests read but never write.</summary>
    public static string MachineCache => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static PackedFeed Pack()
    {
        var feed = new PackedFeed(
            Path.Combine(Path.GetTempPath(), "staticnet-package-" + Guid.NewGuid().ToString("N")),
            $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => feed.Delete();

        // The two projects share nothing, so they pack side by side. A package version of their own, not an assembly
        // version: the test run's build is up to date and packs as it is, instead of compiling everything again.
        Task<(int, string)>[] packs =
        [
            Task.Run(() => DotNetCli.RunOnLibrary("pack", "src/StaticNet/StaticNet.csproj",
                "-c", DotNetCli.Configuration, "-o", feed.Directory, $"-p:PackageVersion={feed.Version}")),
            Task.Run(() => DotNetCli.Run(DotNetCli.RepositoryRoot, "pack", "src/StaticNet.Templates/StaticNet.Templates.csproj",
                "-c", DotNetCli.Configuration, "-o", feed.Directory, $"-p:PackageVersion={feed.Version}")),
        ];
        foreach ((int exitCode, string output) in Task.WhenAll(packs).GetAwaiter().GetResult())
        {
            Assert.True(exitCode == 0, output);
        }

        return feed;
    }

    private void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Work, recursive: true);
            foreach (string id in new[] { "staticnet", "staticnet.templates" })
            {
                string cached = Path.Combine(PackageCache, id, Version);
                if (System.IO.Directory.Exists(cached))
                {
                    System.IO.Directory.Delete(cached, recursive: true);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort at exit: a leftover temporary directory must not fail the run.
        }
    }
}
