namespace StaticNet.Training;

/// <summary>
/// AdamW (<c>torch.optim.AdamW</c>): Adam with decoupled weight decay, <c>p *= 1 - lr * WeightDecay</c>
/// before the Adam step, so the decay is not scaled by the adaptive denominator. Weight decay
/// defaults to 0.01, as in PyTorch.
/// </summary>
public sealed class AdamW : Adam
{
    /// <summary>Creates AdamW for <paramref name="parameterCount"/> parameters.</summary>
    public AdamW(int parameterCount, float learningRate = 1e-3f, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
        : base(parameterCount, learningRate, beta1, beta2, epsilon)
    {
        WeightDecay = 0.01f;
    }

    private protected override bool DecoupledDecay => true;
}
