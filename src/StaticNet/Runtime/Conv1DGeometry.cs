using System;

namespace StaticNet.Runtime;

/// <summary>
/// The shape of one 1-D convolution over a step-major sequence: its steps and features, the filters, the kernel's taps
/// <see cref="Dilation"/> steps apart, the stride, and the zeros before the first step and after the last; with the
/// output steps they give (PyTorch's <c>nn.Conv1d</c> arithmetic).
/// </summary>
internal readonly struct Conv1DGeometry
{
    private Conv1DGeometry(int steps, int features, int filters, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation, int outputSteps)
    {
        Steps = steps;
        Features = features;
        Filters = filters;
        Kernel = kernel;
        Stride = stride;
        PaddingBefore = paddingBefore;
        PaddingAfter = paddingAfter;
        Dilation = dilation;
        OutputSteps = outputSteps;
    }

    public int Steps { get; }

    public int Features { get; }

    public int Filters { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int PaddingBefore { get; }

    public int PaddingAfter { get; }

    public int Dilation { get; }

    public int OutputSteps { get; }

    /// <summary>The values one output step reads: every feature at every tap (<c>features x kernel</c>, a weight row's length).</summary>
    public int Window => Features * Kernel;

    /// <summary>
    /// The geometry of a convolution with these weights and biases from <paramref name="inputLength"/> values to
    /// <paramref name="outputLength"/>; throws <see cref="ArgumentException"/> unless every length fits it.
    /// </summary>
    public static Conv1DGeometry Check(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int inputLength, int outputLength,
        int features, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation)
    {
        int filters = biases.Length;
        if (features <= 0 || kernel <= 0 || stride <= 0 || dilation <= 0 || paddingBefore < 0 || paddingAfter < 0 || filters == 0
            || inputLength % features != 0)
        {
            throw new ArgumentException(
                $"A 1-D convolution of {filters} filters, kernel {kernel}, stride {stride}, dilation {dilation} and padding "
                + $"({paddingBefore}, {paddingAfter}) over {features} features cannot read {inputLength} values as whole steps.", "input");
        }

        int steps = inputLength / features;
        long span = ((long)(kernel - 1) * dilation) + 1;
        long padded = (long)steps + paddingBefore + paddingAfter;
        int outputSteps = padded < span ? 0 : (int)(((padded - span) / stride) + 1);
        SpanGuard.Length(weights.Length, filters * features * kernel, nameof(weights));
        if (outputSteps == 0 || outputLength != outputSteps * filters)
        {
            throw new ArgumentException(
                $"A 1-D convolution of {filters} filters spanning {span} steps over {steps} steps padded by ({paddingBefore}, {paddingAfter}) "
                + $"with stride {stride} gives {outputSteps} steps of {filters}: {outputSteps * filters} values, but output has {outputLength}.", "output");
        }

        return new(steps, features, filters, kernel, stride, paddingBefore, paddingAfter, dilation, outputSteps);
    }

    /// <summary>
    /// Writes into <paramref name="window"/> what output step <paramref name="step"/> reads, tap-minor as a weight row
    /// (<c>[feature, tap]</c>): each tap's step of <paramref name="input"/>, zeros where it falls in the padding.
    /// </summary>
    public void Gather(ReadOnlySpan<float> input, Span<float> window, int step)
    {
        int first = (step * Stride) - PaddingBefore;
        for (int tap = 0; tap < Kernel; tap++)
        {
            int source = first + (tap * Dilation);
            if ((uint)source < (uint)Steps)
            {
                ReadOnlySpan<float> values = input.Slice(source * Features, Features);
                for (int feature = 0; feature < Features; feature++)
                {
                    window[(feature * Kernel) + tap] = values[feature];
                }
            }
            else
            {
                for (int feature = 0; feature < Features; feature++)
                {
                    window[(feature * Kernel) + tap] = 0f;
                }
            }
        }
    }

    /// <summary>The reverse of <see cref="Gather"/>: adds each value of <paramref name="window"/> to the input step it was read from.</summary>
    public void Scatter(ReadOnlySpan<float> window, Span<float> inputGradients, int step)
    {
        int first = (step * Stride) - PaddingBefore;
        for (int tap = 0; tap < Kernel; tap++)
        {
            int source = first + (tap * Dilation);
            if ((uint)source < (uint)Steps)
            {
                Span<float> values = inputGradients.Slice(source * Features, Features);
                for (int feature = 0; feature < Features; feature++)
                {
                    values[feature] += window[(feature * Kernel) + tap];
                }
            }
        }
    }
}
