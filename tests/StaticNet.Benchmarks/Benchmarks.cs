using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

// One class per network and scenario, so that the StaticNet baseline calls the generated static methods
// directly, as an application does: no delegate or virtual call in the measured path.

public class N1Latency : InferenceBenchmark
{
    protected override int Batch => 1;

    protected override NetworkInfo Network => NetworkInfo.N1Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N1.Forward(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N1.ForwardPacked(packed.Span, inputs, outputs);
}

public class N2Latency : InferenceBenchmark
{
    protected override int Batch => 1;

    protected override NetworkInfo Network => NetworkInfo.N2Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N2.Forward(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N2.ForwardPacked(packed.Span, inputs, outputs);
}

public class N3Latency : InferenceBenchmark
{
    protected override int Batch => 1;

    protected override NetworkInfo Network => NetworkInfo.N3Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N3.Forward(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N3.ForwardPacked(packed.Span, inputs, outputs);
}

public class N4Latency : InferenceBenchmark
{
    protected override int Batch => 1;

    protected override NetworkInfo Network => NetworkInfo.N4Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N4.Forward(alignedParameters.Span, inputs, outputs);
}

public class N1Throughput : InferenceBenchmark
{
    protected override int Batch => 64;

    protected override NetworkInfo Network => NetworkInfo.N1Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N1.ForwardBatch(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N1.ForwardBatchPacked(packed.Span, inputs, outputs);

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        N1.ForwardBatch(alignedParameters.Span, inputs, outputs);
    }
}

public class N2Throughput : InferenceBenchmark
{
    protected override int Batch => 64;

    protected override NetworkInfo Network => NetworkInfo.N2Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N2.ForwardBatch(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N2.ForwardBatchPacked(packed.Span, inputs, outputs);

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        N2.ForwardBatch(alignedParameters.Span, inputs, outputs);
    }
}

public class N3Throughput : InferenceBenchmark
{
    protected override int Batch => 64;

    protected override NetworkInfo Network => NetworkInfo.N3Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N3.ForwardBatch(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = "StaticNet packed")]
    public void StaticNetPacked() => N3.ForwardBatchPacked(packed.Span, inputs, outputs);

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        N3.ForwardBatch(alignedParameters.Span, inputs, outputs);
    }
}

public class N4Throughput : InferenceBenchmark
{
    protected override int Batch => 64;

    protected override NetworkInfo Network => NetworkInfo.N4Info;

    [Benchmark(Baseline = true)]
    public void StaticNet() => N4.ForwardBatch(alignedParameters.Span, inputs, outputs);

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        N4.ForwardBatch(alignedParameters.Span, inputs, outputs);
    }
}

public class N1Training : TrainingBenchmark
{
    protected override NetworkInfo Network => NetworkInfo.N1Info;

    [Benchmark(Baseline = true)]
    public void StaticNet()
    {
        Array.Clear(gradients);
        N1.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
        sgd.Step(parameters, gradients);
    }

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        StaticNet();
    }
}

public class N2Training : TrainingBenchmark
{
    protected override NetworkInfo Network => NetworkInfo.N2Info;

    [Benchmark(Baseline = true)]
    public void StaticNet()
    {
        Array.Clear(gradients);
        N2.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
        sgd.Step(parameters, gradients);
    }

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        StaticNet();
    }
}

public class N3Training : TrainingBenchmark
{
    protected override NetworkInfo Network => NetworkInfo.N3Info;

    [Benchmark(Baseline = true)]
    public void StaticNet()
    {
        Array.Clear(gradients);
        N3.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
        sgd.Step(parameters, gradients);
    }

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        StaticNet();
    }
}

public class N4Training : TrainingBenchmark
{
    protected override NetworkInfo Network => NetworkInfo.N4Info;

    [Benchmark(Baseline = true)]
    public void StaticNet()
    {
        Array.Clear(gradients);
        N4.BackwardBatch(parameters, inputs, targets, gradients, Span<float>.Empty);
        sgd.Step(parameters, gradients);
    }

    [Benchmark(Description = AllCoresName)]
    public void StaticNetAllCores()
    {
        UseAllCores();
        StaticNet();
    }
}
