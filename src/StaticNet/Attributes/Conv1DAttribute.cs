using System;

namespace StaticNet;

/// <summary>
/// A 1-D convolution over the steps of a sequence, its features as channels: PyTorch's <c>nn.Conv1d</c> applied to the
/// sequence transposed to <c>features x steps</c>, its output again step-major (<c>outputSteps x filters</c>). Weight
/// shape <c>[filters, inFeatures, kernel]</c>, then one bias per filter (unless <see cref="Bias"/> is false). A causal convolution of stride 1 streams: its
/// last <c>(kernel - 1) x Dilation</c> input steps are part of the streaming state.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class Conv1DAttribute : LayerAttribute
{
    /// <summary>Declares a 1-D convolution layer.</summary>
    /// <param name="filters">The number of output features per step.</param>
    /// <param name="kernel">The number of taps, <see cref="Dilation"/> steps apart.</param>
    /// <param name="activation">The activation applied to each output.</param>
    public Conv1DAttribute(int filters, int kernel, Activation activation = Activation.Identity)
    {
        Filters = filters;
        Kernel = kernel;
        Activation = activation;
    }

    /// <summary>The number of output features per step.</summary>
    public int Filters { get; }

    /// <summary>The number of taps, <see cref="Dilation"/> steps apart.</summary>
    public int Kernel { get; }

    /// <summary>The activation applied to each output.</summary>
    public Activation Activation { get; }

    /// <summary>The steps between kernel positions. Default 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zero steps added before the first step and after the last. Default 0.</summary>
    public int Padding { get; set; }

    /// <summary>The steps between the kernel's taps. Default 1.</summary>
    public int Dilation { get; set; } = 1;

    /// <summary>
    /// Whether each output step sees only its own and earlier input steps: <c>(kernel - 1) x Dilation</c> zeros before the
    /// first step and none after (so <see cref="Padding"/> stays 0). Default false.
    /// </summary>
    public bool Causal { get; set; }

    /// <summary>The negative slope of <see cref="Activation.LeakyReLU"/>. Default 0.01.</summary>
    public float Slope { get; set; } = 0.01f;

    /// <summary>
    /// Whether the layer adds a learned bias per filter. Default true; false leaves out the bias tensor (PyTorch's
    /// <c>bias=False</c>), as in WaveNet blocks whose convolutions feed a join that adds the bias elsewhere.
    /// </summary>
    public bool Bias { get; set; } = true;
}
