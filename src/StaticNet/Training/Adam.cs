using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace StaticNet.Training;

/// <summary>
/// Adam (<c>torch.optim.Adam</c>): moments <c>m = β1 m + (1 - β1) g</c> and <c>v = β2 v + (1 - β2) g²</c>,
/// then <c>p -= (lr / (1 - β1^t)) m / (sqrt(v) / sqrt(1 - β2^t) + ε)</c>. <see cref="Optimizer.WeightDecay"/>
/// is an L2 penalty added to the gradient; for decoupled decay use <see cref="AdamW"/>.
/// </summary>
public class Adam : Optimizer
{
    private readonly float[] firstMoment;
    private readonly float[] secondMoment;

    /// <summary>Creates Adam for <paramref name="parameterCount"/> parameters.</summary>
    public Adam(int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : base(parameterCount, learningRate)
    {
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        firstMoment = NewState();
        secondMoment = NewState();
    }

    /// <summary>Decay of the first moment.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment.</summary>
    public float Beta2 { get; }

    /// <summary>Added to the denominator for stability.</summary>
    public float Epsilon { get; }

    /// <summary>Whether weight decay acts on the parameters directly (AdamW) instead of through the gradient.</summary>
    private protected virtual bool DecoupledDecay => false;

    /// <inheritdoc/>
    public override void Reset()
    {
        base.Reset();
        Array.Clear(firstMoment);
        Array.Clear(secondMoment);
    }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        var rule = new Rule(this);
        ParameterUpdate.Run(parameters, gradients, ref rule);
    }

    private readonly struct Rule : IParameterUpdate
    {
        private readonly float[] m;
        private readonly float[] v;
        private readonly float beta1;
        private readonly float beta2;
        private readonly float epsilon;
        private readonly float stepSize;
        private readonly float inverseRootCorrection2;
        private readonly float coupledDecay;
        private readonly float decayFactor;
        private readonly float l1;

        public Rule(Adam adam)
        {
            m = adam.firstMoment;
            v = adam.secondMoment;
            beta1 = adam.Beta1;
            beta2 = adam.Beta2;
            epsilon = adam.Epsilon;
            double correction1 = 1.0 - Math.Pow(adam.Beta1, adam.Steps);
            double correction2 = 1.0 - Math.Pow(adam.Beta2, adam.Steps);
            stepSize = (float)(adam.LearningRate / correction1);
            inverseRootCorrection2 = (float)(1.0 / Math.Sqrt(correction2));
            coupledDecay = adam.DecoupledDecay ? 0f : adam.WeightDecay;
            decayFactor = adam.DecoupledDecay ? 1f - (adam.LearningRate * adam.WeightDecay) : 1f;
            l1 = adam.L1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)] // a call per vector took most of the step's time
        public void Apply(ref Vector<float> parameter, Vector<float> gradient, int offset)
        {
            Vector<float> g = Penalised(gradient, parameter, coupledDecay, l1);
            parameter *= decayFactor;
            ref Vector<float> mean = ref ParameterUpdate.State(m, offset);
            ref Vector<float> square = ref ParameterUpdate.State(v, offset);
            mean = (mean * beta1) + (g * (1f - beta1));
            square = (square * beta2) + (g * g * (1f - beta2));
            Vector<float> denominator = (Vector.SquareRoot(square) * inverseRootCorrection2) + new Vector<float>(epsilon);
            parameter -= mean / denominator * stepSize;
        }
    }
}
