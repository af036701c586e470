using System;
using BenchmarkDotNet.Attributes;

namespace StaticNet.Benchmarks;

// The measurement behind [Network(Unroll)]'s default: the same layer unrolled (Unroll = large) and looped
// through the SIMD kernels (Unroll = 0), Forward and Backward. Run with: run.sh '*UnrollThreshold*'.

[Network(Unroll = 100000)] [Input(4)] [Dense(8, Activation.ReLU)] [Dense(1)]
public partial class Relu32Unrolled { }

[Network(Unroll = 0)] [Input(4)] [Dense(8, Activation.ReLU)] [Dense(1)]
public partial class Relu32Looped { }

[Network(Unroll = 100000)] [Input(8)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu128Unrolled { }

[Network(Unroll = 0)] [Input(8)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu128Looped { }

[Network(Unroll = 100000)] [Input(12)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu192Unrolled { }

[Network(Unroll = 0)] [Input(12)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu192Looped { }

[Network(Unroll = 100000)] [Input(16)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu256Unrolled { }

[Network(Unroll = 0)] [Input(16)] [Dense(16, Activation.ReLU)] [Dense(1)]
public partial class Relu256Looped { }

[Network(Unroll = 100000)] [Input(8)] [Dense(16, Activation.Tanh)] [Dense(1)]
public partial class Tanh128Unrolled { }

[Network(Unroll = 0)] [Input(8)] [Dense(16, Activation.Tanh)] [Dense(1)]
public partial class Tanh128Looped { }

public class UnrollThreshold
{
    private readonly float[] parameters = new float[Relu256Looped.ParameterCount];
    private readonly float[] gradients = new float[Relu256Looped.ParameterCount];
    private readonly float[] input = [0.1f, -0.2f, 0.3f, 0.4f, -0.5f, 0.6f, 0.7f, -0.8f, 0.9f, 0.1f, 0.2f, -0.3f, 0.4f, 0.5f, 0.6f, -0.7f];
    private readonly float[] output = new float[1];

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = ((i % 7) * 0.05f) - 0.15f;
        }
    }

    [Benchmark] public void Relu32ForwardUnrolled() => Relu32Unrolled.Forward(parameters.AsSpan(0, Relu32Unrolled.ParameterCount), input.AsSpan(0, 4), output);

    [Benchmark] public void Relu32ForwardLooped() => Relu32Looped.Forward(parameters.AsSpan(0, Relu32Looped.ParameterCount), input.AsSpan(0, 4), output);

    [Benchmark] public float Relu32BackwardUnrolled() => Relu32Unrolled.Backward(parameters.AsSpan(0, Relu32Unrolled.ParameterCount), input.AsSpan(0, 4), output, gradients.AsSpan(0, Relu32Unrolled.ParameterCount), default);

    [Benchmark] public float Relu32BackwardLooped() => Relu32Looped.Backward(parameters.AsSpan(0, Relu32Looped.ParameterCount), input.AsSpan(0, 4), output, gradients.AsSpan(0, Relu32Looped.ParameterCount), default);

    [Benchmark] public void Relu128ForwardUnrolled() => Relu128Unrolled.Forward(parameters.AsSpan(0, Relu128Unrolled.ParameterCount), input.AsSpan(0, 8), output);

    [Benchmark] public void Relu128ForwardLooped() => Relu128Looped.Forward(parameters.AsSpan(0, Relu128Looped.ParameterCount), input.AsSpan(0, 8), output);

    [Benchmark] public float Relu128BackwardUnrolled() => Relu128Unrolled.Backward(parameters.AsSpan(0, Relu128Unrolled.ParameterCount), input.AsSpan(0, 8), output, gradients.AsSpan(0, Relu128Unrolled.ParameterCount), default);

    [Benchmark] public float Relu128BackwardLooped() => Relu128Looped.Backward(parameters.AsSpan(0, Relu128Looped.ParameterCount), input.AsSpan(0, 8), output, gradients.AsSpan(0, Relu128Looped.ParameterCount), default);

    [Benchmark] public void Relu192ForwardUnrolled() => Relu192Unrolled.Forward(parameters.AsSpan(0, Relu192Unrolled.ParameterCount), input.AsSpan(0, 12), output);

    [Benchmark] public void Relu192ForwardLooped() => Relu192Looped.Forward(parameters.AsSpan(0, Relu192Looped.ParameterCount), input.AsSpan(0, 12), output);

    [Benchmark] public float Relu192BackwardUnrolled() => Relu192Unrolled.Backward(parameters.AsSpan(0, Relu192Unrolled.ParameterCount), input.AsSpan(0, 12), output, gradients.AsSpan(0, Relu192Unrolled.ParameterCount), default);

    [Benchmark] public float Relu192BackwardLooped() => Relu192Looped.Backward(parameters.AsSpan(0, Relu192Looped.ParameterCount), input.AsSpan(0, 12), output, gradients.AsSpan(0, Relu192Looped.ParameterCount), default);

    [Benchmark] public void Relu256ForwardUnrolled() => Relu256Unrolled.Forward(parameters.AsSpan(0, Relu256Unrolled.ParameterCount), input.AsSpan(0, 16), output);

    [Benchmark] public void Relu256ForwardLooped() => Relu256Looped.Forward(parameters.AsSpan(0, Relu256Looped.ParameterCount), input.AsSpan(0, 16), output);

    [Benchmark] public float Relu256BackwardUnrolled() => Relu256Unrolled.Backward(parameters.AsSpan(0, Relu256Unrolled.ParameterCount), input.AsSpan(0, 16), output, gradients.AsSpan(0, Relu256Unrolled.ParameterCount), default);

    [Benchmark] public float Relu256BackwardLooped() => Relu256Looped.Backward(parameters.AsSpan(0, Relu256Looped.ParameterCount), input.AsSpan(0, 16), output, gradients.AsSpan(0, Relu256Looped.ParameterCount), default);

    [Benchmark] public void Tanh128ForwardUnrolled() => Tanh128Unrolled.Forward(parameters.AsSpan(0, Tanh128Unrolled.ParameterCount), input.AsSpan(0, 8), output);

    [Benchmark] public void Tanh128ForwardLooped() => Tanh128Looped.Forward(parameters.AsSpan(0, Tanh128Looped.ParameterCount), input.AsSpan(0, 8), output);
}
