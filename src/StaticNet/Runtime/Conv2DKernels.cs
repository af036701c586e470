using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNet.Runtime;

/// <summary>
/// 2-D convolution over CHW volumes, as PyTorch's <c>nn.Conv2d</c> (cross-correlation, zero padding,
/// square kernel, weights <c>[outputChannels, inputChannels, kernel, kernel]</c>, one bias per output
/// channel). Output size per side: <c>(input + 2 padding - kernel) / stride + 1</c>, rounded down.
/// </summary>
/// <remarks>
/// With stride 1 every kernel tap is a whole row at a time: for each output row and tap, the input row shifted
/// by the tap, clipped to where it exists (which is how zero padding is applied), multiplied by the weight and
/// added to the output row (or, backward, dotted with the gradient row) with SIMD vectors. Strides above 1 read
/// every other input and take the plain per-pixel loops.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class Conv2DKernels
{
    /// <summary>The output height or width for an input side, kernel, stride and padding.</summary>
    public static int OutputSide(int inputSide, int kernel, int stride, int padding) => ((inputSide + (2 * padding) - kernel) / stride) + 1;

    /// <summary><c>output = weights ⋆ input + biases</c>; the output channel count is the number of biases.</summary>
    public static void Forward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding) =>
        Forward(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, stride, padding, relu: false);

    /// <summary>
    /// <c>output = ReLU(weights ⋆ input + biases)</c>: <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, int, int, int)"/>
    /// then <see cref="Activations.ReLU(ReadOnlySpan{float}, Span{float})"/>, applied as each block of outputs is written where the kernel allows.
    /// </summary>
    public static void ForwardReLU(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding) =>
        Forward(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, stride, padding, relu: true);

    private static void Forward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding, bool relu)
    {
        int outputHeight = OutputSide(inputHeight, kernel, stride, padding);
        int outputWidth = OutputSide(inputWidth, kernel, stride, padding);
        int plane = inputHeight * inputWidth;
        CheckLengths(weights.Length, input.Length, output.Length, biases.Length, inputChannels, plane, kernel, outputHeight * outputWidth);
        if (stride == 1 && Conv2DBlocks.Applies(outputWidth))
        {
            ForwardBlocks(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, padding, relu);
            return;
        }

        if (stride == 1)
        {
            ForwardRows(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, padding, outputHeight, outputWidth);
        }
        else
        {
            ForwardPixels(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, stride, padding, outputHeight, outputWidth);
        }

        if (relu)
        {
            Activations.ReLU(output, output);
        }
    }

    private static void ForwardPixels(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding, int outputHeight, int outputWidth)
    {
        int plane = inputHeight * inputWidth;
        for (int oc = 0; oc < biases.Length; oc++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float sum = biases[oc];
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        ReadOnlySpan<float> filter = weights.Slice(((oc * inputChannels) + ic) * kernel * kernel, kernel * kernel);
                        ReadOnlySpan<float> channel = input.Slice(ic * plane, plane);
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            int iy = (oy * stride) - padding + ky;
                            if ((uint)iy >= (uint)inputHeight)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = (ox * stride) - padding + kx;
                                if ((uint)ix < (uint)inputWidth)
                                {
                                    sum += filter[(ky * kernel) + kx] * channel[(iy * inputWidth) + ix];
                                }
                            }
                        }
                    }

                    output[(((oc * outputHeight) + oy) * outputWidth) + ox] = sum;
                }
            }
        }
    }

    /// <summary>
    /// Backpropagates through the convolution: adds dLoss/dWeights and dLoss/dBiases, and overwrites
    /// <paramref name="inputGradients"/> with dLoss/dInput unless it is empty.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> gradZ,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
    {
        int outputHeight = OutputSide(inputHeight, kernel, stride, padding);
        int outputWidth = OutputSide(inputWidth, kernel, stride, padding);
        int plane = inputHeight * inputWidth;
        CheckLengths(weights.Length, input.Length, gradZ.Length, biasGradients.Length, inputChannels, plane, kernel, outputHeight * outputWidth);
        bool wantInput = !inputGradients.IsEmpty;
        if (wantInput)
        {
            if (inputGradients.Length != input.Length)
            {
                throw new ArgumentException($"The input gradients need {input.Length} values, not {inputGradients.Length}.", nameof(inputGradients));
            }

            inputGradients.Clear();
        }

        if (stride == 1)
        {
            BackwardRows(weights, input, gradZ, weightGradients, biasGradients, inputGradients, inputChannels, inputHeight, inputWidth, kernel, padding, outputHeight, outputWidth);
            return;
        }

        for (int oc = 0; oc < biasGradients.Length; oc++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float g = gradZ[(((oc * outputHeight) + oy) * outputWidth) + ox];
                    biasGradients[oc] += g;
                    for (int ic = 0; ic < inputChannels; ic++)
                    {
                        int filter = ((oc * inputChannels) + ic) * kernel * kernel;
                        for (int ky = 0; ky < kernel; ky++)
                        {
                            int iy = (oy * stride) - padding + ky;
                            if ((uint)iy >= (uint)inputHeight)
                            {
                                continue;
                            }

                            for (int kx = 0; kx < kernel; kx++)
                            {
                                int ix = (ox * stride) - padding + kx;
                                if ((uint)ix >= (uint)inputWidth)
                                {
                                    continue;
                                }

                                int w = filter + (ky * kernel) + kx;
                                int x = (ic * plane) + (iy * inputWidth) + ix;
                                weightGradients[w] += g * input[x];
                                if (wantInput)
                                {
                                    inputGradients[x] += g * weights[w];
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The register-blocked path; a padded input is first copied into a zero-bordered per-thread buffer.</summary>
    private static void ForwardBlocks(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int padding, bool relu)
    {
        ReadOnlySpan<float> source = padding == 0 ? input : Pad(input, inputChannels, inputHeight, inputWidth, padding);
        Conv2DBlocks.Forward(
            ref MemoryMarshal.GetReference(weights), ref MemoryMarshal.GetReference(biases),
            ref MemoryMarshal.GetReference(source), ref MemoryMarshal.GetReference(output),
            biases.Length, inputChannels, inputHeight + (2 * padding), inputWidth + (2 * padding), kernel, relu);
    }

    /// <summary>The input with <paramref name="padding"/> zeros around every channel, in this thread's padding buffer.</summary>
    private static ReadOnlySpan<float> Pad(ReadOnlySpan<float> input, int channels, int height, int width, int padding)
    {
        int paddedWidth = width + (2 * padding);
        int paddedPlane = (height + (2 * padding)) * paddedWidth;
        Span<float> padded = PaddedBuffer(channels * paddedPlane);
        padded.Clear();
        for (int c = 0; c < channels; c++)
        {
            for (int row = 0; row < height; row++)
            {
                input.Slice((((c * height) + row) * width), width)
                    .CopyTo(padded.Slice((c * paddedPlane) + ((row + padding) * paddedWidth) + padding, width));
            }
        }

        return padded;
    }

    [ThreadStatic]
    private static float[]? paddedBuffer;

    /// <summary>A per-thread buffer of at least <paramref name="length"/> floats, allocated once per thread and size.</summary>
    private static Span<float> PaddedBuffer(int length)
    {
        float[]? buffer = paddedBuffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = new float[length];
            paddedBuffer = buffer;
        }

        return buffer.AsSpan(0, length);
    }

    private static void ForwardRows(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int padding, int outputHeight, int outputWidth)
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int outputPlane = outputHeight * outputWidth;
        for (int oc = 0; oc < biases.Length; oc++)
        {
            output.Slice(oc * outputPlane, outputPlane).Fill(biases[oc]);
            for (int ic = 0; ic < inputChannels; ic++)
            {
                for (int ky = 0; ky < kernel; ky++)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        float weight = Unsafe.Add(ref w, (((((oc * inputChannels) + ic) * kernel) + ky) * kernel) + kx);
                        (int first, int count) = Columns(kx, padding, inputWidth, outputWidth);
                        for (int oy = 0; oy < outputHeight; oy++)
                        {
                            int iy = oy - padding + ky;
                            if ((uint)iy < (uint)inputHeight && count > 0)
                            {
                                ref float source = ref Unsafe.Add(ref x, (ic * inputHeight * inputWidth) + (iy * inputWidth) + first - padding + kx);
                                MultiplyAdd(weight, ref source, ref Unsafe.Add(ref y, (oc * outputPlane) + (oy * outputWidth) + first), count);
                            }
                        }
                    }
                }
            }
        }
    }

    private static void BackwardRows(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> gradZ,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int padding, int outputHeight, int outputWidth)
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float g = ref MemoryMarshal.GetReference(gradZ);
        ref float dx = ref MemoryMarshal.GetReference(inputGradients);
        bool wantInput = !inputGradients.IsEmpty;
        int outputPlane = outputHeight * outputWidth;
        for (int oc = 0; oc < biasGradients.Length; oc++)
        {
            float biasSum = 0f;
            foreach (float value in gradZ.Slice(oc * outputPlane, outputPlane))
            {
                biasSum += value;
            }

            biasGradients[oc] += biasSum;
            for (int ic = 0; ic < inputChannels; ic++)
            {
                for (int ky = 0; ky < kernel; ky++)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        int tap = (((((oc * inputChannels) + ic) * kernel) + ky) * kernel) + kx;
                        float weight = Unsafe.Add(ref w, tap);
                        (int first, int count) = Columns(kx, padding, inputWidth, outputWidth);

                        // The tap's weight gradient is one long dot product over all its rows: vector lanes are
                        // summed across rows and reduced once, not once per row.
                        var lanes = Vector<float>.Zero;
                        float sum = 0f;
                        for (int oy = 0; oy < outputHeight && count > 0; oy++)
                        {
                            int iy = oy - padding + ky;
                            if ((uint)iy >= (uint)inputHeight)
                            {
                                continue;
                            }

                            int inputAt = (ic * inputHeight * inputWidth) + (iy * inputWidth) + first - padding + kx;
                            ref float gradientRow = ref Unsafe.Add(ref g, (oc * outputPlane) + (oy * outputWidth) + first);
                            ref float inputRow = ref Unsafe.Add(ref x, inputAt);
                            int i = 0;
                            if (Vector.IsHardwareAccelerated)
                            {
                                for (; i + Vector<float>.Count <= count; i += Vector<float>.Count)
                                {
                                    lanes += Load(ref Unsafe.Add(ref gradientRow, i)) * Load(ref Unsafe.Add(ref inputRow, i));
                                }
                            }

                            for (; i < count; i++)
                            {
                                sum += Unsafe.Add(ref gradientRow, i) * Unsafe.Add(ref inputRow, i);
                            }

                            if (wantInput)
                            {
                                MultiplyAdd(weight, ref gradientRow, ref Unsafe.Add(ref dx, inputAt), count);
                            }
                        }

                        weightGradients[tap] += sum + Vector.Sum(lanes);
                    }
                }
            }
        }
    }

    /// <summary>The output columns whose input column for tap <paramref name="kx"/> exists (stride 1): the first and how many.</summary>
    private static (int First, int Count) Columns(int kx, int padding, int inputWidth, int outputWidth)
    {
        int first = Math.Max(0, padding - kx);
        int end = Math.Min(outputWidth, inputWidth + padding - kx);
        return (first, end - first);
    }

    private static void CheckLengths(int weights, int input, int output, int outputChannels, int inputChannels, int plane, int kernel, int outputPlane)
    {
        if (weights != outputChannels * inputChannels * kernel * kernel || input != inputChannels * plane || output != outputChannels * outputPlane)
        {
            throw new ArgumentException(
                $"A convolution of {inputChannels} x {plane} inputs to {outputChannels} x {outputPlane} outputs with a {kernel}x{kernel} kernel "
                + $"needs {outputChannels * inputChannels * kernel * kernel} weights, {inputChannels * plane} inputs and {outputChannels * outputPlane} outputs; "
                + $"it was given {weights}, {input} and {output}.");
        }
    }

    /// <summary><c>y[i] += a · x[i]</c> for <paramref name="count"/> values.</summary>
    private static void MultiplyAdd(float a, ref float x, ref float y, int count)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(a);
            for (; i + Vector<float>.Count <= count; i += Vector<float>.Count)
            {
                ref float target = ref Unsafe.Add(ref y, i);
                Store(ref target, Load(ref target) + (scale * Load(ref Unsafe.Add(ref x, i))));
            }
        }

        for (; i < count; i++)
        {
            Unsafe.Add(ref y, i) += a * Unsafe.Add(ref x, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float start) => Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref start));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float start, Vector<float> value) => Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref start), value);
}
