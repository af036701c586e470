using System;
using BenchmarkDotNet.Attributes;
using StaticNet.Training;

namespace StaticNet.Benchmarks;

/// <summary>
/// Where splitting a batch over every core starts to pay: N2's and N4's <c>ForwardBatch</c> and SGD training step
/// (<c>BackwardBatch</c> then <c>Sgd.Step</c>) over growing batches, on one thread and on all. The smallest batch at
/// which the all-cores row wins is the crossover the benchmark README reports.
/// </summary>
public class CoreScaling
{
    private Action forward = () => { };
    private Action train = () => { };

    [Params("N2", "N4")]
    public string Network { get; set; } = "N2";

    [Params(2, 4, 8, 16, 32, 64, 256)]
    public int Batch { get; set; }

    [Params(false, true)]
    public bool AllCores { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Parallelism.MaxThreads = AllCores ? Environment.ProcessorCount : 1;
        NetworkInfo info = Network == "N2" ? NetworkInfo.N2Info : NetworkInfo.N4Info;
        var parameters = new float[info.ParameterCount];
        info.Initialize(parameters);
        var gradients = new float[info.ParameterCount];
        var random = new Random(1);
        var inputs = new float[Batch * info.InputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = (float)random.NextDouble();
        }

        var targets = new float[Batch * info.OutputSize];
        for (int sample = 0; sample < Batch; sample++)
        {
            targets[(sample * info.OutputSize) + random.Next(info.OutputSize)] = 1f;
        }

        var outputs = new float[Batch * info.OutputSize];
        var sgd = new Sgd(info.ParameterCount, learningRate: 0.01f);
        if (Network == "N2")
        {
            forward = () => N2.ForwardBatch(parameters, inputs, outputs);
            train = () =>
            {
                Array.Clear(gradients);
                N2.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
                sgd.Step(parameters, gradients);
            };
        }
        else
        {
            forward = () => N4.ForwardBatch(parameters, inputs, outputs);
            train = () =>
            {
                Array.Clear(gradients);
                N4.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
                sgd.Step(parameters, gradients);
            };
        }
    }

    [Benchmark]
    public void ForwardBatch() => forward();

    [Benchmark]
    public void TrainingStep() => train();
}
