using System;

namespace StaticNet;

/// <summary>
/// A 2-D convolution over a CHW input (cross-correlation, as in PyTorch's <c>nn.Conv2d</c>), with a
/// square kernel, zero padding and one bias per filter. Weight shape
/// <c>[filters, inputChannels, kernel, kernel]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute : LayerAttribute
{
    /// <summary>Declares a convolution layer.</summary>
    /// <param name="filters">The number of output channels.</param>
    /// <param name="kernel">The kernel's height and width.</param>
    /// <param name="activation">The activation applied to each output.</param>
    public Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel's height and width.</summary>
    public int Kernel { get; }

    /// <summary>The activation applied to each output.</summary>
    public Activation Activation { get; }

    /// <summary>The step between kernel positions. Default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side of the input. Default 0.</summary>
    public int Padding { get; set; }

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01.</summary>
    public float Slope { get; set; } = 0.01f;

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
}
