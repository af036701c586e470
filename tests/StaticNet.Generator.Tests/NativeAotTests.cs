using System;
using System.Diagnostics;
using System.IO;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// samples/BakedIris publishes with NativeAOT, trimming and AOT warnings as errors, and the native executable
/// predicts with the weights baked into it: no reflection or dynamic code is left in the runtime library or in
/// generated code.
/// </summary>
public class NativeAotTests
{
    [Fact]
    public void Baked_Iris_sample_publishes_with_NativeAOT_and_predicts()
    {
        string output = Path.Combine(Path.GetTempPath(), "staticnet-aot-" + Guid.NewGuid().ToString("N"));
        try
        {
            (int exit, string log) = DotNetCli.RunOnLibrary(
                "publish", "samples/BakedIris/BakedIris.csproj", "-c", DotNetCli.Configuration, "-o", output);
            Assert.True(exit == 0, log);
            Assert.DoesNotContain("warning", log, StringComparison.OrdinalIgnoreCase);

            string executable = Path.Combine(output, OperatingSystem.IsWindows() ? "BakedIris.exe" : "BakedIris");
            var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add("5.1");
            start.ArgumentList.Add("3.5");
            start.ArgumentList.Add("1.4");
            start.ArgumentList.Add("0.2");
            using Process process = Process.Start(start)!;
            string printed = process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.Equal(0, process.ExitCode);
            Assert.StartsWith("5.1 3.5 1.4 0.2 cm: setosa (", printed);
            Assert.Contains("weights baked from iris.snw (67 parameters", printed);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }
}
