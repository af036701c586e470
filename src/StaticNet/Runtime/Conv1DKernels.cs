using System;
using System.ComponentModel;

namespace StaticNet.Runtime;

/// <summary>
/// A 1-D convolution over a step-major sequence (<c>steps x features</c>, the features as channels): PyTorch's
/// <c>nn.Conv1d</c> on the sequence transposed to <c>features x steps</c>, with weights <c>[filters, features, kernel]</c>
/// and one bias per filter; its output is again step-major, <c>outputSteps x filters</c>. Each output step gathers the
/// values its kernel reads into a window laid out as a weight row, then runs the dense kernel on it: whole sequences and
/// streamed steps gather the same windows, so they give the same bits.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class Conv1DKernels
{
    /// <summary>A window up to this many floats lives on the stack; larger ones use the workspace.</summary>
    internal const int StackWindow = 1024;

    [ThreadStatic]
    private static float[]? workspace;

    /// <summary>
    /// The whole sequence: <paramref name="output"/> receives every output step's filters. <paramref name="paddingBefore"/>
    /// and <paramref name="paddingAfter"/> are the zero steps around the input (a causal layer's are
    /// <c>(kernel - 1) x dilation</c> and 0).
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int features, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation)
    {
        var geometry = Conv1DGeometry.Check(weights, biases, input.Length, output.Length, features, kernel, stride, paddingBefore, paddingAfter, dilation);
        int filters = geometry.Filters;
        Span<float> window = geometry.Window <= StackWindow ? stackalloc float[geometry.Window] : Workspace(geometry.Window);
        for (int step = 0; step < geometry.OutputSteps; step++)
        {
            geometry.Gather(input, window, step);
            DenseKernels.Forward(weights, biases, window, output.Slice(step * filters, filters));
        }
    }

    /// <summary>
    /// Backpropagates one sequence: adds the weight and bias gradients from <paramref name="gradient"/> (dLoss/d the
    /// outputs before the activation) and, unless <paramref name="inputGradients"/> is empty, overwrites it with dLoss/d
    /// the input. The output steps' windows go through the dense kernel's backward pass as one batch.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> gradient,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients,
        int features, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation)
    {
        var geometry = Conv1DGeometry.Check(
            weights, biasGradients, input.Length, gradient.Length, features, kernel, stride, paddingBefore, paddingAfter, dilation);
        SpanGuard.Length(weightGradients.Length, weights.Length, nameof(weightGradients));
        SpanGuard.LengthOrEmpty(inputGradients.Length, input.Length, nameof(inputGradients));
        int windows = geometry.OutputSteps * geometry.Window;
        bool wantsInput = !inputGradients.IsEmpty;
        Span<float> memory = Workspace(wantsInput ? 2 * windows : windows);
        Span<float> inputWindows = memory.Slice(0, windows);
        Span<float> windowGradients = wantsInput ? memory.Slice(windows, windows) : Span<float>.Empty;
        for (int step = 0; step < geometry.OutputSteps; step++)
        {
            geometry.Gather(input, inputWindows.Slice(step * geometry.Window, geometry.Window), step);
        }

        DenseKernels.BackwardBatch(weights, inputWindows, gradient, weightGradients, biasGradients, windowGradients);
        if (wantsInput)
        {
            inputGradients.Clear();
            for (int step = 0; step < geometry.OutputSteps; step++)
            {
                geometry.Scatter(windowGradients.Slice(step * geometry.Window, geometry.Window), inputGradients, step);
            }
        }
    }

    /// <summary>This thread's workspace, grown to <paramref name="length"/> floats on first need and kept.</summary>
    internal static Span<float> Workspace(int length) => AlignedMemory.Grow(ref workspace, length);
}
