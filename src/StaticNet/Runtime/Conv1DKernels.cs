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
    private const int StackWindow = 1024;

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
    /// One streaming step of a causal convolution of stride 1: <paramref name="x"/> is the new step,
    /// <paramref name="history"/> the <c>(kernel - 1) x dilation</c> steps before it in a ring (zeros at the start of a
    /// stream, as the causal padding), then the ring's position: where its oldest step is, a whole number stored as a
    /// float. <paramref name="window"/> is scratch of <c>features x kernel</c>; <paramref name="output"/> receives the
    /// step's filters. The new step then takes the oldest one's place, so a step moves one step of features, however far
    /// back the kernel reaches (a dilation of 512 remembers 1,024 steps).
    /// </summary>
    /// <exception cref="ArgumentException">The ring's position is not a whole number below its length (the state was not one a reset or a step wrote).</exception>
    public static void StreamStep(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> history, Span<float> window, Span<float> output,
        int kernel, int dilation)
    {
        int features = x.Length;
        int remembered = (kernel - 1) * dilation;
        SpanGuard.Length(weights.Length, biases.Length * features * kernel, nameof(weights));
        SpanGuard.Length(history.Length, RingLength(remembered, features), nameof(history));
        SpanGuard.Length(window.Length, features * kernel, nameof(window));
        SpanGuard.Length(output.Length, biases.Length, nameof(output));
        int oldest = remembered == 0 ? 0 : RingPosition(history, remembered, features);
        for (int tap = 0; tap < kernel; tap++)
        {
            int age = tap * dilation;
            ReadOnlySpan<float> values = age < remembered ? RingStep(history, (oldest + age) % remembered, features) : x;
            for (int feature = 0; feature < features; feature++)
            {
                window[(feature * kernel) + tap] = values[feature];
            }
        }

        DenseKernels.Forward(weights, biases, window, output);
        if (remembered > 0)
        {
            x.CopyTo(history.Slice(oldest * features, features));
            history[remembered * features] = oldest + 1 == remembered ? 0 : oldest + 1;
        }
    }

    /// <summary>A causal convolution's streaming state: <paramref name="remembered"/> steps of features in a ring, then its position (none when it remembers nothing).</summary>
    public static int RingLength(int remembered, int features) => remembered == 0 ? 0 : (remembered * features) + 1;

    /// <summary>Where the ring's oldest step is, checked: a whole number below <paramref name="remembered"/>.</summary>
    private static int RingPosition(ReadOnlySpan<float> history, int remembered, int features)
    {
        float stored = history[remembered * features];
        int position = (int)stored;
        if (position != stored || (uint)position >= (uint)remembered)
        {
            throw new ArgumentException(
                $"A causal convolution's ring position is {stored}, not a whole number below {remembered}: the state was not written by ResetState or a step.", nameof(history));
        }

        return position;
    }

    private static ReadOnlySpan<float> RingStep(ReadOnlySpan<float> history, int index, int features) => history.Slice(index * features, features);

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
    private static Span<float> Workspace(int length) => AlignedMemory.Grow(ref workspace, length);
}
