using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using StaticNet.Runtime;

namespace StaticNet.Training;

/// <summary>
/// Updates a network's flat parameters from their (mean) gradients. Optimizers own their state
/// (moments, velocities), sized once at construction, so <see cref="Step"/> never allocates.
/// </summary>
public abstract class Optimizer
{
    private float learningRate;
    private float weightDecay;
    private float l1;

    /// <summary>Creates an optimizer for <paramref name="parameterCount"/> parameters.</summary>
    protected Optimizer(int parameterCount, float learningRate)
    {
        if (parameterCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterCount), parameterCount, "Must be positive.");
        }

        ParameterCount = parameterCount;
        LearningRate = learningRate;
    }

    /// <summary>The number of parameters this optimizer updates.</summary>
    public int ParameterCount { get; }

    /// <summary>The step size: zero or positive, and finite. Learning-rate schedules change it between epochs.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is negative, NaN or infinite: such a step would climb the loss or destroy the parameters.</exception>
    public float LearningRate
    {
        get => learningRate;
        set => learningRate = NonNegative(value, nameof(LearningRate));
    }

    /// <summary>
    /// Weight decay. For <see cref="Sgd"/>, <see cref="Adam"/> and <see cref="RmsProp"/> it is an L2
    /// penalty: <c>WeightDecay * p</c> is added to the gradient, as in PyTorch. <see cref="AdamW"/>
    /// decays the parameters directly instead.
    /// </summary>
    public float WeightDecay
    {
        get => weightDecay;
        init => weightDecay = NonNegative(value, nameof(WeightDecay));
    }

    /// <summary>An L1 penalty: <c>L1 * sign(p)</c> is added to the gradient.</summary>
    public float L1
    {
        get => l1;
        init => l1 = NonNegative(value, nameof(L1));
    }

    /// <summary>How many steps have been taken.</summary>
    public long Steps { get; private set; }

    /// <summary>Takes one step: updates <paramref name="parameters"/> in place from <paramref name="gradients"/>.</summary>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        SpanGuard.Length(parameters.Length, ParameterCount, nameof(parameters));
        SpanGuard.Length(gradients.Length, ParameterCount, nameof(gradients));
        Steps++;
        Update(parameters, gradients);
    }

    /// <summary>Throws unless <paramref name="value"/> is zero or positive and finite.</summary>
    private static float NonNegative(float value, string name) =>
        float.IsFinite(value) && value >= 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be zero or positive and finite.");

    /// <summary>Forgets all state, as if no step had been taken.</summary>
    public virtual void Reset() => Steps = 0;

    /// <summary>Applies this optimizer's rule; <see cref="Steps"/> already counts this step.</summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>The gradient with the L2 and L1 penalties added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private protected static Vector<float> Penalised(Vector<float> gradient, Vector<float> parameter, float weightDecay, float l1) =>
        gradient + (parameter * weightDecay) + (ParameterUpdate.Sign(parameter) * l1);

    /// <summary>State for every parameter, rounded up to whole vectors.</summary>
    private protected float[] NewState() => new float[ParameterUpdate.PaddedLength(ParameterCount)];
}
