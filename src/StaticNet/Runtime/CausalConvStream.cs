using System;
using System.ComponentModel;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// A causal convolution of stride 1 streamed: steps continue the stream whose last <c>R = (kernel - 1) x dilation</c>
/// input steps the state keeps in a ring, then the ring's position (where its oldest step is, a whole number stored as
/// a float); zeros at the start of a stream, as the causal padding. One step or a block of steps at a time, each output
/// step computed as <see cref="Conv1DKernels.Forward"/> computes it (its window through the dense kernel), so a block
/// gives the bits of its steps streamed one by one, and those the bits of <c>Forward</c> over the whole sequence. A step
/// writes one step of features into the ring, however far back the kernel reaches (a dilation of 512 remembers 1,024).
/// The packed forms read weights as <see cref="PackTaps"/> stores them, <c>[kernel x features, filters]</c>, the window
/// tap by tap, through <see cref="WindowProduct"/>: each input scales a row of filters in four independent chains, no
/// horizontal sums; they give the bits of <see cref="ForwardPacked"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class CausalConvStream
{
    /// <summary>The state a layer keeps: the ring's <paramref name="remembered"/> steps of features, then its position (nothing when it remembers nothing).</summary>
    public static int StateLength(int remembered, int features) => remembered == 0 ? 0 : (remembered * features) + 1;

    /// <summary>
    /// One step: <paramref name="x"/> the new step, <paramref name="history"/> the layer's state (advanced),
    /// <paramref name="window"/> scratch of <c>features x kernel</c>, <paramref name="output"/> the step's filters.
    /// </summary>
    /// <exception cref="ArgumentException">A span has the wrong length, or the ring's position is not a whole number below its length (the state was not one a reset or a step wrote).</exception>
    public static void Step(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> history, Span<float> window, Span<float> output, int kernel, int dilation)
    {
        if (kernel == 1)
        {
            // A pointwise convolution remembers nothing: its window is the step itself, one dense product.
            SpanGuard.Length(history.Length, 0, nameof(history));
            DenseKernels.Forward(weights, biases, x, output);
            return;
        }

        Run(weights, biases, x, history, window, output, x.Length, kernel, dilation, packed: false, fresh: false);
    }

    /// <summary><see cref="Step"/> on weights as <see cref="PackTaps"/> stores them.</summary>
    public static void StepPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> history, Span<float> window, Span<float> output, int kernel, int dilation)
    {
        if (kernel == 1)
        {
            // As in Step: one window product of the step itself, as a block's one-tap convolution computes each step.
            SpanGuard.Length(history.Length, 0, nameof(history));
            WindowProduct.One(weights, biases, x, output);
            return;
        }

        Run(weights, biases, x, history, window, output, x.Length, kernel, dilation, packed: true, fresh: false);
    }

    /// <summary>
    /// A block of steps, <paramref name="input"/> <c>steps x features</c> into <paramref name="output"/> <c>steps x filters</c>,
    /// continuing the stream in <paramref name="history"/> (advanced by the block): the bits of as many <see cref="Step"/>s.
    /// </summary>
    public static void Block(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> history, Span<float> output, int features, int kernel, int dilation)
    {
        Span<float> window = features * kernel <= Conv1DKernels.StackWindow ? stackalloc float[features * kernel] : Conv1DKernels.Workspace(features * kernel);
        Run(weights, biases, input, history, window, output, features, kernel, dilation, packed: false, fresh: false);
    }

    /// <summary><see cref="Block"/> on weights as <see cref="PackTaps"/> stores them: the bits of as many <see cref="StepPacked"/>s.</summary>
    public static void BlockPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> history, Span<float> output, int features, int kernel, int dilation)
    {
        Span<float> window = features * kernel <= Conv1DKernels.StackWindow ? stackalloc float[features * kernel] : Conv1DKernels.Workspace(features * kernel);
        Run(weights, biases, input, history, window, output, features, kernel, dilation, packed: true, fresh: false);
    }

    /// <summary>
    /// A whole sequence from the start of a stream (zeros before it), on packed weights: <c>ForwardPacked</c>'s causal
    /// convolution, the bits of <see cref="StepPacked"/> streaming it from a reset state.
    /// </summary>
    public static void ForwardPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int kernel, int dilation)
    {
        Span<float> window = features * kernel <= Conv1DKernels.StackWindow ? stackalloc float[features * kernel] : Conv1DKernels.Workspace(features * kernel);
        Run(weights, biases, input, Span<float>.Empty, window, output, features, kernel, dilation, packed: true, fresh: true);
    }

    /// <summary>
    /// Writes <c>PyTorch</c>'s <c>[filters, features, kernel]</c> weights as the packed forms read them:
    /// <c>packed[(tap * features + feature) * filters + filter]</c>.
    /// </summary>
    public static void PackTaps(ReadOnlySpan<float> weights, Span<float> packed, int features, int kernel)
    {
        SpanGuard.Length(packed.Length, weights.Length, nameof(packed));
        int filters = weights.Length / (features * kernel);
        SpanGuard.Length(weights.Length, filters * features * kernel, nameof(weights));
        for (int filter = 0; filter < filters; filter++)
        {
            for (int feature = 0; feature < features; feature++)
            {
                for (int tap = 0; tap < kernel; tap++)
                {
                    packed[(((tap * features) + feature) * filters) + filter] = weights[(((filter * features) + feature) * kernel) + tap];
                }
            }
        }
    }

    /// <summary>
    /// The steps of <paramref name="input"/>: tap k of output step t reads input step <c>t - (kernel - 1 - k) x dilation</c>
    /// of the block, or before the block the ring's (zeros when <paramref name="fresh"/>); then the ring takes the block's
    /// last steps. Everything is checked before anything is written.
    /// </summary>
    private static void Run(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> history, Span<float> window, Span<float> output,
        int features, int kernel, int dilation, bool packed, bool fresh)
    {
        int filters = biases.Length;
        int remembered = (kernel - 1) * dilation;
        SpanGuard.Length(weights.Length, filters * features * kernel, nameof(weights));
        int steps = SpanGuard.BatchSize(input.Length, features, nameof(input));
        SpanGuard.Length(output.Length, steps * filters, nameof(output));
        SpanGuard.Length(window.Length, features * kernel, nameof(window));
        if (!fresh)
        {
            SpanGuard.Length(history.Length, StateLength(remembered, features), nameof(history));
        }

        int oldest = fresh || remembered == 0 ? 0 : RingPosition(history, remembered, features);
        var taps = new Taps(input, history, features, kernel, dilation, remembered, oldest, fresh);
        int rows = features * kernel;
        if (packed)
        {
            // Products two steps per weight load: a one-tap convolution's windows are its input rows, a block's taps of a
            // multiple of four features are read where they lie, other windows are gathered (up to WindowSteps at a time).
            if (kernel == 1)
            {
                WindowProduct.Rows(weights, biases, input, output, rows);
            }
            else if (steps > 1 && features % 4 == 0)
            {
                taps.ProductsInPlace(weights, biases, output);
            }
            else
            {
                Span<float> windows = steps == 1 ? window : Windows(Math.Min(steps, WindowSteps) * rows);
                for (int first = 0; first < steps; first += WindowSteps)
                {
                    int count = Math.Min(WindowSteps, steps - first);
                    WindowProduct.Rows(weights, biases, taps.PackedWindows(first, count, windows.Slice(0, count * rows)), output.Slice(first * filters, count * filters), rows);
                }
            }
        }
        else
        {
            for (int step = 0; step < steps; step++)
            {
                DenseKernels.Forward(weights, biases, taps.Unpacked(step, window.Slice(0, rows)), output.Slice(step * filters, filters));
            }
        }

        if (fresh || remembered == 0)
        {
            return;
        }

        // The ring takes the block's steps, oldest first from the position, which moves on by as many.
        int kept = Math.Min(steps, remembered);
        for (int i = steps - kept; i < steps; i++)
        {
            input.Slice(i * features, features).CopyTo(history.Slice((oldest + i) % remembered * features, features));
        }

        history[remembered * features] = (oldest + steps) % remembered;
    }

    /// <summary>The steps whose windows a block gathers at a time: the buffer stays small (and in the cache) however long the block.</summary>
    private const int WindowSteps = 256;

    /// <summary>A block's windows: this thread's, grown once to <see cref="WindowSteps"/> windows and reused.</summary>
    private static Span<float> Windows(int length) => AlignedMemory.Grow(ref windowBlock, length);

    [ThreadStatic]
    private static float[]? windowBlock;

    /// <summary>Where tap k of a step reads: the block's input, the ring before it, or zeros before a stream.</summary>
    private readonly ref struct Taps(
        ReadOnlySpan<float> input, ReadOnlySpan<float> history, int features, int kernel, int dilation, int remembered, int oldest, bool fresh)
    {
        private readonly ReadOnlySpan<float> input = input;
        private readonly ReadOnlySpan<float> history = history;

        /// <summary>
        /// The windows of steps <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> - 1, tap by
        /// tap (the packed rows), one after another in <paramref name="windows"/>.
        /// </summary>
        public ReadOnlySpan<float> PackedWindows(int first, int count, Span<float> windows)
        {
            int rows = kernel * features;
            for (int tap = 0; tap < kernel; tap++)
            {
                int age = (kernel - 1 - tap) * dilation;
                for (int step = first; step < first + count; step++)
                {
                    // Past the kernel's reach into the ring, the block's own steps: no ring arithmetic.
                    ReadOnlySpan<float> values = step >= age ? input.Slice((step - age) * features, features) : Source(step, tap);
                    Copy(values, windows.Slice(((step - first) * rows) + (tap * features), features));
                }
            }

            return windows;
        }

        /// <summary>
        /// Every step's filters, two steps at a time, each tap read where it lies (the block's input, the ring, or zeros)
        /// instead of gathered into a window: <see cref="WindowProduct.TwoFromTaps"/>, a last odd step gathered.
        /// </summary>
        public unsafe void ProductsInPlace(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Span<float> output)
        {
            int filters = biases.Length;
            int steps = input.Length / features;
            Span<nint> firstTaps = stackalloc nint[kernel];
            Span<nint> secondTaps = stackalloc nint[kernel];
            fixed (float* inputRows = input, ringRows = history, zeros = NoBias.Values(features))
            {
                int step = 0;
                for (; step + 2 <= steps; step += 2)
                {
                    for (int tap = 0; tap < kernel; tap++)
                    {
                        firstTaps[tap] = Address(step, tap, inputRows, ringRows, zeros);
                        secondTaps[tap] = Address(step + 1, tap, inputRows, ringRows, zeros);
                    }

                    WindowProduct.TwoFromTaps(
                        weights, biases, firstTaps, secondTaps, features, output.Slice(step * filters, filters), output.Slice((step + 1) * filters, filters));
                }

                if (step < steps)
                {
                    Span<float> window = kernel * features <= Conv1DKernels.StackWindow ? stackalloc float[kernel * features] : Conv1DKernels.Workspace(kernel * features);
                    WindowProduct.One(weights, biases, PackedWindows(step, 1, window), output.Slice(step * filters, filters));
                }
            }
        }

        /// <summary>Where tap <paramref name="tap"/> of <paramref name="step"/> reads its row.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private unsafe nint Address(int step, int tap, float* inputRows, float* ringRows, float* zeros)
        {
            int source = step - ((kernel - 1 - tap) * dilation);
            if (source >= 0)
            {
                return (nint)(inputRows + (source * features));
            }

            return fresh ? (nint)zeros : (nint)(ringRows + (RingSlot(source) * features));
        }

        /// <summary>The window of <paramref name="step"/> feature by feature, as PyTorch's weight rows read it.</summary>
        public ReadOnlySpan<float> Unpacked(int step, Span<float> window)
        {
            for (int tap = 0; tap < kernel; tap++)
            {
                ReadOnlySpan<float> values = Source(step, tap);
                for (int feature = 0; feature < features; feature++)
                {
                    window[(feature * kernel) + tap] = values[feature];
                }
            }

            return window;
        }

        private ReadOnlySpan<float> Source(int step, int tap)
        {
            int source = step - ((kernel - 1 - tap) * dilation);
            if (source >= 0)
            {
                return input.Slice(source * features, features);
            }

            return fresh ? NoBias.Values(features) : history.Slice(RingSlot(source) * features, features);
        }

        /// <summary>
        /// Where step <paramref name="source"/> (-remembered to -1, before the block) lies in the ring: from the oldest on,
        /// one subtraction wrapping it, where a division would cost more than the copy.
        /// </summary>
        private int RingSlot(int source)
        {
            int slot = oldest + remembered + source;
            return slot >= remembered ? slot - remembered : slot;
        }

        /// <summary>A step's few features, in registers where they fit: a call to the general copy costs more than the copy.</summary>
        private static void Copy(ReadOnlySpan<float> source, Span<float> destination)
        {
            int i = 0;
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated)
            {
                for (; i + 16 <= source.Length; i += 16)
                {
                    Vector512.Create(source.Slice(i, 16)).CopyTo(destination.Slice(i, 16));
                }
            }

            for (; i + 8 <= source.Length; i += 8)
            {
                Vector256.Create(source.Slice(i, 8)).CopyTo(destination.Slice(i, 8));
            }
#endif

            for (; i < source.Length; i++)
            {
                destination[i] = source[i];
            }
        }
    }

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
}
