using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Training;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening and Nesterov momentum, exactly as
/// <c>torch.optim.SGD</c>: <c>b = g</c> on the first step, then <c>b = μ b + (1 - dampening) g</c>;
/// the step uses <c>b</c>, or <c>g + μ b</c> with Nesterov; <c>p -= lr * step</c>.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float[] velocity;

    /// <summary>Creates SGD for <paramref name="parameterCount"/> parameters.</summary>
    public Sgd(int parameterCount, float learningRate, float momentum = 0f, bool nesterov = false, float dampening = 0f)
        : base(parameterCount, learningRate)
    {
        if (nesterov && (momentum <= 0f || dampening != 0f))
        {
            throw new ArgumentException("Nesterov momentum needs a positive momentum and zero dampening, as in PyTorch.", nameof(nesterov));
        }

        Momentum = momentum;
        Nesterov = nesterov;
        Dampening = dampening;
        velocity = NewState();
    }

    /// <summary>The momentum factor μ (0 for plain SGD).</summary>
    public float Momentum { get; }

    /// <summary>Whether the step looks ahead along the momentum (Nesterov).</summary>
    public bool Nesterov { get; }

    /// <summary>Dampening of the gradient's contribution to the momentum.</summary>
    public float Dampening { get; }

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(velocity);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        var rule = new Rule(this);
        ParameterUpdate.Run(parameters, gradients, ref rule);
    }

    private readonly struct Rule(Sgd sgd) : IParameterUpdate
    {
        private readonly float[] velocity = sgd.velocity;
        private readonly float learningRate = sgd.LearningRate;
        private readonly float weightDecay = sgd.WeightDecay;
        private readonly float l1 = sgd.L1;
        private readonly float momentum = sgd.Momentum;
        private readonly float dampening = sgd.Dampening;
        private readonly bool nesterov = sgd.Nesterov;
        private readonly bool firstStep = sgd.Steps == 1;

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call per vector took most of the step's time
        public void Apply(ref Vector<float> parameter, Vector<float> gradient, int offset)
        {
            Vector<float> step = Penalised(gradient, parameter, weightDecay, l1);
            if (momentum != 0f)
            {
                ref Vector<float> buffer = ref ParameterUpdate.State(velocity, offset);
                buffer = firstStep ? step : (buffer * momentum) + (step * (1f - dampening));
                step = nesterov ? step + (buffer * momentum) : buffer;
            }

            parameter -= step * learningRate;
        }
    }
}
