using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

namespace StaticNet.Benchmarks;

/// <summary>
/// What a network costs before it runs at full speed. Each network's first call, its first 10,000 calls and 10,000
/// calls at steady speed, each in a fresh process of <c>FirstCallChild</c>: run by the JIT with its default tiering, by
/// the JIT with tiering off, and published NativeAOT for x64's default baseline and for this machine's instruction set.
/// Then the generator's time per declaration (first run in a process, with Roslyn itself still being compiled, and warm).
/// </summary>
public static class FirstCall
{
    public const string ChildFlag = "--first-call-child";

    private static readonly Dictionary<string, string> Declarations = new()
    {
        [nameof(N1)] = "[Network(Loss = Loss.CrossEntropy)] [Input(4)] [Dense(6, Activation.ReLU)] [Dense(2, Activation.Softmax)]",
        [nameof(N2)] = "[Network(Loss = Loss.CrossEntropy)] [Input(784)] [Dense(128, Activation.ReLU)] [Dense(64, Activation.ReLU)] [Dense(10, Activation.Softmax)]",
        [nameof(N3)] = "[Network] [Input(16)] [Dense(32, Activation.Tanh)] [Dense(32, Activation.Tanh)] [Dense(1)]",
        [nameof(N4)] = "[Network(Loss = Loss.CrossEntropy)] [Input(1, 28, 28)] [Conv2D(8, 3, Activation.ReLU)] [MaxPool2D(2)] [Flatten] [Dense(10, Activation.Softmax)]",
    };

    /// <summary>Fresh processes per network and runtime; the table gives the median of each column over them.</summary>
    private const int Processes = 5;

    private static readonly string[] Networks = [nameof(N1), nameof(N2), nameof(N3), nameof(N4), nameof(S1), nameof(S2)];

    /// <summary>A way to run the child: its label, its published folder, whether it is a native executable, an environment variable.</summary>
    private sealed record Runtime(string Label, string Folder, bool Native, (string Name, string Value)? Variable = null);

    /// <summary>Publishes the child each way, measures every network each way, then the generator; returns Markdown tables.</summary>
    public static string Measure()
    {
        string project = ResultsReport.FindUp("tests/StaticNet.Benchmarks/FirstCallChild/FirstCallChild.csproj");
        string output = Path.Combine(Path.GetDirectoryName(typeof(FirstCall).Assembly.Location)!, "first-call");
        Runtime[] runtimes =
        [
            new("JIT (default tiering)", "jit", Native: false),
            new("JIT, `TieredCompilation` off", "jit", Native: false, ("DOTNET_TieredCompilation", "0")),
            new("NativeAOT, default x64 baseline", "aot-baseline", Native: true),
            new("NativeAOT, `IlcInstructionSet=native`", "aot-native", Native: true),
        ];
        Publish(project, Path.Combine(output, "jit"));
        Publish(project, Path.Combine(output, "aot-baseline"), "-r", "linux-x64", "-p:NativeAot=true");
        Publish(project, Path.Combine(output, "aot-native"), "-r", "linux-x64", "-p:NativeAot=true", "-p:IlcInstructionSet=native");

        var table = new List<string>
        {
            "| network | run by | first call | first 10,000 calls | 10,000 calls, steady | first 10,000 / steady |",
            "|---|---|---:|---:|---:|---:|",
        };
        foreach (string network in Networks)
        {
            foreach (Runtime runtime in runtimes)
            {
                // A first call happens once per process, so one process is one sample of it: the medians of several.
                double[][] runs = Enumerable.Range(0, Processes).Select(_ => Run(Path.Combine(output, runtime.Folder), runtime, network)).ToArray();
                double Median(Func<double[], double> column) => runs.Select(column).Order().ElementAt(Processes / 2);
                table.Add($"| {network} | {runtime.Label} | {Micro(Median(t => t[0]))} | {Micro(Median(t => t[1]))} | {Micro(Median(t => t[2]))} | "
                    + $"{Median(t => t[1] / t[2]).ToString("0.00", CultureInfo.InvariantCulture)}x |");
            }
        }

        table.Add("");
        table.Add("| network | generator, first run in a process | generator, warm |");
        table.Add("|---|---:|---:|");
        foreach (string name in Declarations.Keys)
        {
            string assembly = typeof(FirstCall).Assembly.Location;
            double[] child = Numbers(new ProcessStartInfo("dotnet", [assembly, ChildFlag, name]));
            table.Add($"| {name} | {Milli(child[0])} | {Milli(child[1])} |");
        }

        return string.Join(Environment.NewLine, table);
    }

    /// <summary>In the child, a fresh process: the generator on the declaration, first and warm (milliseconds).</summary>
    public static void Child(string name)
    {
        (double cold, double warm) = GeneratorTime(name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cold} {warm}"));
    }

    private static void Publish(string project, string folder, params string[] options)
    {
        string[] arguments = ["publish", project, "-c", "Release", "--nologo", "-v", "quiet", "-o", folder, .. options];
        using Process process = Process.Start(new ProcessStartInfo("dotnet", arguments))!;
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}).");
        }
    }

    /// <summary>The child's first call, first 10,000 calls and steady 10,000 calls, in microseconds.</summary>
    private static double[] Run(string folder, Runtime runtime, string network)
    {
        ProcessStartInfo start = runtime.Native
            ? new(Path.Combine(folder, "FirstCallChild"), [network])
            : new("dotnet", [Path.Combine(folder, "FirstCallChild.dll"), network]);
        if (runtime.Variable is var (name, value))
        {
            start.Environment[name] = value;
        }

        return Numbers(start);
    }

    /// <summary>Runs a child and reads the numbers on the last line it prints.</summary>
    private static double[] Numbers(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        using Process process = Process.Start(start)!;
        string line = process.StandardOutput.ReadToEnd().Trim().Split('\n').Last();
        process.WaitForExit();
        return line.Split(' ').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The generator on one declaration: its first run in this process, then the median of ten warm runs, in milliseconds.</summary>
    private static (double Cold, double Warm) GeneratorTime(string name)
    {
        string source = $"using StaticNet;\nnamespace Timing;\n{Declarations[name]}\npublic partial class {name} {{ }}\n";
        double Once()
        {
            CSharpCompilation compilation = UserCompilation.Create("Timing", [CSharpSyntaxTree.ParseText(source)]);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new NetworkGenerator());
            var clock = Stopwatch.StartNew();
            driver.RunGenerators(compilation);
            return clock.Elapsed.TotalMilliseconds;
        }

        double cold = Once();
        double[] warm = Enumerable.Range(0, 10).Select(_ => Once()).Order().ToArray();
        return (cold, warm[warm.Length / 2]);
    }

    private static string Micro(double microseconds) => microseconds >= 1000
        ? $"{(microseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture)} ms"
        : $"{microseconds.ToString("0.00", CultureInfo.InvariantCulture)} us";

    private static string Milli(double milliseconds) => $"{milliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms";
}
