using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using StaticNet.Training;

namespace StaticNet.Benchmarks;

/// <summary>
/// What every benchmark of one network shares: its parameters (from StaticNet's initialiser, copied to
/// every peer), and a batch of inputs and targets. Each concrete class adds the StaticNet benchmark as
/// the baseline, calling the network's generated code directly, so ratios read "times slower than StaticNet".
/// </summary>
public abstract class NetworkBenchmark
{
    protected float[] parameters;

    /// <summary>
    /// The parameters again, from a 64-byte boundary, for StaticNet's inference rows: as a network object's packed copy is
    /// and as the README advises for real-time paths. From a <c>float[]</c> the times moved 1.5x between processes with
    /// where the allocator happened to put the array.
    /// </summary>
    protected AlignedFloats alignedParameters;
    protected float[] gradients;
    protected float[] inputs;
    protected float[] targets;
    protected float[] outputs;

    /// <summary>Samples per call.</summary>
    protected abstract int Batch { get; }

    protected abstract NetworkInfo Network { get; }

    protected long[] InputShape => [Batch, .. Network.SampleShape.Select(d => (long)d)];

    /// <summary>The rows that split batches over every core (the other StaticNet rows run on one thread, as every peer does).</summary>
    protected const string AllCoresName = "StaticNet all cores";

    /// <summary>
    /// Lets the batch methods use every core. BenchmarkDotNet runs each method in a process of its own, so this
    /// changes only the "all cores" rows; it is a field write, nothing against a microsecond call.
    /// </summary>
    protected static void UseAllCores() => Parallelism.MaxThreads = Environment.ProcessorCount;

    protected void CreateData()
    {
        // Peers run on one thread; so do StaticNet's own rows, but for the "all cores" ones.
        Parallelism.MaxThreads = 1;
        parameters = new float[Network.ParameterCount];
        gradients = new float[Network.ParameterCount];
        Network.Initialize(parameters);
        alignedParameters = new AlignedFloats(Network.ParameterCount);
        parameters.CopyTo(alignedParameters.Span);
        var random = new Random(1);
        inputs = Enumerable.Range(0, Batch * Network.InputSize).Select(_ => (float)random.NextDouble()).ToArray();
        int outputSize = Network.OutputSize;
        targets = new float[Batch * outputSize];
        for (int sample = 0; sample < Batch; sample++)
        {
            if (outputSize == 1)
            {
                targets[sample] = (float)random.NextDouble();
            }
            else
            {
                targets[(sample * outputSize) + random.Next(outputSize)] = 1f;
            }
        }

        outputs = new float[Batch * outputSize];
    }
}

/// <summary>Inference on <see cref="NetworkBenchmark.Batch"/> samples: hand-written C#, ONNX Runtime and TorchSharp.</summary>
public abstract class InferenceBenchmark : NetworkBenchmark
{
    private float[][] sampleInputs;
    private float[][] sampleOutputs;
    private NaiveNetworks naive;
    private OrtPeer ort;
    private TorchPeer torch;

    /// <summary>The parameters as <c>PackParameters</c> writes them, for <c>ForwardPacked</c> (empty where there is none).</summary>
    protected AlignedFloats packed = new(0);

    [GlobalSetup]
    public void Setup()
    {
        CreateData();
        if (Network.PackParameters is { } pack)
        {
            packed = new AlignedFloats(Network.ParameterCount);
            pack(parameters, packed);
        }
        sampleInputs = Enumerable.Range(0, Batch).Select(s => inputs.AsSpan(s * Network.InputSize, Network.InputSize).ToArray()).ToArray();
        sampleOutputs = Enumerable.Range(0, Batch).Select(_ => new float[Network.OutputSize]).ToArray();
        naive = new NaiveNetworks(Network.Name, parameters);
        using var model = new MemoryStream();
        Network.ToOnnx(parameters, model);
        ort = new OrtPeer(model.ToArray(), inputs, InputShape, outputs, [Batch, Network.OutputSize]);
        torch = new TorchPeer(Network.Name, parameters, inputs, InputShape);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        ort.Dispose();
        torch.Dispose();
    }

    /// <summary>Hand-written scalar loops, one sample at a time.</summary>
    [Benchmark(Description = "Naive C#")]
    public void NaiveCSharp()
    {
        for (int sample = 0; sample < Batch; sample++)
        {
            naive.Forward(sampleInputs[sample], sampleOutputs[sample]);
        }
    }

    [Benchmark(Description = "ONNX Runtime")]
    public void OnnxRuntime() => ort.Run();

    [Benchmark(Description = "TorchSharp")]
    public void TorchSharp() => torch.Forward(outputs);
}

/// <summary>One SGD step on a batch of 32: StaticNet's BackwardBatch and Sgd against TorchSharp.</summary>
public abstract class TrainingBenchmark : NetworkBenchmark
{
    protected Sgd sgd;
    private TorchPeer torch;

    protected override int Batch => 32;

    [GlobalSetup]
    public void Setup()
    {
        CreateData();
        sgd = new Sgd(Network.ParameterCount, learningRate: 0.01f);
        torch = new TorchPeer(Network.Name, parameters, inputs, InputShape, targets, [Batch, Network.OutputSize]);
    }

    [GlobalCleanup]
    public void Cleanup() => torch.Dispose();

    [Benchmark(Description = "TorchSharp")]
    public void TorchSharp() => torch.TrainStep();
}
