using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace StaticNet.Benchmarks;

/// <summary>
/// Turns a run's summaries into one table (StaticNet's time, each peer's time and how many times slower
/// it is, bytes allocated per StaticNet call) and writes it into this folder's README.md and, shorter,
/// the repository's README.md, between their results markers.
/// </summary>
public static class ResultsReport
{
    private const string Begin = "<!-- benchmark results: written by tests/StaticNet.Benchmarks/run.sh -->";
    private const string End = "<!-- end of benchmark results -->";

    private static readonly string[] Peers = ["StaticNet packed", "StaticNet all cores", "Naive C#", "ONNX Runtime", "TorchSharp"];

    public static void Write(Summary[] summaries)
    {
        Publish(
            "network",
            summaries.Where(s => IsNetworkScenario(s.Title)).OrderBy(s => Order(s.Title)).ToList(),
            summary => Scenario(summary.Title),
            Peers,
            typeof(NetworkInfo).Assembly.GetTypes().Count(type => IsNetworkScenario(type.Name)),
            $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Processor()} ({Environment.ProcessorCount} cores), "
                + $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}, one thread for every peer and for StaticNet "
                + $"but in the all-cores column ({Environment.ProcessorCount} threads). In brackets: how many times longer than StaticNet on one thread.",
            "| network, scenario | StaticNet | packed copy (`ForwardPacked`, `ForwardBatchPacked`) | StaticNet, all cores | naive C# | ONNX Runtime | TorchSharp | StaticNet allocates |",
            Begin,
            End);
        Publish(
            "streaming",
            summaries.Where(s => IsStreamingScenario(s.Title)).OrderBy(s => s.Title, StringComparer.Ordinal).ToList(),
            summary => TypeName(summary.Title).StartsWith("S1", StringComparison.Ordinal) ? "S1: GRU-8 + Dense(1), one step" : "S2: LSTM-16 + Dense(1), one step",
            StreamingPeers,
            typeof(NetworkInfo).Assembly.GetTypes().Count(type => IsStreamingScenario(type.Name)),
            $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Processor()}, .NET {Environment.Version}, one thread each: one sample in, one out, "
                + "the state carried to the next call. In brackets: how many times longer than StaticNet's `Step`.",
            "| network, scenario | StaticNet `Step` | `StepPacked` | ONNX Runtime (`ToOnnxStep`, state in and out) | TorchSharp | StaticNet allocates |",
            StreamingBegin,
            StreamingEnd);
        Publish(
            "many-streams",
            summaries.Where(s => IsManyStreamsScenario(s.Title)).OrderBy(s => s.Title, StringComparer.Ordinal).ToList(),
            summary => TypeName(summary.Title).StartsWith("S1", StringComparison.Ordinal) ? "S1: GRU-8 + Dense(1), 1,024 streams" : "S2: LSTM-16 + Dense(1), 1,024 streams",
            ManyStreamsPeers,
            typeof(NetworkInfo).Assembly.GetTypes().Count(type => IsManyStreamsScenario(type.Name)),
            $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Processor()} ({Environment.ProcessorCount} cores), .NET {Environment.Version}: one step of each of 1,024 "
                + "streams. In brackets: how many times longer than `StepBatch` on one thread.",
            "| network, scenario | `StepBatch`, one thread | `StepBatch`, all cores | 1,024 `Step` calls | StaticNet allocates |",
            ManyStreamsBegin,
            ManyStreamsEnd,
            mainReadme: false);
    }

    private const string ManyStreamsBegin = "<!-- many-streams results: written by tests/StaticNet.Benchmarks/run.sh -->";
    private const string ManyStreamsEnd = "<!-- end of many-streams results -->";

    private static readonly string[] ManyStreamsPeers = ["StaticNet all cores", "1,024 Step calls"];

    private const string StreamingBegin = "<!-- streaming results: written by tests/StaticNet.Benchmarks/run.sh -->";
    private const string StreamingEnd = "<!-- end of streaming results -->";

    private static readonly string[] StreamingPeers = ["StaticNet packed", "ONNX Runtime", "TorchSharp"];

    /// <summary>
    /// One table (StaticNet's time, each peer's and its ratio, StaticNet's allocations), printed, and written between
    /// <paramref name="begin"/> and <paramref name="end"/> in both READMEs when every scenario of its kind ran (a
    /// filtered run only prints its rows); <paramref name="mainReadme"/> false keeps it out of the repository's README.
    /// </summary>
    private static void Publish(
        string kind, List<Summary> summaries, Func<Summary, string> scenario, string[] peers, int scenarios, string intro, string header, string begin, string end,
        bool mainReadme = true)
    {
        var rows = new List<string>();
        foreach (Summary summary in summaries)
        {
            Dictionary<string, BenchmarkReport> byMethod = summary.Reports
                .Where(r => r.ResultStatistics is not null)
                .ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\''), r => r);
            if (!byMethod.TryGetValue("StaticNet", out BenchmarkReport? baseline))
            {
                continue;
            }

            double mine = baseline.ResultStatistics!.Mean;
            var cells = new List<string> { scenario(summary), Time(mine) };
            foreach (string peer in peers)
            {
                cells.Add(byMethod.TryGetValue(peer, out BenchmarkReport? other) ? $"{Time(other.ResultStatistics!.Mean)} ({Ratio(other.ResultStatistics.Mean / mine)}x)" : "-");
            }

            cells.Add((baseline.GcStats.GetBytesAllocatedPerOperation(baseline.BenchmarkCase) ?? 0).ToString(CultureInfo.InvariantCulture) + " B");
            rows.Add("| " + string.Join(" | ", cells) + " |");
        }

        if (rows.Count == 0)
        {
            return;
        }

        var table = new StringBuilder();
        table.AppendLine(begin);
        table.AppendLine(intro);
        table.AppendLine();
        table.AppendLine(header);
        table.AppendLine("|---" + string.Concat(Enumerable.Repeat("|---:", peers.Length + 2)) + "|");
        foreach (string row in rows)
        {
            table.AppendLine(row);
        }

        table.Append(end);
        Console.WriteLine(table);
        if (rows.Count < scenarios)
        {
            Console.WriteLine($"{rows.Count} of the {scenarios} {kind} scenarios ran: the README tables are left as they are.");
            return;
        }

        string folder = Path.GetDirectoryName(FindUp("tests/StaticNet.Benchmarks/README.md"))!;
        Replace(Path.Combine(folder, "README.md"), table.ToString(), begin, end);
        if (mainReadme)
        {
            Replace(FindUp("README.md", requireSolution: true), table.ToString(), begin, end);
        }
    }

    /// <summary>A ratio to one decimal (to two below 1, where 0.84x and 0.79x differ), whole from 100 on.</summary>
    private static string Ratio(double ratio) =>
        ratio.ToString(ratio < 1 ? "0.00" : ratio < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    /// <summary>Writes the first-call table into this folder's README.md.</summary>
    public static void WriteFirstCall(string table)
    {
        const string begin = "<!-- first-call results: written by tests/StaticNet.Benchmarks/run.sh -->";
        const string end = "<!-- end of first-call results -->";
        string section = $"{begin}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Processor()}, .NET {Environment.Version}.\n\n{table}\n{end}";
        Replace(FindUp("tests/StaticNet.Benchmarks/README.md"), section, begin, end);
        Console.WriteLine(section);
    }

    /// <summary>Writes the interleaved batch-64 table (<see cref="Interleaved"/>) into this folder's README.md.</summary>
    public static void WriteInterleaved(string table)
    {
        const string begin = "<!-- interleaved results: written by tests/StaticNet.Benchmarks/run.sh -->";
        const string end = "<!-- end of interleaved results -->";
        string section = $"{begin}\nMeasured {DateTime.UtcNow:yyyy-MM-dd} on {Processor()}, .NET {Environment.Version}: {Interleaved.Description}.\n\n{table}{end}";
        Replace(FindUp("tests/StaticNet.Benchmarks/README.md"), section, begin, end);
    }

    private static string Processor()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string? line = File.Exists(cpuInfo) ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal)) : null;
        return line is null ? "an unknown CPU" : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static bool IsNetworkScenario(string title)
    {
        string type = TypeName(title);
        return type.Length > 2 && type[0] == 'N' && char.IsDigit(type[1]) && type[2..] is "Latency" or "Throughput" or "Training";
    }

    private static bool IsStreamingScenario(string title)
    {
        string type = TypeName(title);
        return type.Length > 2 && type[0] == 'S' && char.IsDigit(type[1]) && type[2..] == "Step";
    }

    private static bool IsManyStreamsScenario(string title)
    {
        string type = TypeName(title);
        return type.Length > 2 && type[0] == 'S' && char.IsDigit(type[1]) && type[2..] == "Streams";
    }

    /// <summary>Titles look like "N1Latency-short" or "StaticNet.Benchmarks.N1Latency-...".</summary>
    private static string TypeName(string title) => title.Split('-')[0].Split('.').Last();

    private static int Order(string title)
    {
        string name = Scenario(title);
        return (name.Contains("batch 1,", StringComparison.Ordinal) ? 0 : name.Contains("batch 64", StringComparison.Ordinal) ? 10 : 20)
            + (name[1] - '0');
    }

    private static string Scenario(string title)
    {
        // Titles look like "N1Latency-short" or "StaticNet.Benchmarks.N1Latency-...".
        string type = title.Split('-')[0].Split('.').Last();
        string network = type[..2];
        return type[2..] switch
        {
            "Latency" => $"{network} batch 1, forward",
            "Throughput" => $"{network} batch 64, forward",
            _ => $"{network} batch 32, SGD training step",
        };
    }

    /// <summary>A time in the unit that reads best, as every table here writes times.</summary>
    internal static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1_000 => $"{nanoseconds.ToString("0.0", CultureInfo.InvariantCulture)} ns",
        < 1_000_000 => $"{(nanoseconds / 1_000).ToString("0.00", CultureInfo.InvariantCulture)} us",
        _ => $"{(nanoseconds / 1_000_000).ToString("0.00", CultureInfo.InvariantCulture)} ms",
    };

    private static void Replace(string path, string section, string begin, string end)
    {
        string text = File.ReadAllText(path);
        int start = text.IndexOf(begin, StringComparison.Ordinal);
        int stop = text.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            throw new InvalidOperationException($"{path} has no results markers {begin}.");
        }

        File.WriteAllText(path, text[..start] + section + text[(stop + end.Length)..]);
    }

    /// <summary>The file at <paramref name="relative"/> in the repository, found from this program's folder up.</summary>
    public static string FindUp(string relative, bool requireSolution = false)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(candidate) && (!requireSolution || File.Exists(Path.Combine(directory.FullName, "StaticNet.sln"))))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No {relative} above {AppContext.BaseDirectory}.");
    }
}
