using System;

namespace StaticNet;

/// <summary>
/// Batch normalisation (PyTorch's <c>nn.BatchNorm1d</c> after a flat layer, <c>nn.BatchNorm2d</c> after a CHW
/// one): each feature or channel is normalised, then scaled by a learned <c>gamma</c> and shifted by a learned
/// <c>beta</c>, then passed through the activation. In training (the generated <c>BackwardBatch</c>) it uses the
/// batch's mean and biased variance and updates the running statistics; everywhere else it uses the running
/// statistics. Those are state, not parameters: they live in the network's state span, saved with the weights.
/// </summary>
/// <remarks>
/// Parameters: <c>gamma</c> then <c>beta</c>, one each per feature or channel. State: running mean then running
/// variance (unbiased, as PyTorch keeps it). Write <c>[Conv2D(8, 3)] [BatchNorm(Activation.ReLU)]</c> for the usual
/// convolution, normalisation, ReLU block.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class BatchNormAttribute : LayerAttribute
{
    /// <summary>Declares a batch normalisation layer.</summary>
    /// <param name="activation">The activation applied after normalising, scaling and shifting.</param>
    public BatchNormAttribute(Activation activation = Activation.Identity) => Activation = activation;

    /// <summary>The activation applied to each output.</summary>
    public Activation Activation { get; }

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01, as in PyTorch.</summary>
    public float Slope { get; set; } = 0.01f;

    /// <summary>
    /// How far each training batch moves the running statistics: <c>running = (1 - momentum) running + momentum batch</c>.
    /// In (0, 1]; default 0.1, as in PyTorch.
    /// </summary>
    public float Momentum { get; set; } = 0.1f;

    /// <summary>Added to the variance before its square root. Positive; default 1e-5, as in PyTorch.</summary>
    public float Epsilon { get; set; } = 1e-5f;
}
