using System;

namespace StaticNet.Training;

/// <summary>The learning rate for each epoch, from the optimizer's initial rate.</summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate for zero-based <paramref name="epoch"/>.</summary>
    public abstract float RateAt(int epoch, float initialRate);
}

/// <summary>Multiplies the rate by <c>Gamma</c> every <c>StepSize</c> epochs (PyTorch's <c>StepLR</c>).</summary>
public sealed class StepDecay(int stepSize, float gamma = 0.1f) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override float RateAt(int epoch, float initialRate) => initialRate * MathF.Pow(gamma, epoch / stepSize);
}

/// <summary>
/// Cosine annealing from the initial rate to <c>minimum</c> over <c>period</c> epochs (PyTorch's
/// <c>CosineAnnealingLR</c>, closed form): <c>min + (initial - min)(1 + cos(π epoch / period)) / 2</c>.
/// </summary>
public sealed class CosineDecay(int period, float minimum = 0f) : LearningRateSchedule
{
    /// <inheritdoc/>
    public override float RateAt(int epoch, float initialRate) =>
        minimum + ((initialRate - minimum) * (1f + MathF.Cos(MathF.PI * Math.Min(epoch, period) / period)) / 2f);
}
