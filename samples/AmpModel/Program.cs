using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using AmpModel;
using StaticNet.Audio;
using StaticNet.Storage;

// Neural Amp Modeler models (.nam files) run by networks StaticNet compiled: `render` processes audio as the model's
// own C++ core does (load, reset with its prewarm, blocks of 64), `bench` times it, `declare` prints the C# a file of
// another architecture or size needs. Without arguments it renders a tone through each example model.
try
{
    switch (args)
    {
        case ["render", string model, string input, string output, .. string[] options]:
            Render(model, input, output, prewarm: !options.Contains("--no-prewarm"));
            return 0;
        case ["bench", string model]:
            return BenchEachBlockSize(model);
        case ["bench", string model, "--block", string block] when int.TryParse(block, out int size) && size > 0:
            Bench(model, size);
            return 0;
        case ["declare", string model, .. string[] name]:
            Console.Write(NamModel.Load(model).Declaration(name.Length > 0 ? name[0] : "MyAmp"));
            return 0;
        case []:
            Demo();
            return 0;
        default:
            Console.Error.WriteLine("usage: AmpModel render MODEL.nam IN.f32 OUT.f32 [--no-prewarm]");
            Console.Error.WriteLine("       AmpModel bench MODEL.nam [--block N]   (without --block: 64 and 1, each in a process of its own)");
            Console.Error.WriteLine("       AmpModel declare MODEL.nam [ClassName]");
            Console.Error.WriteLine("(.f32: raw little-endian float32 mono samples)");
            return 2;
    }
}
catch (Exception problem) when (problem is WeightFileException or NotSupportedException or IOException)
{
    Console.Error.WriteLine(problem.Message);
    return 1;
}

static void Render(string modelPath, string inputPath, string outputPath, bool prewarm)
{
    float[] input = RawAudio.Read(inputPath);
    var stream = new AmpStream(NamModel.Load(modelPath), blockSize: 64, prewarm);
    float[] output = new float[input.Length];
    for (int start = 0; start < input.Length; start += 64)
    {
        int length = Math.Min(64, input.Length - start);
        stream.Process(input.AsSpan(start, length), output.AsSpan(start, length));
    }

    RawAudio.Write(outputPath, output);
    Console.WriteLine($"{modelPath} ({stream.Model.Summary}, run by {stream.Network.GetType().Name}): {input.Length} samples -> {Path.GetFullPath(outputPath)}");
}

// Each block size is timed in a process of its own, as a host runs one buffer size: in one process the JIT's profile
// of the first size shapes the code the second runs (the LSTM's blocks of 1 took 74-76 ns after blocks of 64, 69 ns
// alone).
static int BenchEachBlockSize(string modelPath)
{
    Console.WriteLine($"{modelPath}: {NamModel.Load(modelPath).Summary}");
    foreach (int block in new[] { 64, 1 })
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(AmpStream).Assembly.Location); // run as `dotnet AmpModel.dll`
        }

        foreach (string argument in new[] { "bench", modelPath, "--block", block.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using Process timing = Process.Start(start)!;
        timing.WaitForExit();
        if (timing.ExitCode != 0)
        {
            return timing.ExitCode;
        }
    }

    return 0;
}

static void Bench(string modelPath, int block)
{
    var stream = new AmpStream(NamModel.Load(modelPath), block);
    float[] signal = Tone(48_000);
    float[] output = new float[block];
    // A second of warm-up first: the JIT compiles the hot methods again, optimised, after they have run a while.
    long warming = Stopwatch.GetTimestamp();
    while (Stopwatch.GetElapsedTime(warming).TotalSeconds < 1)
    {
        stream.Process(signal.AsSpan(0, block), output);
    }

    double best = double.MaxValue;
    for (int round = 0; round < 7; round++)
    {
        long start = Stopwatch.GetTimestamp();
        for (int at = 0; at + block <= signal.Length; at += block)
        {
            stream.Process(signal.AsSpan(at, block), output);
        }

        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / (signal.Length / block * block));
    }

    Console.WriteLine($"blocks of {block,2}: {best,8:F1} ns per sample (best of 7 rounds of one second of audio; real time at 48 kHz is 20,833)");
}

static void Demo()
{
    float[] tone = Tone(4_800);
    foreach (string file in new[] { "lstm.nam", "wavenet.nam", "wavenet_a1_standard.nam" })
    {
        string path = Path.Combine(AppContext.BaseDirectory, "models", file);
        var stream = new AmpStream(NamModel.Load(path));
        float[] output = new float[tone.Length];
        stream.Process(tone, output);
        Console.WriteLine($"{file,-24} {stream.Model.Summary}: a 0.5-peak 110 Hz tone comes out with peak {output.Max(Math.Abs):F3}");
    }

    Console.WriteLine("Commands: render MODEL.nam IN.f32 OUT.f32 | bench MODEL.nam | declare MODEL.nam [ClassName]");
}

/// <summary>A 0.5-peak 110 Hz sine at 48 kHz.</summary>
static float[] Tone(int samples) =>
    Enumerable.Range(0, samples).Select(t => 0.5f * MathF.Sin(2 * MathF.PI * 110 * t / 48_000)).ToArray();
