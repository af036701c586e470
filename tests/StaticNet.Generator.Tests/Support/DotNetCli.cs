using System;
using System.Diagnostics;
using System.Linq;
using System.Reflection;

namespace StaticNet.Generator.Tests.Support;

/// <summary>Runs the dotnet CLI from a test, isolated from the MSBuild state of the test run itself.</summary>
public static class DotNetCli
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string Configuration => Metadata("Configuration");

    /// <summary>Directory.Build.props' RepositoryUrl: the address the package, SourceLink and help links share.</summary>
    public static string RepositoryUrl => Metadata("RepositoryUrl");

    /// <summary>Where a repository file is browsed: <see cref="RepositoryUrl"/>/blob/branch/, then its path.</summary>
    public static string RepositoryFileBase => $"{RepositoryUrl}/blob/{Metadata("RepositoryBranch")}/";

    private static readonly object LibraryBuild = new();

    /// <summary>
    /// Runs a command that restores and builds the runtime library's project (a pack, a sample's publish) one at a
    /// time: two such commands at once rewrite the same obj/project.assets.json under each other (a pack then fails
    /// with "the assets file produced by restore does not exist").
    /// </summary>
    public static (int ExitCode, string Output) RunOnLibrary(params string[] arguments)
    {
        lock (LibraryBuild)
        {
            return Run(RepositoryRoot, arguments);
        }
    }

    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Variables the test host inherits from `dotnet test` point child builds at its MSBuild.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        // Builds the tests start compile in-process (see Directory.Build.props).
        start.Environment["StaticNetTestChildBuild"] = "true";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using Process process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }

    private static string Metadata(string key) =>
        typeof(DotNetCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
