using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator;

namespace StaticNet.Benchmarks;

/// <summary>
/// What a network costs before it runs at full speed: the first Forward call in a fresh process (JIT
/// compilation of the generated method and the kernels it calls), and the generator's time per declaration
/// (first run in a process, with Roslyn itself still being compiled, and warm).
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

    /// <summary>Measures every network, each first call in a process of its own; returns a Markdown table.</summary>
    public static string Measure()
    {
        var table = new List<string>
        {
            "| network | first Forward (fresh process) | steady Forward (through a delegate) | generator, first run in a process | generator, warm |",
            "|---|---:|---:|---:|---:|",
        };
        foreach (string name in Declarations.Keys)
        {
            double[] child = RunChild(name).Split(' ').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
            table.Add($"| {name} | {Micro(child[0])} | {Micro(child[1])} | {Milli(child[2])} | {Milli(child[3])} |");
        }

        return string.Join(Environment.NewLine, table);
    }

    /// <summary>
    /// In the child, a fresh process: times the first and a steady Forward (microseconds), then the generator
    /// on the declaration, first and warm (milliseconds).
    /// </summary>
    public static void Child(string name)
    {
        Action forward = name switch
        {
            nameof(N1) => Prepare(N1.ParameterCount, N1.InputSize, N1.OutputSize, (p, x, y) => N1.Forward(p, x, y)),
            nameof(N2) => Prepare(N2.ParameterCount, N2.InputSize, N2.OutputSize, (p, x, y) => N2.Forward(p, x, y)),
            nameof(N3) => Prepare(N3.ParameterCount, N3.InputSize, N3.OutputSize, (p, x, y) => N3.Forward(p, x, y)),
            _ => Prepare(N4.ParameterCount, N4.InputSize, N4.OutputSize, (p, x, y) => N4.Forward(p, x, y)),
        };
        var clock = Stopwatch.StartNew();
        forward();
        double first = clock.Elapsed.TotalMicroseconds;

        // Tiered compilation promotes hot methods after a delay: call, wait, call again, then measure.
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 50_000; i++)
            {
                forward();
            }

            System.Threading.Thread.Sleep(300);
        }

        clock.Restart();
        const int calls = 10_000;
        for (int i = 0; i < calls; i++)
        {
            forward();
        }

        double steady = clock.Elapsed.TotalMicroseconds / calls;
        (double cold, double warm) = GeneratorTime(name);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {steady} {cold} {warm}"));
    }

    private static Action Prepare(int parameterCount, int inputSize, int outputSize, Action<float[], float[], float[]> forward)
    {
        float[] parameters = new float[parameterCount];
        float[] input = new float[inputSize];
        float[] output = new float[outputSize];
        return () => forward(parameters, input, output);
    }

    private static string RunChild(string name)
    {
        string assembly = typeof(FirstCall).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [assembly, ChildFlag, name]) { RedirectStandardOutput = true };
        using Process process = Process.Start(start)!;
        string line = process.StandardOutput.ReadToEnd().Trim().Split('\n').Last();
        process.WaitForExit();
        return line;
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
