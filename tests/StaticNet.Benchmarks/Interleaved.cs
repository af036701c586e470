using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace StaticNet.Benchmarks;

/// <summary>
/// The batch-64 forward rows again, StaticNet and ONNX Runtime in alternating rounds of one process
/// (<c>--interleaved</c>). On this machine a vector-heavy row's time swings up to 1.9x within minutes, and
/// BenchmarkDotNet times each method in a process of its own, one after another: a ratio of two such rows can mix a
/// slow spell with a quick one. Rounds side by side see the same machine, so their ratios hold still where the times do not.
/// </summary>
public static class Interleaved
{
    private const int Batch = 64;

    /// <summary>Pairs of rounds per row: odd, so the median is one of them.</summary>
    private const int Pairs = 21;

    /// <summary>How long one round runs: long enough to time, short enough for a pair to see the same machine.</summary>
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(30);

    /// <summary>What the table measures, for the line above it.</summary>
    public static string Description => $"{Pairs} pairs of {Round.TotalMilliseconds:0} ms rounds, batch {Batch}, one thread each";

    /// <summary>Times every network's rows and returns the table (also written to the console as each row completes).</summary>
    public static string Measure()
    {
        // Both sides on one thread, as in the main table's one-thread columns.
        Parallelism.MaxThreads = 1;
        var table = new StringBuilder();
        table.AppendLine("| network | StaticNet path | StaticNet, median | ONNX Runtime, median | ONNX Runtime / StaticNet: median of the pairs (lowest-highest) | StaticNet's rounds, fastest-slowest |");
        table.AppendLine("|---|---|---:|---:|---:|---:|");
        Console.Write(table);
        foreach (NetworkInfo network in new[] { NetworkInfo.N1Info, NetworkInfo.N2Info, NetworkInfo.N3Info, NetworkInfo.N4Info })
        {
            string row = MeasureRow(network);
            Console.WriteLine(row);
            table.AppendLine(row);
        }

        return table.ToString();
    }

    private static string MeasureRow(NetworkInfo network)
    {
        var parameters = new float[network.ParameterCount];
        network.Initialize(parameters);
        var weights = new AlignedFloats(network.ParameterCount);
        bool packed = network.PackParameters is not null;
        if (packed)
        {
            network.PackParameters!(parameters, weights);
        }
        else
        {
            parameters.CopyTo(weights.Span);
        }

        var random = new Random(1);
        float[] inputs = Enumerable.Range(0, Batch * network.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        var outputs = new float[Batch * network.OutputSize];
        var peerOutputs = new float[Batch * network.OutputSize];
        using var model = new MemoryStream();
        network.ToOnnx(parameters, model);
        using var ort = new OrtPeer(model.ToArray(), inputs, [Batch, .. network.SampleShape.Select(d => (long)d)], peerOutputs, [Batch, network.OutputSize]);
        Action staticNet = Forward(network.Name, weights, inputs, outputs, packed);

        // Warm both up past the JIT's tiers and ONNX Runtime's first runs, then find how many calls fill a round.
        long staticCalls = CallsPerRound(staticNet), peerCalls = CallsPerRound(ort.Run);
        var staticTimes = new List<double>();
        var peerTimes = new List<double>();
        for (int pair = 0; pair < Pairs; pair++)
        {
            staticTimes.Add(Time(staticNet, staticCalls));
            peerTimes.Add(Time(ort.Run, peerCalls));
        }

        double[] ratios = peerTimes.Zip(staticTimes, (peer, own) => peer / own).Order().ToArray();
        string path = packed ? "`ForwardBatchPacked`" : "`ForwardBatch`";
        return $"| {network.Name} | {path} | {Format(Median(staticTimes))} | {Format(Median(peerTimes))} | "
            + $"{Ratio(Median(ratios))}x ({Ratio(ratios[0])}-{Ratio(ratios[^1])}) | {Format(staticTimes.Min())}-{Format(staticTimes.Max())} |";
    }

    /// <summary>The generated batch method a user calls for this network on one thread: the packed one where there is one.</summary>
    private static Action Forward(string name, AlignedFloats weights, float[] inputs, float[] outputs, bool packed) => (name, packed) switch
    {
        (nameof(N1), true) => () => N1.ForwardBatchPacked(weights.Span, inputs, outputs),
        (nameof(N2), true) => () => N2.ForwardBatchPacked(weights.Span, inputs, outputs),
        (nameof(N3), true) => () => N3.ForwardBatchPacked(weights.Span, inputs, outputs),
        (nameof(N4), false) => () => N4.ForwardBatch(weights.Span, inputs, outputs),
        _ => throw new ArgumentException($"No batch method listed for {name} ({(packed ? "packed" : "unpacked")})."),
    };

    private static long CallsPerRound(Action call)
    {
        var watch = Stopwatch.StartNew();
        long calls = 0;
        while (watch.Elapsed < TimeSpan.FromMilliseconds(400))
        {
            call();
            calls++;
        }

        return Math.Max(1, (long)(calls * Round.TotalMilliseconds / watch.Elapsed.TotalMilliseconds));
    }

    /// <summary>Microseconds per call over <paramref name="calls"/> calls.</summary>
    private static double Time(Action call, long calls)
    {
        var watch = Stopwatch.StartNew();
        for (long i = 0; i < calls; i++)
        {
            call();
        }

        return watch.Elapsed.TotalMicroseconds / calls;
    }

    /// <summary>The middle of the <see cref="Pairs"/> values (an odd count).</summary>
    private static double Median(IEnumerable<double> values) => values.Order().ElementAt(Pairs / 2);

    private static string Format(double microseconds) => ResultsReport.Time(microseconds * 1000);

    private static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);
}
