using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
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
public static unsafe class Conv2DKernels
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

    /// <summary>
    /// <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int, int, int, int)"/>
    /// for every sample of a batch laid out one after another; large batches are split by samples over
    /// <see cref="Parallelism.MaxThreads"/> threads.
    /// </summary>
    public static void ForwardBatch(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
    {
        var shape = new Conv2DGeometry(biases.Length, inputChannels, inputHeight, inputWidth, kernel, stride, padding);
        int batch = inputs.Length / Math.Max(shape.InputSize, 1);
        shape.Check(weights.Length, inputs.Length, outputs.Length, batch);
        int parts = WorkerPool.Parts(batch * shape.Work, batch);
        fixed (float* w = weights, b = biases, x = inputs, y = outputs)
        {
            var job = new BatchJob(w, b, x, y, shape, batch);
            WorkerPool.Run(&ForwardBatchPart, &job, parts);
        }
    }

    /// <summary>
    /// <see cref="Backward"/> for every sample of a batch: the parameter gradients of all samples are added up, in
    /// sample order, and <paramref name="inputGradients"/> (unless empty) receives each sample's. Large batches are
    /// split over <see cref="Parallelism.MaxThreads"/> threads: the parameter gradients by filters, the input
    /// gradients by samples, so every value is the sum it is on one thread.
    /// </summary>
    public static void BackwardBatch(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> inputs, ReadOnlySpan<float> gradZ,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding)
    {
        var shape = new Conv2DGeometry(biasGradients.Length, inputChannels, inputHeight, inputWidth, kernel, stride, padding);
        int batch = inputs.Length / Math.Max(shape.InputSize, 1);
        shape.Check(weights.Length, inputs.Length, gradZ.Length, batch);
        if (weightGradients.Length != weights.Length || (!inputGradients.IsEmpty && inputGradients.Length != inputs.Length))
        {
            throw new ArgumentException(
                $"The gradients need {weights.Length} weights and {inputs.Length} inputs (or none); they were given {weightGradients.Length} and {inputGradients.Length}.");
        }

        long work = batch * shape.Work * (inputGradients.IsEmpty ? 1 : 2);
        bool bySample = stride == 1;
        int parts = WorkerPool.Parts(work, bySample ? batch : inputGradients.IsEmpty ? shape.OutputChannels : Math.Min(shape.OutputChannels, batch));
        if (parts == 1)
        {
            for (int sample = 0; sample < batch; sample++)
            {
                BackwardSample(
                    weights, inputs.Slice(sample * shape.InputSize, shape.InputSize), gradZ.Slice(sample * shape.OutputSize, shape.OutputSize),
                    weightGradients, biasGradients, inputGradients.IsEmpty ? inputGradients : inputGradients.Slice(sample * shape.InputSize, shape.InputSize),
                    shape, 0, shape.OutputChannels, parameters: true);
            }

            return;
        }

        // Split by samples (stride 1), each sample's parameter gradients go to a slot of their own, added up in sample
        // order after the parts: the sums one thread makes, since a sample's gradients are added to the running sums
        // as one value per weight either way. (Strided convolutions add pixel by pixel: they split by filters.)
        int perSample = weights.Length + biasGradients.Length;
        Span<float> slots = bySample ? SampleSlots(batch * perSample) : Span<float>.Empty;
        fixed (float* w = weights, x = inputs, g = gradZ, gw = weightGradients, gb = biasGradients, gx = inputGradients, slot = slots)
        {
            var job = new BackwardJob(w, x, g, gw, gb, gx, slot, shape, batch);
            WorkerPool.Run(bySample ? &BackwardBatchSamples : &BackwardBatchFilters, &job, parts);
        }

        for (int sample = 0; sample < batch && bySample; sample++)
        {
            Span<float> sampleSlot = slots.Slice(sample * perSample, perSample);
            TensorPrimitives.Add(weightGradients, sampleSlot[..weights.Length], weightGradients);
            TensorPrimitives.Add(biasGradients, sampleSlot[weights.Length..], biasGradients);
        }
    }

    [ThreadStatic]
    private static float[]? sampleSlots;

    /// <summary>This thread's buffer for split backward passes' per-sample gradients, at least <paramref name="length"/> floats.</summary>
    private static Span<float> SampleSlots(int length) => AlignedMemory.Grow(ref sampleSlots, length);

    /// <summary>
    /// One part of a stride-1 <see cref="BackwardBatch"/>: its samples' parameter gradients, each into its own zeroed
    /// slot, and their input gradients.
    /// </summary>
    private static void BackwardBatchSamples(void* state, int part, int parts)
    {
        ref BackwardJob job = ref *(BackwardJob*)state;
        Conv2DGeometry shape = job.Shape;
        int weightCount = shape.OutputChannels * shape.InputChannels * shape.Kernel * shape.Kernel;
        int perSample = weightCount + shape.OutputChannels;
        var weights = new ReadOnlySpan<float>(job.Weights, weightCount);
        (int start, int end) = WorkerPool.Range(part, parts, job.Batch, 1);
        for (int sample = start; sample < end; sample++)
        {
            var slot = new Span<float>(job.Slots + ((long)sample * perSample), perSample);
            slot.Clear();
            BackwardSample(
                weights, new ReadOnlySpan<float>(job.Inputs + ((long)sample * shape.InputSize), shape.InputSize),
                new ReadOnlySpan<float>(job.GradZ + ((long)sample * shape.OutputSize), shape.OutputSize), slot[..weightCount], slot[weightCount..],
                job.InputGradients == null ? Span<float>.Empty : new Span<float>(job.InputGradients + ((long)sample * shape.InputSize), shape.InputSize),
                shape, 0, shape.OutputChannels, parameters: true);
        }
    }

    private static void ForwardBatchPart(void* state, int part, int parts)
    {
        ref BatchJob job = ref *(BatchJob*)state;
        Conv2DGeometry shape = job.Shape;
        (int start, int end) = WorkerPool.Range(part, parts, job.Batch, 1);
        var weights = new ReadOnlySpan<float>(job.Weights, shape.OutputChannels * shape.InputChannels * shape.Kernel * shape.Kernel);
        var biases = new ReadOnlySpan<float>(job.Biases, shape.OutputChannels);
        for (int sample = start; sample < end; sample++)
        {
            Forward(
                weights, biases, new ReadOnlySpan<float>(job.Inputs + ((long)sample * shape.InputSize), shape.InputSize),
                new Span<float>(job.Outputs + ((long)sample * shape.OutputSize), shape.OutputSize),
                shape.InputChannels, shape.InputHeight, shape.InputWidth, shape.Kernel, shape.Stride, shape.Padding, relu: false);
        }
    }

    /// <summary>
    /// One part of a strided <see cref="BackwardBatch"/>: its filters' parameter gradients over every sample in order,
    /// then every filter's input gradients for its samples.
    /// </summary>
    private static void BackwardBatchFilters(void* state, int part, int parts)
    {
        ref BackwardJob job = ref *(BackwardJob*)state;
        Conv2DGeometry shape = job.Shape;
        int weightCount = shape.OutputChannels * shape.InputChannels * shape.Kernel * shape.Kernel;
        var weights = new ReadOnlySpan<float>(job.Weights, weightCount);
        var weightGradients = new Span<float>(job.WeightGradients, weightCount);
        var biasGradients = new Span<float>(job.BiasGradients, shape.OutputChannels);
        (int filterStart, int filterEnd) = WorkerPool.Range(part, parts, shape.OutputChannels, 1);
        for (int sample = 0; sample < job.Batch && filterStart < filterEnd; sample++)
        {
            BackwardSample(
                weights, Inputs(ref job, sample), GradZ(ref job, sample), weightGradients, biasGradients, Span<float>.Empty,
                shape, filterStart, filterEnd, parameters: true);
        }

        if (job.InputGradients != null)
        {
            (int sampleStart, int sampleEnd) = WorkerPool.Range(part, parts, job.Batch, 1);
            for (int sample = sampleStart; sample < sampleEnd; sample++)
            {
                BackwardSample(
                    weights, Inputs(ref job, sample), GradZ(ref job, sample), weightGradients, biasGradients,
                    new Span<float>(job.InputGradients + ((long)sample * shape.InputSize), shape.InputSize),
                    shape, 0, shape.OutputChannels, parameters: false);
            }
        }

        static ReadOnlySpan<float> Inputs(ref BackwardJob job, int sample) =>
            new(job.Inputs + ((long)sample * job.Shape.InputSize), job.Shape.InputSize);

        static ReadOnlySpan<float> GradZ(ref BackwardJob job, int sample) =>
            new(job.GradZ + ((long)sample * job.Shape.OutputSize), job.Shape.OutputSize);
    }

    /// <summary>A <see cref="ForwardBatch"/> call, handed to its parts: the spans are pinned while they run.</summary>
    private readonly struct BatchJob(float* weights, float* biases, float* inputs, float* outputs, Conv2DGeometry shape, int batch)
    {
        public readonly float* Weights = weights, Biases = biases, Inputs = inputs, Outputs = outputs;
        public readonly Conv2DGeometry Shape = shape;
        public readonly int Batch = batch;
    }

    /// <summary>A <see cref="BackwardBatch"/> call, handed to its parts; <see cref="InputGradients"/> is null when they are not wanted.</summary>
    private readonly struct BackwardJob(
        float* weights, float* inputs, float* gradZ, float* weightGradients, float* biasGradients, float* inputGradients, float* slots,
        Conv2DGeometry shape, int batch)
    {
        public readonly float* Weights = weights, Inputs = inputs, GradZ = gradZ;
        public readonly float* WeightGradients = weightGradients, BiasGradients = biasGradients, InputGradients = inputGradients, Slots = slots;
        public readonly Conv2DGeometry Shape = shape;
        public readonly int Batch = batch;
    }

    private static void Forward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output,
        int inputChannels, int inputHeight, int inputWidth, int kernel, int stride, int padding, bool relu)
    {
        var shape = new Conv2DGeometry(biases.Length, inputChannels, inputHeight, inputWidth, kernel, stride, padding);
        shape.Check(weights.Length, input.Length, output.Length, 1);
        int outputHeight = shape.OutputHeight, outputWidth = shape.OutputWidth;
#if NET8_0_OR_GREATER
        if (stride == 1 && Conv2DBlocks.Applies(outputWidth))
        {
            ForwardBlocks(weights, biases, input, output, inputChannels, inputHeight, inputWidth, kernel, padding, relu);
            return;
        }
#endif

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
        var shape = new Conv2DGeometry(biasGradients.Length, inputChannels, inputHeight, inputWidth, kernel, stride, padding);
        shape.Check(weights.Length, input.Length, gradZ.Length, 1);
        if (weightGradients.Length != weights.Length)
        {
            throw new ArgumentException($"The weight gradients need {weights.Length} values, not {weightGradients.Length}.", nameof(weightGradients));
        }

        bool wantInput = !inputGradients.IsEmpty;
        if (wantInput && inputGradients.Length != input.Length)
        {
            throw new ArgumentException($"The input gradients need {input.Length} values, not {inputGradients.Length}.", nameof(inputGradients));
        }

        BackwardSample(weights, input, gradZ, weightGradients, biasGradients, inputGradients, shape, 0, shape.OutputChannels, parameters: true);
    }

    /// <summary>
    /// One sample's backward pass through filters <paramref name="filterStart"/> to <paramref name="filterEnd"/>: their
    /// weight and bias gradients when <paramref name="parameters"/>, and, unless <paramref name="inputGradients"/> is
    /// empty, their contributions to the input gradients (cleared first when the range starts at the first filter).
    /// A filter's gradients, and each input gradient, are the same sums whichever of these are computed with them.
    /// </summary>
    private static void BackwardSample(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> input, ReadOnlySpan<float> gradZ,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients, Conv2DGeometry shape, int filterStart, int filterEnd, bool parameters)
    {
        bool wantInput = !inputGradients.IsEmpty;
        if (wantInput && filterStart == 0)
        {
            inputGradients.Clear();
        }

        if (shape.Stride == 1)
        {
            BackwardRows(weights, input, gradZ, weightGradients, biasGradients, inputGradients, shape, filterStart, filterEnd, parameters);
            return;
        }

        int inputChannels = shape.InputChannels, inputHeight = shape.InputHeight, inputWidth = shape.InputWidth;
        int kernel = shape.Kernel, stride = shape.Stride, padding = shape.Padding;
        int outputHeight = shape.OutputHeight, outputWidth = shape.OutputWidth, plane = inputHeight * inputWidth;
        for (int oc = filterStart; oc < filterEnd; oc++)
        {
            for (int oy = 0; oy < outputHeight; oy++)
            {
                for (int ox = 0; ox < outputWidth; ox++)
                {
                    float g = gradZ[(((oc * outputHeight) + oy) * outputWidth) + ox];
                    if (parameters)
                    {
                        biasGradients[oc] += g;
                    }

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
                                if (parameters)
                                {
                                    weightGradients[w] += g * input[x];
                                }

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

#if NET8_0_OR_GREATER
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
#endif

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
    private static Span<float> PaddedBuffer(int length) => AlignedMemory.Grow(ref paddedBuffer, length);

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
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients, Conv2DGeometry shape, int filterStart, int filterEnd, bool parameters)
    {
        // Two passes over the gradient rows rather than one with both products in it: the loop that carries a dot
        // product's accumulators ran at half speed with the other product (or a test for it) beside them.
        if (parameters)
        {
            ParameterGradientRows(input, gradZ, weightGradients, biasGradients, shape, filterStart, filterEnd);
        }

        if (!inputGradients.IsEmpty)
        {
            InputGradientRows(weights, gradZ, inputGradients, shape, filterStart, filterEnd);
        }
    }

    /// <summary>Stride 1: adds filters' bias gradients and weight gradients, each tap's one dot product over its rows.</summary>
    private static void ParameterGradientRows(
        ReadOnlySpan<float> input, ReadOnlySpan<float> gradZ, Span<float> weightGradients, Span<float> biasGradients,
        Conv2DGeometry shape, int filterStart, int filterEnd)
    {
        int inputChannels = shape.InputChannels, inputHeight = shape.InputHeight, inputWidth = shape.InputWidth;
        int kernel = shape.Kernel, padding = shape.Padding, outputHeight = shape.OutputHeight, outputWidth = shape.OutputWidth;
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float g = ref MemoryMarshal.GetReference(gradZ);
        int outputPlane = outputHeight * outputWidth;
#if NET8_0_OR_GREATER
        bool blocked = Conv2DWeightGradients.Applies(kernel, outputWidth);
#else
        bool blocked = false;
#endif
        int paddedWidth = inputWidth + (2 * padding), paddedPlane = (inputHeight + (2 * padding)) * paddedWidth;
        ref float padded = ref MemoryMarshal.GetReference(blocked && padding > 0 ? Pad(input, inputChannels, inputHeight, inputWidth, padding) : input);
        for (int oc = filterStart; oc < filterEnd; oc++)
        {
            biasGradients[oc] += TensorPrimitives.Sum(gradZ.Slice(oc * outputPlane, outputPlane)); // vector lanes, not one chain of adds
#if NET8_0_OR_GREATER
            if (blocked)
            {
                for (int ic = 0; ic < inputChannels; ic++)
                {
                    Conv2DWeightGradients.ThreeByThree(
                        ref Unsafe.Add(ref g, oc * outputPlane), ref Unsafe.Add(ref padded, ic * paddedPlane),
                        ref weightGradients[((oc * inputChannels) + ic) * 9], outputHeight, outputWidth, paddedWidth);
                }

                continue;
            }
#endif

            for (int ic = 0; ic < inputChannels; ic++)
            {
                for (int ky = 0; ky < kernel; ky++)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        int tap = (((((oc * inputChannels) + ic) * kernel) + ky) * kernel) + kx;
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

                            ref float gradientRow = ref Unsafe.Add(ref g, (oc * outputPlane) + (oy * outputWidth) + first);
                            ref float inputRow = ref Unsafe.Add(ref x, (ic * inputHeight * inputWidth) + (iy * inputWidth) + first - padding + kx);
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
                        }

                        weightGradients[tap] += sum + Vector.Sum(lanes);
                    }
                }
            }
        }
    }

    /// <summary>Stride 1: adds filters' contributions to the input gradients, each tap's weight times its gradient rows.</summary>
    private static void InputGradientRows(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> gradZ, Span<float> inputGradients, Conv2DGeometry shape, int filterStart, int filterEnd)
    {
        int inputChannels = shape.InputChannels, inputHeight = shape.InputHeight, inputWidth = shape.InputWidth;
        int kernel = shape.Kernel, padding = shape.Padding, outputHeight = shape.OutputHeight, outputWidth = shape.OutputWidth;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float g = ref MemoryMarshal.GetReference(gradZ);
        ref float dx = ref MemoryMarshal.GetReference(inputGradients);
        int outputPlane = outputHeight * outputWidth;
        for (int oc = filterStart; oc < filterEnd; oc++)
        {
            for (int ic = 0; ic < inputChannels; ic++)
            {
                for (int ky = 0; ky < kernel; ky++)
                {
                    for (int kx = 0; kx < kernel; kx++)
                    {
                        float weight = Unsafe.Add(ref w, (((((oc * inputChannels) + ic) * kernel) + ky) * kernel) + kx);
                        (int first, int count) = Columns(kx, padding, inputWidth, outputWidth);
                        for (int oy = 0; oy < outputHeight && count > 0; oy++)
                        {
                            int iy = oy - padding + ky;
                            if ((uint)iy < (uint)inputHeight)
                            {
                                MultiplyAdd(
                                    weight, ref Unsafe.Add(ref g, (oc * outputPlane) + (oy * outputWidth) + first),
                                    ref Unsafe.Add(ref dx, (ic * inputHeight * inputWidth) + (iy * inputWidth) + first - padding + kx), count);
                            }
                        }
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
