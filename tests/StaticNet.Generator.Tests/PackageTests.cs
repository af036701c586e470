using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// `dotnet pack` of src/StaticNet makes one package that carries the generator and its code fixes, and a
/// project that references only that package gets working networks, with warnings as errors (so the
/// compiler must accept the code-fix assembly beside the generator without a word).
/// </summary>
public class PackageTests
{
    private const string ConsumerProgram = """
        using System;
        using StaticNet;

        var parameters = new float[PackagedNet.ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = ((i % 5) - 2) * 0.1f;
        }

        var output = new float[PackagedNet.OutputSize];
        PackagedNet.Forward(parameters, new float[] { 1, 2, 3, 4 }, output);
        var gradients = new float[PackagedNet.ParameterCount];
        float loss = PackagedNet.Backward(parameters, new float[] { 1, 2, 3, 4 }, new float[] { 1, 0 }, gradients, Span<float>.Empty);
        Console.WriteLine($"parameters={PackagedNet.ParameterCount} sum={output[0] + output[1]:F3} finite={float.IsFinite(loss)}");

        [Network(Loss = Loss.CrossEntropy)]
        [Input(4)]
        [Dense(6, Activation.ReLU)]
        [Dense(2, Activation.Softmax)]
        partial class PackagedNet { }
        """;

    [Fact]
    public void Packed_package_carries_the_generator_and_works_in_a_fresh_project()
    {
        string work = Path.Combine(Path.GetTempPath(), "staticnet-package-" + Guid.NewGuid().ToString("N"));
        string feed = Path.Combine(work, "feed");
        string consumer = Path.Combine(work, "consumer");
        // A version of its own, so the NuGet cache never serves a package from an earlier run.
        string version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        Directory.CreateDirectory(consumer);
        try
        {
            (int packExit, string packOutput) = DotNetCli.Run(DotNetCli.RepositoryRoot,
                "pack", "src/StaticNet/StaticNet.csproj", "-c", DotNetCli.Configuration, "-o", feed, $"-p:Version={version}");
            Assert.True(packExit == 0, packOutput);

            string package = Path.Combine(feed, $"StaticNet.{version}.nupkg");
            using (ZipArchive archive = ZipFile.OpenRead(package))
            {
                string[] entries = archive.Entries.Select(e => e.FullName).ToArray();
                Assert.Contains("analyzers/dotnet/cs/StaticNet.Generator.dll", entries);
                Assert.Contains("analyzers/dotnet/cs/StaticNet.CodeFixes.dll", entries);
                Assert.Contains("lib/net8.0/StaticNet.dll", entries);
                Assert.Contains("lib/net10.0/StaticNet.dll", entries);
                Assert.DoesNotContain(entries, e => e.StartsWith("lib/") && (e.EndsWith("StaticNet.Generator.dll") || e.EndsWith("StaticNet.CodeFixes.dll")));
            }

            File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="StaticNet" Version="{version}" />
                  </ItemGroup>
                </Project>
                """);
            File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <add key="staticnet-test-feed" value="{feed}" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);

            (int runExit, string runOutput) = DotNetCli.Run(consumer, "run", "-c", "Release");
            Assert.True(runExit == 0, runOutput);
            Assert.Contains("parameters=44 sum=1.000 finite=True", runOutput);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            string cached = Path.Combine(
                Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                    ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
                "staticnet", version);
            if (Directory.Exists(cached))
            {
                Directory.Delete(cached, recursive: true);
            }
        }
    }
}
