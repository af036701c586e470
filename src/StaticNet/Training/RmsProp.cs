using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Training;

/// <summary>
/// RMSProp (<c>torch.optim.RMSprop</c>): <c>v = α v + (1 - α) g²</c>, optionally centred by the running
/// mean gradient, then <c>p -= lr g / (sqrt(v) + ε)</c>, through a momentum buffer when momentum is set.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float[] square;
    private readonly float[] mean;
    private readonly float[] velocity;

    /// <summary>Creates RMSProp for <paramref name="parameterCount"/> parameters.</summary>
    public RmsProp(int parameterCount, float learningRate = 1e-2f, float alpha = 0.99f, float epsilon = 1e-8f, float momentum = 0f, bool centered = false)
        : base(parameterCount, learningRate)
    {
        Alpha = alpha;
        Epsilon = epsilon;
        Momentum = momentum;
        Centered = centered;
        square = NewState();
        mean = centered ? NewState() : [];
        velocity = momentum != 0f ? NewState() : [];
    }

    /// <summary>Decay of the running mean square.</summary>
    public float Alpha { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public float Epsilon { get; }

    /// <summary>Momentum factor (0 for none).</summary>
    public float Momentum { get; }

    /// <summary>Whether the mean square is centred by the running mean gradient.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(square);
        Array.Clear(mean);
        Array.Clear(velocity);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        var rule = new Rule(this);
        ParameterUpdate.Run(parameters, gradients, ref rule);
    }

    private readonly struct Rule(RmsProp rms) : IParameterUpdate
    {
        private readonly RmsProp optimizer = rms;
        private readonly float learningRate = rms.LearningRate;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call per vector took most of the step's time
        public void Apply(ref Vector<float> parameter, Vector<float> gradient, int offset)
        {
            RmsProp o = optimizer;
            Vector<float> g = Penalised(gradient, parameter, o.WeightDecay, o.L1);
            ref Vector<float> v = ref ParameterUpdate.State(o.square, offset);
            v = (v * o.Alpha) + (g * g * (1f - o.Alpha));
            Vector<float> variance = v;
            if (o.Centered)
            {
                ref Vector<float> average = ref ParameterUpdate.State(o.mean, offset);
                average = (average * o.Alpha) + (g * (1f - o.Alpha));
                variance -= average * average;
            }

            Vector<float> step = g / (Vector.SquareRoot(variance) + new Vector<float>(o.Epsilon));
            if (o.Momentum != 0f)
            {
                ref Vector<float> buffer = ref ParameterUpdate.State(o.velocity, offset);
                buffer = (buffer * o.Momentum) + step;
                step = buffer;
            }

            parameter -= step * learningRate;
        }
    }
}
