using System;

namespace StaticNet;

/// <summary>
/// A fully connected layer: <c>y = activation(W x + b)</c> with <c>W</c> of shape
/// <c>[units, inputs]</c>. Its input must be flat (use <see cref="FlattenAttribute"/> after images).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute : LayerAttribute
{
    /// <summary>Declares a dense layer.</summary>
    /// <param name="units">The number of outputs.</param>
    /// <param name="activation">The activation applied to each output.</param>
    public DenseAttribute(int units, Activation activation = Activation.Identity)
    {
        Units = units;
        Activation = activation;
    }

    /// <summary>The number of outputs.</summary>
    public int Units { get; }

    /// <summary>The activation applied to each output.</summary>
    public Activation Activation { get; }

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01, as in PyTorch.</summary>
    public float Slope { get; set; } = 0.01f;

    /// <summary>
    /// Optional: the number of inputs this layer expects. When set, the generator reports an error
    /// if the previous layer's output has another size.
    /// </summary>
    public int InputSize { get; set; }

    /// <summary>
    /// Whether the layer adds a learned bias. Default true; false leaves out the bias tensor (PyTorch's
    /// <c>bias=False</c>), as for a layer followed by batch normalisation, whose beta takes the bias's place.
    /// </summary>
    public bool Bias { get; set; } = true;

    /// <summary>
    /// The name of an earlier layer of the same kind and shape whose weight and bias this layer uses: it adds no
    /// parameters, and the shared tensors' gradients are the sums over their uses (a Siamese pair's one encoder).
    /// </summary>
    public string? Shares { get; set; }

    /// <summary>
    /// The name of an earlier dense layer whose weight, transposed, is this layer's (its inputs are that layer's units
    /// and its units that layer's inputs): a tied autoencoder's decoder. Its bias is its own.
    /// </summary>
    public string? TransposeOf { get; set; }
}
