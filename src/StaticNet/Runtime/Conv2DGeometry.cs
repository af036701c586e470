using System;

namespace StaticNet.Runtime;

/// <summary>The shape of one convolution: channels, input size, square kernel, stride and zero padding, and the output size they give.</summary>
internal readonly struct Conv2DGeometry(int outputChannels, int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
{
    public int OutputChannels { get; } = outputChannels;

    public int InputChannels { get; } = inputChannels;

    public int InputHeight { get; } = inputHeight;

    public int InputWidth { get; } = inputWidth;

    public int Kernel { get; } = kernel;

    public int Stride { get; } = stride;

    public int Padding { get; } = padding;

    public int OutputHeight { get; } = Conv2DKernels.OutputSide(inputHeight, kernel, stride, padding);

    public int OutputWidth { get; } = Conv2DKernels.OutputSide(inputWidth, kernel, stride, padding);

    /// <summary>Inputs per sample.</summary>
    public int InputSize => InputChannels * InputHeight * InputWidth;

    /// <summary>Outputs per sample.</summary>
    public int OutputSize => OutputChannels * OutputHeight * OutputWidth;

    /// <summary>Multiply-adds per sample, one way through.</summary>
    public long Work => (long)OutputSize * InputChannels * Kernel * Kernel;

    /// <summary>Throws <see cref="ArgumentException"/> unless the lengths fit <paramref name="batch"/> samples of this shape.</summary>
    public void Check(int weights, int inputs, int outputs, int batch)
    {
        if (weights != OutputChannels * InputChannels * Kernel * Kernel || inputs != batch * InputSize || outputs != batch * OutputSize)
        {
            throw new ArgumentException(
                $"A convolution of {InputChannels} x {InputHeight * InputWidth} inputs to {OutputChannels} x {OutputHeight * OutputWidth} outputs "
                + $"with a {Kernel}x{Kernel} kernel over {batch} sample(s) needs {OutputChannels * InputChannels * Kernel * Kernel} weights, "
                + $"{batch * InputSize} inputs and {batch * OutputSize} outputs; it was given {weights}, {inputs} and {outputs}.");
        }
    }
}
