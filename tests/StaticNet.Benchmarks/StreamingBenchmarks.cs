using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

/// <summary>
/// One streaming step (one audio sample in, one out, the recurrent state carried): StaticNet's generated <c>Step</c>
/// (and <c>StepPacked</c> on the copy <c>PackParameters</c> makes) against ONNX Runtime running <c>ToOnnxStep</c>'s model and TorchSharp's modules. Each call advances the state, as a
/// stream does; the input sample stays the same, which no peer can exploit.
/// </summary>
public abstract class StreamingBenchmark
{
    protected float[] parameters;

    /// <summary>The parameters and their packed copy from 64-byte boundaries, for StaticNet's rows (see NetworkBenchmark).</summary>
    protected AlignedFloats alignedParameters;
    protected AlignedFloats packed;
    protected float[] state;
    protected readonly float[] input = [0.25f];
    protected readonly float[] output = new float[1];
    private OrtStepPeer ort;
    private TorchStepPeer torch;

    protected abstract int ParameterCount { get; }

    protected abstract int StateCount { get; }

    protected abstract bool IsLstm { get; }

    protected abstract int Hidden { get; }

    protected abstract void Initialize(float[] parameters);

    protected abstract void ToOnnxStep(float[] parameters, Stream stream);

    protected abstract void PackParameters(float[] parameters, Span<float> packed);

    [GlobalSetup]
    public void Setup()
    {
        parameters = new float[ParameterCount];
        Initialize(parameters);
        alignedParameters = new AlignedFloats(ParameterCount);
        parameters.CopyTo(alignedParameters.Span);
        packed = new AlignedFloats(ParameterCount);
        PackParameters(parameters, packed.Span);
        state = new float[StateCount];
        using var model = new MemoryStream();
        ToOnnxStep(parameters, model);
        ort = new OrtStepPeer(model.ToArray(), input, new float[1], StateCount);
        torch = new TorchStepPeer(IsLstm, Hidden, parameters, input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ort.Dispose();
        torch.Dispose();
    }

    [Benchmark(Description = "ONNX Runtime")]
    public void OnnxRuntime() => ort.Step();

    [Benchmark(Description = "TorchSharp")]
    public void TorchSharp() => torch.Step(output);
}

public class S1Step : StreamingBenchmark
{
    protected override int ParameterCount => S1.ParameterCount;

    protected override int StateCount => S1.StreamStateCount;

    protected override bool IsLstm => false;

    protected override int Hidden => 8;

    protected override void Initialize(float[] parameters) => S1.Initialize(parameters, 1);

    protected override void ToOnnxStep(float[] parameters, Stream stream) => S1.ToOnnxStep(parameters, stream);

    protected override void PackParameters(float[] parameters, Span<float> packed) => S1.PackParameters(parameters, packed);

    [Benchmark(Baseline = true)]
    public void StaticNet() => S1.Step(alignedParameters.Span, state, input, output);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => S1.StepPacked(packed.Span, state, input, output);
}

public class S2Step : StreamingBenchmark
{
    protected override int ParameterCount => S2.ParameterCount;

    protected override int StateCount => S2.StreamStateCount;

    protected override bool IsLstm => true;

    protected override int Hidden => 16;

    protected override void Initialize(float[] parameters) => S2.Initialize(parameters, 1);

    protected override void ToOnnxStep(float[] parameters, Stream stream) => S2.ToOnnxStep(parameters, stream);

    protected override void PackParameters(float[] parameters, Span<float> packed) => S2.PackParameters(parameters, packed);

    [Benchmark(Baseline = true)]
    public void StaticNet() => S2.Step(alignedParameters.Span, state, input, output);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => S2.StepPacked(packed.Span, state, input, output);
}

/// <summary>
/// 1,024 independent streams of one network (game agents, voices, sensor channels) advanced by one step each:
/// <c>StepBatch</c> on one thread (the baseline) and on every core, against a <c>Step</c> call per stream. Every row
/// leaves each stream the same bits.
/// </summary>
public abstract class ManyStreamsBenchmark
{
    protected const int Streams = 1024;

    protected AlignedFloats parameters;   // from a 64-byte boundary, as the other streaming rows' (see StreamingBenchmark)
    protected float[] states;
    protected float[] inputs;
    protected float[] outputs;

    protected abstract int ParameterCount { get; }

    protected abstract int StateCount { get; }

    protected abstract void Initialize(Span<float> parameters);

    protected abstract void Step(Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    protected abstract void StepBatch();

    [GlobalSetup]
    public void Setup()
    {
        parameters = new AlignedFloats(ParameterCount);
        Initialize(parameters.Span);
        states = new float[Streams * StateCount];
        var random = new Random(1);
        inputs = Enumerable.Range(0, Streams).Select(_ => (float)((2 * random.NextDouble()) - 1)).ToArray();
        outputs = new float[Streams];
    }

    [Benchmark(Baseline = true)]
    public void StaticNet()
    {
        Parallelism.MaxThreads = 1;
        StepBatch();
    }

    [Benchmark(Description = "StaticNet all cores")]
    public void AllCores()
    {
        Parallelism.MaxThreads = Environment.ProcessorCount;
        StepBatch();
    }

    [Benchmark(Description = "1,024 Step calls")]
    public void StepCalls()
    {
        int size = StateCount;
        for (int stream = 0; stream < Streams; stream++)
        {
            Step(states.AsSpan(stream * size, size), inputs.AsSpan(stream, 1), outputs.AsSpan(stream, 1));
        }
    }
}

public class S1Streams : ManyStreamsBenchmark
{
    protected override int ParameterCount => S1.ParameterCount;

    protected override int StateCount => S1.StreamStateCount;

    protected override void Initialize(Span<float> parameters) => S1.Initialize(parameters, 1);

    protected override void Step(Span<float> state, ReadOnlySpan<float> input, Span<float> output) => S1.Step(parameters.Span, state, input, output);

    protected override void StepBatch() => S1.StepBatch(parameters.Span, states, inputs, outputs);
}

public class S2Streams : ManyStreamsBenchmark
{
    protected override int ParameterCount => S2.ParameterCount;

    protected override int StateCount => S2.StreamStateCount;

    protected override void Initialize(Span<float> parameters) => S2.Initialize(parameters, 1);

    protected override void Step(Span<float> state, ReadOnlySpan<float> input, Span<float> output) => S2.Step(parameters.Span, state, input, output);

    protected override void StepBatch() => S2.StepBatch(parameters.Span, states, inputs, outputs);
}
