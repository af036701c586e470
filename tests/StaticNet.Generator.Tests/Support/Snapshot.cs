using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// Approved-output testing for generated code. Verify and Verify.SourceGenerators are not available
/// from this project's package feed, so this is a small stand-in: the approved text lives in
/// Snapshots/NAME.verified.cs and is compared exactly. On a difference the new text is written
/// beside it as NAME.received.cs (git-ignored) for review. To approve changes, run the tests with
/// STATICNET_ACCEPT_SNAPSHOTS=1, review the diff, and commit the .verified.cs files.
/// </summary>
public static class Snapshot
{
    public const string AcceptVariable = "STATICNET_ACCEPT_SNAPSHOTS";

    public static void Match(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        string verified = Path.Combine(directory, name + ".verified.cs");
        string received = Path.Combine(directory, name + ".received.cs");
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(verified)!);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        string? expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        throw new XunitException(expected is null
            ? $"No approved snapshot {verified}. Review {received}, then rerun with {AcceptVariable}=1 to approve it."
            : $"Generated code differs from {verified} at {FirstDifference(expected, actual)}. "
              + $"Review {received}; rerun with {AcceptVariable}=1 to approve the change.");
    }

    private static string FirstDifference(string expected, string actual)
    {
        string[] a = expected.Split('\n');
        string[] b = actual.Split('\n');
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                return $"line {i + 1}: expected \"{a[i].Trim()}\", got \"{b[i].Trim()}\"";
            }
        }

        return $"the end (expected {a.Length} lines, got {b.Length})";
    }
}
