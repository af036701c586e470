using System;
using System.Reflection;
using System.Runtime.Versioning;

namespace StaticNet.Tests;

/// <summary>
/// Which build of the runtime these tests run against: the .NET 8 one this project references, or the netstandard2.1
/// one (Unity's API) that tests/StaticNet.Tests.Portable puts in its place under this same test binary. The traits name
/// the tests that run cannot take.
/// </summary>
internal static class RuntimeBuild
{
    /// <summary>The trait the portable run filters on.</summary>
    public const string Trait = "RuntimeBuild";

    /// <summary>Tests of what only the .NET 8 build has: its vector kernels and lanes, links.</summary>
    public const string Net8Only = "Net8Only";

    /// <summary>
    /// Tests whose subject is the same code on either build rather than a result (allocation, concurrency, the fuzzers'
    /// parsing, the benchmark smoke test, the progress line): the portable run leaves them to the .NET 8 run.
    /// </summary>
    public const string SameOnEither = "SameOnEither";

    /// <summary>Whether the runtime under test is its netstandard2.1 build.</summary>
    public static bool IsPortable { get; } = typeof(INetwork).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!
        .FrameworkName.StartsWith(".NETStandard", StringComparison.Ordinal);
}
