using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// The matrix-vector products of a dense layer whose weights are stored <c>[outputs, inputs]</c>
/// row-major (PyTorch's <c>nn.Linear</c> layout). Generated code calls these for layers too large
/// to unroll; the lengths it passes are compile-time constants.
/// </summary>
/// <remarks>
/// Forward computes sixteen rows at a time where AVX-512 runs at full width and a row is one to four 512-bit vectors
/// (one shuffle tree per block), otherwise eight rows at a time with AVX (eight accumulators reduced together by
/// horizontal adds), else four with hardware-sized <see cref="Vector{T}"/> accumulators (128 bits on Arm NEON), so every
/// load of the input serves several rows. With AVX-512, ForwardBatch takes six samples by four rows at a time (the rest three
/// by eight), so every weight load serves several samples; small layers batch through <c>SmallDenseBatch</c>
/// instead. Lengths are checked once up front; the loops then read without bounds checks.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static unsafe class DenseKernels
{
    /// <summary><c>output = weights · input + biases</c>.</summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<IdentityActivation>(weights, biases, input, output, sixteenRows: true);

    /// <summary><see cref="Forward"/> then ReLU, applied to each block of sums while it is still in registers.</summary>
    public static void ForwardReLU(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<ReLUActivation>(weights, biases, input, output, sixteenRows: true);

    /// <summary><see cref="Forward"/> then tanh, applied to each block of sums while it is still in registers.</summary>
    public static void ForwardTanh(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<TanhActivation>(weights, biases, input, output, sixteenRows: true);

    /// <summary><see cref="Forward"/> then tanh at inference (<see cref="RationalTanh"/>), applied to each block of sums while it is still in registers.</summary>
    public static void ForwardRationalTanh(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<RationalTanhActivation>(weights, biases, input, output, sixteenRows: true);

    /// <summary><see cref="Forward"/> then the logistic function, applied to each block of sums while it is still in registers.</summary>
    public static void ForwardSigmoid(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<SigmoidActivation>(weights, biases, input, output, sixteenRows: true);

    /// <summary>
    /// The product, then the activation of each block of sums in registers (N3's <c>Forward</c> 177 -> 165 ns against a
    /// second call over the stored sums; <c>Dot8</c> inlined into the row loop, 145; <c>Dot16</c>, 122).
    /// Inlined into each public form, a call less per layer (122 -> 106 ns); the public forms are not inlined into the
    /// generated code, where a copy per layer made N3's <c>ForwardPacked</c> more than the JIT keeps in registers (77 -> 120 ns).
    /// Without <paramref name="sixteenRows"/>, every row goes in the eight-row blocks (<see cref="ForwardEightRows"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward<TActivation>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, bool sixteenRows)
        where TActivation : struct, IVectorActivation
    {
        int inputs = input.Length;
        int outputs = output.Length;
        CheckShapes(weights.Length, biases.Length, inputs, outputs);
        if (inputs == 1)
        {
            // One input (a recurrent layer on one audio channel): the weights are a column and the product one vector
            // multiply-add, rounded as the row kernel rounds it (the product, then the bias added). The row kernel
            // took 43 ns for a GRU-8's 24 rows, one row at a time.
            TensorPrimitives.MultiplyAdd(weights, input[0], biases, output);
            default(TActivation).Apply(output);
            return;
        }

        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float y = ref MemoryMarshal.GetReference(output);
        int row = 0;
#if NET8_0_OR_GREATER
        if (sixteenRows && SixteenRows(inputs))
        {
            for (; row + 16 <= outputs; row += 16)
            {
                default(TActivation).Apply(Dot16(ref Unsafe.Add(ref w, row * inputs), inputs, ref x) + Vector512.LoadUnsafe(ref b, (nuint)row)).StoreUnsafe(ref y, (nuint)row);
            }
        }
#endif

        SampleRows<TActivation>(ref w, ref b, ref x, ref y, inputs, row, outputs);
    }

    /// <summary>
    /// <see cref="Forward"/> in blocks of eight rows (<c>Dot8</c>) whatever the length: the arithmetic a GRU's or
    /// LSTM's gate products keep, which <see cref="StreamLanes"/> reproduces lane by lane.
    /// </summary>
    internal static void ForwardEightRows(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        Forward<IdentityActivation>(weights, biases, input, output, sixteenRows: false);

#if NET8_0_OR_GREATER
    /// <summary>
    /// Rows of one to four 512-bit vectors go sixteen at a time (<see cref="Dot16"/>) where AVX-512 runs at full width:
    /// the input stays in registers and one shuffle tree sums sixteen rows (N3's <c>Forward</c> 145 -> 122 ns; a 32 -> 32
    /// layer alone 53 -> 40 ns). The recurrent gate products keep <see cref="ForwardEightRows"/>.
    /// </summary>
    private static bool SixteenRows(int inputs) => Vector512.IsHardwareAccelerated && Avx512F.IsSupported && inputs % 16 == 0 && inputs <= 64;

    /// <summary>
    /// The dot products of sixteen consecutive rows of <paramref name="length"/> (16, 32, 48 or 64) with
    /// <paramref name="x"/>, as one vector in row order: each row's lane-wise products in one 512-bit vector (a
    /// multiply-add per further block of the input), then four levels of shuffles and adds, each halving the vectors:
    /// lanes (0, 2) and (1, 3) of every 128-bit group, then the group's two pairs, then the groups in pairs, then the halves.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Dot16(ref float w0, int length, ref float x)
    {
        nuint stride = (nuint)length;
        Vector512<float> block = Vector512.LoadUnsafe(ref x);
        Vector512<float> p0 = Vector512.LoadUnsafe(ref w0) * block, p1 = Vector512.LoadUnsafe(ref w0, stride) * block;
        Vector512<float> p2 = Vector512.LoadUnsafe(ref w0, 2 * stride) * block, p3 = Vector512.LoadUnsafe(ref w0, 3 * stride) * block;
        Vector512<float> p4 = Vector512.LoadUnsafe(ref w0, 4 * stride) * block, p5 = Vector512.LoadUnsafe(ref w0, 5 * stride) * block;
        Vector512<float> p6 = Vector512.LoadUnsafe(ref w0, 6 * stride) * block, p7 = Vector512.LoadUnsafe(ref w0, 7 * stride) * block;
        Vector512<float> p8 = Vector512.LoadUnsafe(ref w0, 8 * stride) * block, p9 = Vector512.LoadUnsafe(ref w0, 9 * stride) * block;
        Vector512<float> p10 = Vector512.LoadUnsafe(ref w0, 10 * stride) * block, p11 = Vector512.LoadUnsafe(ref w0, 11 * stride) * block;
        Vector512<float> p12 = Vector512.LoadUnsafe(ref w0, 12 * stride) * block, p13 = Vector512.LoadUnsafe(ref w0, 13 * stride) * block;
        Vector512<float> p14 = Vector512.LoadUnsafe(ref w0, 14 * stride) * block, p15 = Vector512.LoadUnsafe(ref w0, 15 * stride) * block;
        for (nuint j = 16; j < stride; j += 16)
        {
            // Each further block of the input scales the same block of every row: one multiply-add per row.
            block = Vector512.LoadUnsafe(ref x, j);
            ref float w = ref Unsafe.Add(ref w0, j);
            p0 = Fma512(Vector512.LoadUnsafe(ref w), block, p0);
            p1 = Fma512(Vector512.LoadUnsafe(ref w, stride), block, p1);
            p2 = Fma512(Vector512.LoadUnsafe(ref w, 2 * stride), block, p2);
            p3 = Fma512(Vector512.LoadUnsafe(ref w, 3 * stride), block, p3);
            p4 = Fma512(Vector512.LoadUnsafe(ref w, 4 * stride), block, p4);
            p5 = Fma512(Vector512.LoadUnsafe(ref w, 5 * stride), block, p5);
            p6 = Fma512(Vector512.LoadUnsafe(ref w, 6 * stride), block, p6);
            p7 = Fma512(Vector512.LoadUnsafe(ref w, 7 * stride), block, p7);
            p8 = Fma512(Vector512.LoadUnsafe(ref w, 8 * stride), block, p8);
            p9 = Fma512(Vector512.LoadUnsafe(ref w, 9 * stride), block, p9);
            p10 = Fma512(Vector512.LoadUnsafe(ref w, 10 * stride), block, p10);
            p11 = Fma512(Vector512.LoadUnsafe(ref w, 11 * stride), block, p11);
            p12 = Fma512(Vector512.LoadUnsafe(ref w, 12 * stride), block, p12);
            p13 = Fma512(Vector512.LoadUnsafe(ref w, 13 * stride), block, p13);
            p14 = Fma512(Vector512.LoadUnsafe(ref w, 14 * stride), block, p14);
            p15 = Fma512(Vector512.LoadUnsafe(ref w, 15 * stride), block, p15);
        }

        Vector512<float> q0 = Interleave(p0, p1), q1 = Interleave(p2, p3), q2 = Interleave(p4, p5), q3 = Interleave(p6, p7);
        Vector512<float> q4 = Interleave(p8, p9), q5 = Interleave(p10, p11), q6 = Interleave(p12, p13), q7 = Interleave(p14, p15);
        Vector512<float> r0 = Pairs(q0, q1), r1 = Pairs(q2, q3), r2 = Pairs(q4, q5), r3 = Pairs(q6, q7);
        return Groups(Groups(r0, r1), Groups(r2, r3));
    }

    /// <summary>Two rows' products to one vector: in every 128-bit group, lanes 0 + 2 and 1 + 3 of each row, interleaved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Interleave(Vector512<float> a, Vector512<float> b) => Avx512F.UnpackLow(a, b) + Avx512F.UnpackHigh(a, b);

    /// <summary>Two interleaved pairs to four rows per 128-bit group, each group holding its own partial sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pairs(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle() + Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    /// <summary>Two vectors of row groups to one: groups 0 + 1 and 2 + 3 of each, the first's before the second's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Groups(Vector512<float> a, Vector512<float> b) =>
        Avx512F.Shuffle4x128(a, b, 0b10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b11_01_11_01);
#endif

    /// <summary>
    /// Rows <paramref name="rowStart"/> (a multiple of eight) to <paramref name="rowEnd"/> of one sample's product:
    /// eight rows at a time, then four, then one, so a range that ends on a multiple of eight takes the same blocks, and
    /// the same sums, as the whole. Each block of eight is activated in registers, the rows after it together (the
    /// activation's bits do not depend on where a value sits).
    /// </summary>
    private static void SampleRows<TActivation>(ref float w, ref float b, ref float x, ref float y, int inputs, int rowStart, int rowEnd)
        where TActivation : struct, IVectorActivation
    {
        int row = rowStart;
#if NET8_0_OR_GREATER
        if (Avx.IsSupported && inputs >= Vector256<float>.Count)
        {
            for (; row + 8 <= rowEnd; row += 8)
            {
                Vector256<float> sums = Dot8(ref Unsafe.Add(ref w, row * inputs), inputs, ref x);
                default(TActivation).Apply(sums + Vector256.LoadUnsafe(ref b, (nuint)row)).StoreUnsafe(ref y, (nuint)row);
            }
        }
#endif

        int tail = row;
        for (; row + 4 <= rowEnd; row += 4)
        {
            Dot4(ref Unsafe.Add(ref w, row * inputs), inputs, ref x, out float s0, out float s1, out float s2, out float s3);
            Unsafe.Add(ref y, row) = Unsafe.Add(ref b, row) + s0;
            Unsafe.Add(ref y, row + 1) = Unsafe.Add(ref b, row + 1) + s1;
            Unsafe.Add(ref y, row + 2) = Unsafe.Add(ref b, row + 2) + s2;
            Unsafe.Add(ref y, row + 3) = Unsafe.Add(ref b, row + 3) + s3;
        }

        for (; row < rowEnd; row++)
        {
            Unsafe.Add(ref y, row) = Unsafe.Add(ref b, row) + Dot(ref Unsafe.Add(ref w, row * inputs), ref x, inputs);
        }

        if (row > tail)
        {
            default(TActivation).Apply(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref y, tail), row - tail));
        }
    }

    /// <summary>
    /// <see cref="Forward"/> for every sample of a batch: <paramref name="inputs"/> holds the samples one after
    /// another, and <paramref name="outputs"/> receives theirs in the same order.
    /// </summary>
    public static void ForwardBatch(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int outputSize = biases.Length;
        int inputSize = weights.Length / outputSize;
        int batch = outputs.Length / outputSize;
        if (inputs.Length != batch * inputSize || outputs.Length != batch * outputSize)
        {
            throw new ArgumentException($"A batch of {batch} needs {batch * inputSize} inputs and {batch * outputSize} outputs.");
        }

#if NET8_0_OR_GREATER
        if (SmallDenseBatch.Suits(inputSize, outputSize, batch))
        {
            SmallDenseBatch.Forward(weights, biases, inputs, outputs, batch);
            return;
        }
#endif

        // Parts split whichever of the weights and the inputs is larger, so that each part reads only its share of it.
        bool bySample = batch > outputSize;
        int blocks = bySample ? (batch + SampleGranularity - 1) / SampleGranularity : (outputSize + RowGranularity - 1) / RowGranularity;
        int parts = WorkerPool.Parts((long)batch * inputSize * outputSize, blocks);
        fixed (float* w = weights, b = biases, x = inputs, y = outputs)
        {
            var job = new BatchJob(w, b, x, y, inputSize, outputSize, batch);
            WorkerPool.Run(bySample ? &ForwardBatchSamples : &ForwardBatchRows, &job, parts);
        }
    }

    /// <summary>
    /// One part of <see cref="ForwardBatch"/> by rows: parts split the output rows on multiples of
    /// <see cref="RowGranularity"/>, each reading only its rows' weights, and each output is the sum it is in one part.
    /// </summary>
    private static void ForwardBatchRows(void* state, int part, int parts)
    {
        ref BatchJob job = ref *(BatchJob*)state;
        (int rowStart, int rowEnd) = WorkerPool.Range(part, parts, job.OutputSize, RowGranularity);
        ForwardBatchRows(ref *job.Weights, ref *job.Biases, ref *job.Inputs, ref *job.Outputs, job.InputSize, job.OutputSize, job.Batch, rowStart, rowEnd);
    }

    /// <summary>
    /// One part of <see cref="ForwardBatch"/> by samples: parts split the batch on multiples of
    /// <see cref="SampleGranularity"/>, so each sample falls in the same block of samples as in one part.
    /// </summary>
    private static void ForwardBatchSamples(void* state, int part, int parts)
    {
        ref BatchJob job = ref *(BatchJob*)state;
        (int sampleStart, int sampleEnd) = WorkerPool.Range(part, parts, job.Batch, SampleGranularity);
        ForwardBatchRows(
            ref *job.Weights, ref *job.Biases, ref job.Inputs[sampleStart * job.InputSize], ref job.Outputs[sampleStart * job.OutputSize],
            job.InputSize, job.OutputSize, sampleEnd - sampleStart, 0, job.OutputSize);
    }

    /// <summary>Rows <paramref name="rowStart"/> (a multiple of eight) to <paramref name="rowEnd"/> of every sample's product.</summary>
    private static void ForwardBatchRows(ref float w, ref float b, ref float x, ref float y, int inputSize, int outputSize, int batch, int rowStart, int rowEnd)
    {
        int sample = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated && Avx.IsSupported && inputSize >= Vector512<float>.Count)
        {
            // Six samples and four rows at a time: each weight row is read from memory once per six samples (the
            // weights of a large layer stream from L2, which bounded the three-sample blocks), the six samples' inputs
            // stay in L1 across the rows, and the 24 accumulators fit AVX-512's 32 registers.
            for (; sample + 6 <= batch; sample += 6)
            {
                ref float x0 = ref Unsafe.Add(ref x, sample * inputSize);
                ref float y0 = ref Unsafe.Add(ref y, sample * outputSize);
                int row = rowStart;
                for (; row + 4 <= rowEnd; row += 4)
                {
                    Dot4x6(ref Unsafe.Add(ref w, row * inputSize), inputSize, 4, ref x0, out SixSums sums);
                    Vector128<float> bias = Vector128.LoadUnsafe(ref b, (nuint)row);
                    (sums.Sample0 + bias).StoreUnsafe(ref y0, (nuint)row);
                    (sums.Sample1 + bias).StoreUnsafe(ref y0, (nuint)(outputSize + row));
                    (sums.Sample2 + bias).StoreUnsafe(ref y0, (nuint)((2 * outputSize) + row));
                    (sums.Sample3 + bias).StoreUnsafe(ref y0, (nuint)((3 * outputSize) + row));
                    (sums.Sample4 + bias).StoreUnsafe(ref y0, (nuint)((4 * outputSize) + row));
                    (sums.Sample5 + bias).StoreUnsafe(ref y0, (nuint)((5 * outputSize) + row));
                }

                if (row < rowEnd)
                {
                    // The last one to three rows in one more block (N4's 1352 -> 10 layer: rows 8 and 9 took as long as
                    // the eight before them, one chain of multiply-adds per row and sample).
                    int rows = rowEnd - row;
                    Dot4x6(ref Unsafe.Add(ref w, row * inputSize), inputSize, rows, ref x0, out SixSums sums);
                    for (int k = 0; k < rows; k++)
                    {
                        float bias = Unsafe.Add(ref b, row + k);
                        Unsafe.Add(ref y0, row + k) = bias + sums.Sample0.GetElement(k);
                        Unsafe.Add(ref y0, outputSize + row + k) = bias + sums.Sample1.GetElement(k);
                        Unsafe.Add(ref y0, (2 * outputSize) + row + k) = bias + sums.Sample2.GetElement(k);
                        Unsafe.Add(ref y0, (3 * outputSize) + row + k) = bias + sums.Sample3.GetElement(k);
                        Unsafe.Add(ref y0, (4 * outputSize) + row + k) = bias + sums.Sample4.GetElement(k);
                        Unsafe.Add(ref y0, (5 * outputSize) + row + k) = bias + sums.Sample5.GetElement(k);
                    }
                }
            }

            // Three samples and eight rows at a time for the rest of the batch.
            for (; sample + 3 <= batch; sample += 3)
            {
                ref float x0 = ref Unsafe.Add(ref x, sample * inputSize);
                ref float y0 = ref Unsafe.Add(ref y, sample * outputSize);
                int row = rowStart;
                for (; row + 8 <= rowEnd; row += 8)
                {
                    Dot8x3(ref Unsafe.Add(ref w, row * inputSize), inputSize, ref x0, out Vector256<float> s0, out Vector256<float> s1, out Vector256<float> s2);
                    Vector256<float> bias = Vector256.LoadUnsafe(ref b, (nuint)row);
                    (s0 + bias).StoreUnsafe(ref y0, (nuint)row);
                    (s1 + bias).StoreUnsafe(ref y0, (nuint)(outputSize + row));
                    (s2 + bias).StoreUnsafe(ref y0, (nuint)((2 * outputSize) + row));
                }

                for (; row < rowEnd; row++)
                {
                    ref float weightRow = ref Unsafe.Add(ref w, row * inputSize);
                    for (int k = 0; k < 3; k++)
                    {
                        Unsafe.Add(ref y0, (k * outputSize) + row) = Unsafe.Add(ref b, row) + Dot(ref weightRow, ref Unsafe.Add(ref x0, k * inputSize), inputSize);
                    }
                }
            }
        }
#endif

        for (; sample < batch; sample++)
        {
            SampleRows<IdentityActivation>(ref w, ref b, ref Unsafe.Add(ref x, sample * inputSize), ref Unsafe.Add(ref y, sample * outputSize), inputSize, rowStart, rowEnd);
        }
    }

    /// <summary>
    /// <c>output = weightsᵀ · input + biases</c> for weights stored <c>[inputs, outputs]</c>: a tied decoder's product
    /// with its encoder's weights, and every dense layer of <c>ForwardPacked</c>. Each input scales a row of the weights
    /// into accumulators that hold 32 outputs at a time: no horizontal sums.
    /// </summary>
    public static void ForwardTransposed(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        ForwardTransposed<IdentityActivation>(weights, biases, input, output);

    /// <summary><see cref="ForwardTransposed"/> then ReLU, applied before the outputs leave the registers.</summary>
    public static void ForwardTransposedReLU(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        ForwardTransposed<ReLUActivation>(weights, biases, input, output);

    /// <summary>
    /// <see cref="ForwardTransposed"/> then tanh, applied before the outputs leave the registers: at batch 1 the
    /// activation's chain starts as soon as the sums are ready, with no second call, store and reload.
    /// </summary>
    public static void ForwardTransposedTanh(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        ForwardTransposed<TanhActivation>(weights, biases, input, output);

    /// <summary><see cref="ForwardTransposed"/> then tanh at inference (<see cref="RationalTanh"/>), applied before the outputs leave the registers.</summary>
    public static void ForwardTransposedRationalTanh(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        ForwardTransposed<RationalTanhActivation>(weights, biases, input, output);

    /// <summary><see cref="ForwardTransposed"/> then the logistic function, applied before the outputs leave the registers.</summary>
    public static void ForwardTransposedSigmoid(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output) =>
        ForwardTransposed<SigmoidActivation>(weights, biases, input, output);

    /// <summary>
    /// <see cref="ForwardTransposed"/> for every sample of a batch, one after another in <paramref name="inputs"/> and
    /// <paramref name="outputs"/>, each sample getting the bits it gets alone. Fewer than 32 outputs (a classifier's ten,
    /// a regression's one) are each a single chain of multiply-adds as long as the inputs, so they go four samples at a
    /// time: four chains in flight instead of one.
    /// </summary>
    public static void ForwardBatchTransposed(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int outputSize = biases.Length;
        int inputSize = outputSize == 0 ? 0 : weights.Length / outputSize;
        int batch = inputSize == 0 ? 0 : inputs.Length / inputSize;
        if (inputSize == 0 || weights.Length != inputSize * outputSize || inputs.Length != batch * inputSize || outputs.Length != batch * outputSize)
        {
            throw new ArgumentException(
                $"A batch of {batch} through a dense layer of {weights.Length} weights and {outputSize} biases needs {batch * inputSize} inputs and {batch * outputSize} outputs, "
                + $"not {inputs.Length} and {outputs.Length}.");
        }

#if NET8_0_OR_GREATER
        if (outputSize >= 32 || !Vector256.IsHardwareAccelerated)
#endif
        {
            // Blocks of 32 outputs already keep eight chains in flight per sample.
            for (int sample = 0; sample < batch; sample++)
            {
                ForwardTransposed<IdentityActivation>(weights, biases, inputs.Slice(sample * inputSize, inputSize), outputs.Slice(sample * outputSize, outputSize));
            }

            return;
        }

#if NET8_0_OR_GREATER
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        for (int sample = 0; sample < batch; sample += 4)
        {
            NarrowFourSamples(
                ref w, ref b, ref Unsafe.Add(ref MemoryMarshal.GetReference(inputs), sample * inputSize),
                ref Unsafe.Add(ref MemoryMarshal.GetReference(outputs), sample * outputSize), inputSize, outputSize, Math.Min(4, batch - sample));
        }
#endif
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Fewer than 32 outputs of four consecutive samples as <see cref="ForwardTransposedColumns{TActivation}"/> computes
    /// each: blocks of eight outputs in 256-bit chains, then one output at a time. With <paramref name="count"/> below
    /// four (a batch's last samples) the missing samples repeat the last one, whose sums are left unstored.
    /// </summary>
    private static void NarrowFourSamples(ref float w, ref float b, ref float x, ref float y, int inputs, int outputs, int count)
    {
        nuint last = (nuint)(count - 1);
        ref float x0 = ref x;
        ref float x1 = ref Unsafe.Add(ref x, Math.Min(1, last) * (nuint)inputs);
        ref float x2 = ref Unsafe.Add(ref x, Math.Min(2, last) * (nuint)inputs);
        ref float x3 = ref Unsafe.Add(ref x, Math.Min(3, last) * (nuint)inputs);
        int column = 0;
        for (; column + 8 <= outputs; column += 8)
        {
            Vector256<float> s0 = Vector256.LoadUnsafe(ref b, (nuint)column), s1 = s0, s2 = s0, s3 = s0;
            ref float row = ref Unsafe.Add(ref w, column);
            for (int i = 0; i < inputs; i++, row = ref Unsafe.Add(ref row, outputs))
            {
                Vector256<float> weight = Vector256.LoadUnsafe(ref row);
                s0 = MultiplyAdd(weight, Vector256.Create(Unsafe.Add(ref x0, i)), s0);
                s1 = MultiplyAdd(weight, Vector256.Create(Unsafe.Add(ref x1, i)), s1);
                s2 = MultiplyAdd(weight, Vector256.Create(Unsafe.Add(ref x2, i)), s2);
                s3 = MultiplyAdd(weight, Vector256.Create(Unsafe.Add(ref x3, i)), s3);
            }

            StoreFour(ref y, outputs, column, count, s0, s1, s2, s3);
        }

        for (; column < outputs; column++)
        {
            float bias = Unsafe.Add(ref b, column);
            float t0 = bias, t1 = bias, t2 = bias, t3 = bias;
            for (int i = 0; i < inputs; i++)
            {
                float weight = Unsafe.Add(ref w, (i * outputs) + column);
                t0 += weight * Unsafe.Add(ref x0, i);
                t1 += weight * Unsafe.Add(ref x1, i);
                t2 += weight * Unsafe.Add(ref x2, i);
                t3 += weight * Unsafe.Add(ref x3, i);
            }

            Unsafe.Add(ref y, column) = t0;
            if (count > 1)
            {
                Unsafe.Add(ref y, outputs + column) = t1;
            }

            if (count > 2)
            {
                Unsafe.Add(ref y, (2 * outputs) + column) = t2;
            }

            if (count > 3)
            {
                Unsafe.Add(ref y, (3 * outputs) + column) = t3;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreFour(ref float y, int outputs, int column, int count, Vector256<float> s0, Vector256<float> s1, Vector256<float> s2, Vector256<float> s3)
    {
        s0.StoreUnsafe(ref y, (nuint)column);
        if (count > 1)
        {
            s1.StoreUnsafe(ref y, (nuint)(outputs + column));
        }

        if (count > 2)
        {
            s2.StoreUnsafe(ref y, (nuint)((2 * outputs) + column));
        }

        if (count > 3)
        {
            s3.StoreUnsafe(ref y, (nuint)((3 * outputs) + column));
        }
    }
#endif

    /// <summary>
    /// The body of each public form above, inlined into it: a call less per layer (N3's <c>ForwardPacked</c> 82 -> 74 ns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardTransposed<TActivation>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output)
        where TActivation : struct, IVectorActivation
    {
        int inputs = input.Length;
        int outputs = output.Length;
        CheckShapes(weights.Length, biases.Length, inputs, outputs);
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float x = ref MemoryMarshal.GetReference(input);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float y = ref MemoryMarshal.GetReference(output);
        int column = 0;
#if NET8_0_OR_GREATER
        if (Vector512.IsHardwareAccelerated)
        {
            for (; column + 32 <= outputs; column += 32)
            {
                ForwardTransposed32<TActivation>(ref Unsafe.Add(ref w, column), ref x, ref Unsafe.Add(ref b, column), ref Unsafe.Add(ref y, column), inputs, outputs);
            }
        }
#endif

        if (column < outputs)
        {
            ForwardTransposedColumns<TActivation>(ref w, ref x, ref b, output, inputs, column);
        }
    }

    /// <summary>
    /// The columns of <see cref="ForwardTransposed{TActivation}"/> from <paramref name="column"/> on: 256-bit blocks of
    /// 32 and of 8 outputs, then one at a time. A method of its own, so the 512-bit path above stays a small function
    /// (inlined into it, these blocks and their activations made it spill and cost N3 four nanoseconds a layer).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ForwardTransposedColumns<TActivation>(ref float w, ref float x, ref float b, Span<float> output, int inputs, int column)
        where TActivation : struct, IVectorActivation
    {
        int outputs = output.Length;
        ref float y = ref MemoryMarshal.GetReference(output);
#if NET8_0_OR_GREATER
        if (Vector256.IsHardwareAccelerated)
        {
            for (; column + 32 <= outputs; column += 32)
            {
                // Even and odd inputs in two sets of accumulators: half as long a chain of dependent multiply-adds.
                Vector256<float> s0 = Vector256.LoadUnsafe(ref b, (nuint)column), s1 = Vector256.LoadUnsafe(ref b, (nuint)column + 8);
                Vector256<float> s2 = Vector256.LoadUnsafe(ref b, (nuint)column + 16), s3 = Vector256.LoadUnsafe(ref b, (nuint)column + 24);
                Vector256<float> t0 = Vector256<float>.Zero, t1 = Vector256<float>.Zero, t2 = Vector256<float>.Zero, t3 = Vector256<float>.Zero;
                ref float row = ref Unsafe.Add(ref w, column);
                int i = 0;
                for (; i + 2 <= inputs; i += 2, row = ref Unsafe.Add(ref row, 2 * outputs))
                {
                    Vector256<float> even = Vector256.Create(Unsafe.Add(ref x, i)), odd = Vector256.Create(Unsafe.Add(ref x, i + 1));
                    ref float next = ref Unsafe.Add(ref row, outputs);
                    s0 = MultiplyAdd(Vector256.LoadUnsafe(ref row), even, s0);
                    s1 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 8), even, s1);
                    s2 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 16), even, s2);
                    s3 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 24), even, s3);
                    t0 = MultiplyAdd(Vector256.LoadUnsafe(ref next), odd, t0);
                    t1 = MultiplyAdd(Vector256.LoadUnsafe(ref next, 8), odd, t1);
                    t2 = MultiplyAdd(Vector256.LoadUnsafe(ref next, 16), odd, t2);
                    t3 = MultiplyAdd(Vector256.LoadUnsafe(ref next, 24), odd, t3);
                }

                if (i < inputs)
                {
                    Vector256<float> last = Vector256.Create(Unsafe.Add(ref x, i));
                    s0 = MultiplyAdd(Vector256.LoadUnsafe(ref row), last, s0);
                    s1 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 8), last, s1);
                    s2 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 16), last, s2);
                    s3 = MultiplyAdd(Vector256.LoadUnsafe(ref row, 24), last, s3);
                }

                default(TActivation).Apply(s0 + t0).StoreUnsafe(ref y, (nuint)column);
                default(TActivation).Apply(s1 + t1).StoreUnsafe(ref y, (nuint)column + 8);
                default(TActivation).Apply(s2 + t2).StoreUnsafe(ref y, (nuint)column + 16);
                default(TActivation).Apply(s3 + t3).StoreUnsafe(ref y, (nuint)column + 24);
            }

            for (; column + 8 <= outputs; column += 8)
            {
                Vector256<float> sum = Vector256.LoadUnsafe(ref b, (nuint)column);
                ref float row = ref Unsafe.Add(ref w, column);
                for (int i = 0; i < inputs; i++, row = ref Unsafe.Add(ref row, outputs))
                {
                    sum = MultiplyAdd(Vector256.LoadUnsafe(ref row), Vector256.Create(Unsafe.Add(ref x, i)), sum);
                }

                default(TActivation).Apply(sum).StoreUnsafe(ref y, (nuint)column);
            }
        }
#endif

        // Four outputs at a time where there are no vectors: four chains of adds in flight instead of one, each output
        // still summed input by input from its bias (the bits of one at a time).
        int tail = column;
        for (; column + 4 <= outputs; column += 4)
        {
            float s0 = Unsafe.Add(ref b, column), s1 = Unsafe.Add(ref b, column + 1), s2 = Unsafe.Add(ref b, column + 2), s3 = Unsafe.Add(ref b, column + 3);
            ref float row = ref Unsafe.Add(ref w, column);
            for (int i = 0; i < inputs; i++, row = ref Unsafe.Add(ref row, outputs))
            {
                float value = Unsafe.Add(ref x, i);
                s0 += row * value;
                s1 += Unsafe.Add(ref row, 1) * value;
                s2 += Unsafe.Add(ref row, 2) * value;
                s3 += Unsafe.Add(ref row, 3) * value;
            }

            Unsafe.Add(ref y, column) = s0;
            Unsafe.Add(ref y, column + 1) = s1;
            Unsafe.Add(ref y, column + 2) = s2;
            Unsafe.Add(ref y, column + 3) = s3;
        }

        for (; column < outputs; column++)
        {
            float sum = Unsafe.Add(ref b, column);
            for (int i = 0; i < inputs; i++)
            {
                sum += Unsafe.Add(ref w, (i * outputs) + column) * Unsafe.Add(ref x, i);
            }

            Unsafe.Add(ref y, column) = sum;
        }

        default(TActivation).Apply(output.Slice(tail));
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Thirty-two outputs of <see cref="ForwardTransposed"/> with 512-bit vectors: inputs taken four at a time into four
    /// sets of two accumulators, so eight chains of multiply-adds each a quarter of the inputs long (a batch-1 layer is
    /// bound by that chain, not by the arithmetic), added pairwise at the end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForwardTransposed32<TActivation>(ref float w, ref float x, ref float b, ref float y, int inputs, int stride)
        where TActivation : struct, IVectorActivation
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = Vector512.LoadUnsafe(ref b, 16);
        Vector512<float> b0 = default, b1 = default, c0 = default, c1 = default, d0 = default, d1 = default;
        int i = 0;
        for (; i + 4 <= inputs; i += 4, w = ref Unsafe.Add(ref w, 4 * stride))
        {
            Vector512<float> x0 = Vector512.Create(Unsafe.Add(ref x, i)), x1 = Vector512.Create(Unsafe.Add(ref x, i + 1));
            Vector512<float> x2 = Vector512.Create(Unsafe.Add(ref x, i + 2)), x3 = Vector512.Create(Unsafe.Add(ref x, i + 3));
            ref float w1 = ref Unsafe.Add(ref w, stride);
            ref float w2 = ref Unsafe.Add(ref w, 2 * stride);
            ref float w3 = ref Unsafe.Add(ref w, 3 * stride);
            a0 = Fma512(Vector512.LoadUnsafe(ref w), x0, a0);
            a1 = Fma512(Vector512.LoadUnsafe(ref w, 16), x0, a1);
            b0 = Fma512(Vector512.LoadUnsafe(ref w1), x1, b0);
            b1 = Fma512(Vector512.LoadUnsafe(ref w1, 16), x1, b1);
            c0 = Fma512(Vector512.LoadUnsafe(ref w2), x2, c0);
            c1 = Fma512(Vector512.LoadUnsafe(ref w2, 16), x2, c1);
            d0 = Fma512(Vector512.LoadUnsafe(ref w3), x3, d0);
            d1 = Fma512(Vector512.LoadUnsafe(ref w3, 16), x3, d1);
        }

        for (; i < inputs; i++, w = ref Unsafe.Add(ref w, stride))
        {
            Vector512<float> value = Vector512.Create(Unsafe.Add(ref x, i));
            a0 = Fma512(Vector512.LoadUnsafe(ref w), value, a0);
            a1 = Fma512(Vector512.LoadUnsafe(ref w, 16), value, a1);
        }

        default(TActivation).Apply((a0 + b0) + (c0 + d0)).StoreUnsafe(ref y);
        default(TActivation).Apply((a1 + b1) + (c1 + d1)).StoreUnsafe(ref y, 16);
    }
#endif

    /// <summary>
    /// Writes <paramref name="source"/>, a <paramref name="rows"/> x <paramref name="columns"/> row-major matrix, into
    /// <paramref name="destination"/> transposed (<paramref name="columns"/> x <paramref name="rows"/>): how
    /// <c>PackParameters</c> turns a dense layer's <c>[outputs, inputs]</c> weights into <c>[inputs, outputs]</c>.
    /// </summary>
    public static void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int columns)
    {
        if (source.Length != rows * columns || destination.Length != source.Length)
        {
            throw new ArgumentException($"A {rows} x {columns} matrix needs {rows * columns} values in both spans; got {source.Length} and {destination.Length}.");
        }

        MatrixTranspose.Run(ref MemoryMarshal.GetReference(source), rows, columns, ref MemoryMarshal.GetReference(destination), rows);
    }

    /// <summary>
    /// Backpropagates through <c>z = Wᵀ x + b</c> with <c>W</c> stored <c>[inputs, outputs]</c>: adds <c>x ⊗ gradZ</c> into
    /// <paramref name="weightGradients"/> (in <c>W</c>'s layout) and <c>gradZ</c> into <paramref name="biasGradients"/>, and
    /// overwrites <paramref name="inputGradients"/> with <c>W gradZ</c> unless it is empty.
    /// </summary>
    public static void BackwardTransposed(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradZ,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients)
    {
        int inputs = input.Length;
        int outputs = gradZ.Length;
        if (weights.Length != inputs * outputs || weightGradients.Length != weights.Length || biasGradients.Length != outputs
            || (!inputGradients.IsEmpty && inputGradients.Length != inputs))
        {
            throw new ArgumentException($"A transposed dense layer of {inputs} inputs and {outputs} outputs was given mismatched spans.");
        }

        TensorPrimitives.Add(biasGradients, gradZ, biasGradients);
        for (int row = 0; row < inputs; row++)
        {
            Span<float> gradientRow = weightGradients.Slice(row * outputs, outputs);
            TensorPrimitives.MultiplyAdd(gradZ, input[row], gradientRow, gradientRow);
            if (!inputGradients.IsEmpty)
            {
                inputGradients[row] = TensorPrimitives.Dot(weights.Slice(row * outputs, outputs), gradZ);
            }
        }
    }

    /// <summary>
    /// Backpropagates through <c>z = W x + b</c>: adds <c>gradZ ⊗ x</c> into
    /// <paramref name="weightGradients"/> and <c>gradZ</c> into <paramref name="biasGradients"/>, and
    /// overwrites <paramref name="inputGradients"/> with <c>Wᵀ gradZ</c> unless it is empty.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradZ,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients)
    {
        BackwardBatch(weights, input, gradZ, weightGradients, biasGradients, inputGradients);
    }

    /// <summary>
    /// <see cref="Backward"/> for every sample of a batch: the parameter gradients of all samples are added up,
    /// and <paramref name="inputGradients"/> (unless empty) receives each sample's input gradients in order.
    /// </summary>
    /// <remarks>
    /// The weight gradient is the product <c>gradZᵀ · inputs</c>: four rows and two vectors of columns at a time,
    /// summed over every sample in registers before the weight gradients are read and written once, so their
    /// traffic does not grow with the batch. Input gradients take four weight rows per pass.
    /// </remarks>
    public static void BackwardBatch(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> inputs,
        ReadOnlySpan<float> gradZ,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients)
    {
        int outputSize = biasGradients.Length;
        int inputSize = weights.Length / outputSize;
        int batch = gradZ.Length / outputSize;
        if (weights.Length != inputSize * outputSize || weightGradients.Length != weights.Length
            || inputs.Length != batch * inputSize || gradZ.Length != batch * outputSize
            || (!inputGradients.IsEmpty && inputGradients.Length != inputs.Length))
        {
            throw new ArgumentException(
                $"A dense layer of {inputSize} inputs and {outputSize} outputs over {batch} samples was given mismatched spans.");
        }

        int parts = WorkerPool.Parts(
            (long)batch * inputSize * outputSize * (inputGradients.IsEmpty ? 1 : 2),
            Math.Max(ByRows(outputSize, batch) ? (outputSize + 3) / 4 : (inputSize + ColumnGranularity - 1) / ColumnGranularity, (batch + 3) / 4));
        fixed (float* w = weights, x = inputs, g = gradZ, gw = weightGradients, gb = biasGradients, gx = inputGradients)
        {
            var job = new BackwardJob(w, x, g, gw, gb, gx, inputSize, outputSize, batch);
            WorkerPool.Run(&BackwardBatchPart, &job, parts);
        }
    }

    /// <summary>
    /// One part of <see cref="BackwardBatch"/>: a share of the weight and bias gradients, then the input gradients of its
    /// samples (split on multiples of four, the kernel's block). The gradients are split by rows (multiples of four) when
    /// there are at least as many rows as samples, else by columns (multiples of <see cref="ColumnGranularity"/>), so a
    /// part reads only its rows of the weights or its columns of the inputs, whichever is larger; either way every
    /// gradient is the sum over the samples in order that it is in one part.
    /// </summary>
    private static void BackwardBatchPart(void* state, int part, int parts)
    {
        ref BackwardJob job = ref *(BackwardJob*)state;
        int inputSize = job.InputSize, outputSize = job.OutputSize, batch = job.Batch;
        var gradZ = new ReadOnlySpan<float>(job.GradZ, batch * outputSize);
        (int rowStart, int rowEnd) = (0, outputSize);
        (int columnStart, int columnEnd) = (0, inputSize);
        bool byRows = ByRows(outputSize, batch);
        if (byRows)
        {
            (rowStart, rowEnd) = WorkerPool.Range(part, parts, outputSize, 4);
        }
        else
        {
            (columnStart, columnEnd) = WorkerPool.Range(part, parts, inputSize, ColumnGranularity);
        }

        if (byRows || part == 0)
        {
            var biasGradients = new Span<float>(job.BiasGradients + rowStart, rowEnd - rowStart);
            for (int sample = 0; sample < batch; sample++)
            {
                TensorPrimitives.Add(biasGradients, gradZ.Slice((sample * outputSize) + rowStart, rowEnd - rowStart), biasGradients);
            }
        }

        WeightGradients(ref *job.Inputs, ref *job.GradZ, ref *job.WeightGradients, inputSize, outputSize, batch, rowStart, rowEnd, columnStart, columnEnd);
        if (job.InputGradients != null)
        {
            (int sampleStart, int sampleEnd) = WorkerPool.Range(part, parts, batch, 4);
            InputGradientSamples(
                new ReadOnlySpan<float>(job.Weights, inputSize * outputSize), gradZ, new Span<float>(job.InputGradients, batch * inputSize),
                inputSize, outputSize, sampleStart, sampleEnd);
        }
    }

    /// <summary>Whether <see cref="BackwardBatch"/>'s parts split the weight gradients by rows rather than by columns.</summary>
    private static bool ByRows(int outputSize, int batch) => outputSize >= batch;

    /// <summary>
    /// Rows <paramref name="rowStart"/> to <paramref name="rowEnd"/> and columns <paramref name="columnStart"/> to
    /// <paramref name="columnEnd"/> of <c>gradZᵀ · inputs</c>, added to the weight gradients: four rows and two vectors of
    /// columns at a time, then one vector, then single columns, then single rows. Ranges that start on multiples of four
    /// rows and <see cref="ColumnGranularity"/> columns, and end on them or at the matrix's end, take the same blocks as
    /// the whole matrix.
    /// </summary>
    private static void WeightGradients(
        ref float x, ref float g, ref float gw, int inputSize, int outputSize, int batch, int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        int row = rowStart;
        for (; row + 4 <= rowEnd; row += 4)
        {
            ref float gw0 = ref Unsafe.Add(ref gw, row * inputSize);
            int j = columnStart;
#if NET8_0_OR_GREATER
            if (Vector512.IsHardwareAccelerated)
            {
                // 32 columns in 512-bit vectors where the cores run them at full width (N2's first layer over 32
                // samples: 70 -> 45 us). Parts split the columns on multiples of 32 (ColumnGranularity).
                for (; j + 32 <= columnEnd; j += 32)
                {
                    WeightGradients4x32(ref x, ref Unsafe.Add(ref g, row), ref gw0, inputSize, outputSize, batch, j);
                }
            }
#endif

            if (Vector.IsHardwareAccelerated)
            {
                // Two vectors of columns: each broadcast gradient serves two multiply-adds, each input load four.
                int width = Vector<float>.Count;
                for (; j + (2 * width) <= columnEnd; j += 2 * width)
                {
                    Vector<float> a0 = Load(ref gw0, j), b0 = Load(ref gw0, j + width);
                    Vector<float> a1 = Load(ref gw0, inputSize + j), b1 = Load(ref gw0, inputSize + j + width);
                    Vector<float> a2 = Load(ref gw0, (2 * inputSize) + j), b2 = Load(ref gw0, (2 * inputSize) + j + width);
                    Vector<float> a3 = Load(ref gw0, (3 * inputSize) + j), b3 = Load(ref gw0, (3 * inputSize) + j + width);
                    for (int sample = 0; sample < batch; sample++)
                    {
                        Vector<float> xa = Load(ref x, (sample * inputSize) + j), xb = Load(ref x, (sample * inputSize) + j + width);
                        ref float gs = ref Unsafe.Add(ref g, (sample * outputSize) + row);
                        var g0 = new Vector<float>(gs);
                        a0 = MultiplyAdd(g0, xa, a0);
                        b0 = MultiplyAdd(g0, xb, b0);
                        var g1 = new Vector<float>(Unsafe.Add(ref gs, 1));
                        a1 = MultiplyAdd(g1, xa, a1);
                        b1 = MultiplyAdd(g1, xb, b1);
                        var g2 = new Vector<float>(Unsafe.Add(ref gs, 2));
                        a2 = MultiplyAdd(g2, xa, a2);
                        b2 = MultiplyAdd(g2, xb, b2);
                        var g3 = new Vector<float>(Unsafe.Add(ref gs, 3));
                        a3 = MultiplyAdd(g3, xa, a3);
                        b3 = MultiplyAdd(g3, xb, b3);
                    }

                    Store(ref gw0, j, a0);
                    Store(ref gw0, j + width, b0);
                    Store(ref gw0, inputSize + j, a1);
                    Store(ref gw0, inputSize + j + width, b1);
                    Store(ref gw0, (2 * inputSize) + j, a2);
                    Store(ref gw0, (2 * inputSize) + j + width, b2);
                    Store(ref gw0, (3 * inputSize) + j, a3);
                    Store(ref gw0, (3 * inputSize) + j + width, b3);
                }

                for (; j + width <= columnEnd; j += width)
                {
                    Vector<float> a0 = Load(ref gw0, j);
                    Vector<float> a1 = Load(ref gw0, inputSize + j);
                    Vector<float> a2 = Load(ref gw0, (2 * inputSize) + j);
                    Vector<float> a3 = Load(ref gw0, (3 * inputSize) + j);
                    for (int sample = 0; sample < batch; sample++)
                    {
                        Vector<float> xv = Load(ref x, (sample * inputSize) + j);
                        ref float gs = ref Unsafe.Add(ref g, (sample * outputSize) + row);
                        a0 = MultiplyAdd(new Vector<float>(gs), xv, a0);
                        a1 = MultiplyAdd(new Vector<float>(Unsafe.Add(ref gs, 1)), xv, a1);
                        a2 = MultiplyAdd(new Vector<float>(Unsafe.Add(ref gs, 2)), xv, a2);
                        a3 = MultiplyAdd(new Vector<float>(Unsafe.Add(ref gs, 3)), xv, a3);
                    }

                    Store(ref gw0, j, a0);
                    Store(ref gw0, inputSize + j, a1);
                    Store(ref gw0, (2 * inputSize) + j, a2);
                    Store(ref gw0, (3 * inputSize) + j, a3);
                }
            }

            for (; j < columnEnd; j++)
            {
                for (int sample = 0; sample < batch; sample++)
                {
                    float xj = Unsafe.Add(ref x, (sample * inputSize) + j);
                    ref float gs = ref Unsafe.Add(ref g, (sample * outputSize) + row);
                    Unsafe.Add(ref gw0, j) += gs * xj;
                    Unsafe.Add(ref gw0, inputSize + j) += Unsafe.Add(ref gs, 1) * xj;
                    Unsafe.Add(ref gw0, (2 * inputSize) + j) += Unsafe.Add(ref gs, 2) * xj;
                    Unsafe.Add(ref gw0, (3 * inputSize) + j) += Unsafe.Add(ref gs, 3) * xj;
                }
            }
        }

        // The last rows, fewer than four: one row, one vector of columns, every sample.
        for (; row < rowEnd; row++)
        {
            ref float gradientRow = ref Unsafe.Add(ref gw, row * inputSize);
            int j = columnStart;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j + Vector<float>.Count <= columnEnd; j += Vector<float>.Count)
                {
                    Vector<float> sum = Load(ref gradientRow, j);
                    for (int sample = 0; sample < batch; sample++)
                    {
                        sum = MultiplyAdd(new Vector<float>(Unsafe.Add(ref g, (sample * outputSize) + row)), Load(ref x, (sample * inputSize) + j), sum);
                    }

                    Store(ref gradientRow, j, sum);
                }
            }

            for (; j < columnEnd; j++)
            {
                float sum = Unsafe.Add(ref gradientRow, j);
                for (int sample = 0; sample < batch; sample++)
                {
                    sum += Unsafe.Add(ref g, (sample * outputSize) + row) * Unsafe.Add(ref x, (sample * inputSize) + j);
                }

                Unsafe.Add(ref gradientRow, j) = sum;
            }
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// Four rows by 32 columns (from <paramref name="column"/>) of <c>gradZᵀ · inputs</c> added to <paramref name="gw"/>
    /// (the first row's gradients): eight 512-bit accumulators, each broadcast gradient serving two multiply-adds and each
    /// input load four.
    /// </summary>
    private static void WeightGradients4x32(ref float x, ref float g, ref float gw, int inputSize, int outputSize, int batch, int column)
    {
        ref float r0 = ref Unsafe.Add(ref gw, column);
        ref float r1 = ref Unsafe.Add(ref r0, inputSize);
        ref float r2 = ref Unsafe.Add(ref r1, inputSize);
        ref float r3 = ref Unsafe.Add(ref r2, inputSize);
        Vector512<float> a0 = Vector512.LoadUnsafe(ref r0), b0 = Vector512.LoadUnsafe(ref r0, 16);
        Vector512<float> a1 = Vector512.LoadUnsafe(ref r1), b1 = Vector512.LoadUnsafe(ref r1, 16);
        Vector512<float> a2 = Vector512.LoadUnsafe(ref r2), b2 = Vector512.LoadUnsafe(ref r2, 16);
        Vector512<float> a3 = Vector512.LoadUnsafe(ref r3), b3 = Vector512.LoadUnsafe(ref r3, 16);
        ref float xs = ref Unsafe.Add(ref x, column);
        ref float gs = ref g;
        for (int sample = 0; sample < batch; sample++, xs = ref Unsafe.Add(ref xs, inputSize), gs = ref Unsafe.Add(ref gs, outputSize))
        {
            Vector512<float> xa = Vector512.LoadUnsafe(ref xs), xb = Vector512.LoadUnsafe(ref xs, 16);
            Vector512<float> g0 = Vector512.Create(gs);
            a0 = Fma512(g0, xa, a0);
            b0 = Fma512(g0, xb, b0);
            Vector512<float> g1 = Vector512.Create(Unsafe.Add(ref gs, 1));
            a1 = Fma512(g1, xa, a1);
            b1 = Fma512(g1, xb, b1);
            Vector512<float> g2 = Vector512.Create(Unsafe.Add(ref gs, 2));
            a2 = Fma512(g2, xa, a2);
            b2 = Fma512(g2, xb, b2);
            Vector512<float> g3 = Vector512.Create(Unsafe.Add(ref gs, 3));
            a3 = Fma512(g3, xa, a3);
            b3 = Fma512(g3, xb, b3);
        }

        a0.StoreUnsafe(ref r0);
        b0.StoreUnsafe(ref r0, 16);
        a1.StoreUnsafe(ref r1);
        b1.StoreUnsafe(ref r1, 16);
        a2.StoreUnsafe(ref r2);
        b2.StoreUnsafe(ref r2, 16);
        a3.StoreUnsafe(ref r3);
        b3.StoreUnsafe(ref r3, 16);
    }
#endif

    /// <summary>Samples <paramref name="sampleStart"/> (a multiple of four) to <paramref name="sampleEnd"/> of <c>Wᵀ gradZ</c>.</summary>
    private static void InputGradientSamples(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> gradZ, Span<float> inputGradients, int inputSize, int outputSize, int sampleStart, int sampleEnd)
    {
        ref float g = ref MemoryMarshal.GetReference(gradZ);
        int sample = sampleStart;
        if (Vector.IsHardwareAccelerated)
        {
            for (; sample + 4 <= sampleEnd; sample += 4)
            {
                TransposedProductFourSamples(
                    ref MemoryMarshal.GetReference(weights), ref Unsafe.Add(ref g, sample * outputSize),
                    ref MemoryMarshal.GetReference(inputGradients.Slice(sample * inputSize, 4 * inputSize)), inputSize, outputSize);
            }
        }

        for (; sample < sampleEnd; sample++)
        {
            TransposedProduct(weights, gradZ.Slice(sample * outputSize, outputSize), inputGradients.Slice(sample * inputSize, inputSize));
        }
    }

    /// <summary>
    /// <c>result = Wᵀ g</c> for four consecutive samples (rows of <paramref name="g"/> and of <paramref name="result"/>),
    /// two vectors of columns at a time: each weight load serves four samples, each broadcast gradient two
    /// multiply-adds, and the sums stay in registers over every weight row. The shapes are the caller's, checked.
    /// </summary>
    private static void TransposedProductFourSamples(ref float w, ref float g, ref float result, int inputSize, int outputSize)
    {
        int width = Vector<float>.Count;
        int j = 0;
        for (; j + (2 * width) <= inputSize; j += 2 * width)
        {
            Vector<float> a0 = Vector<float>.Zero, b0 = Vector<float>.Zero, a1 = Vector<float>.Zero, b1 = Vector<float>.Zero;
            Vector<float> a2 = Vector<float>.Zero, b2 = Vector<float>.Zero, a3 = Vector<float>.Zero, b3 = Vector<float>.Zero;
            for (int row = 0; row < outputSize; row++)
            {
                Vector<float> wa = Load(ref w, (row * inputSize) + j), wb = Load(ref w, (row * inputSize) + j + width);
                ref float gs = ref Unsafe.Add(ref g, row);
                var g0 = new Vector<float>(gs);
                a0 = MultiplyAdd(g0, wa, a0);
                b0 = MultiplyAdd(g0, wb, b0);
                var g1 = new Vector<float>(Unsafe.Add(ref gs, outputSize));
                a1 = MultiplyAdd(g1, wa, a1);
                b1 = MultiplyAdd(g1, wb, b1);
                var g2 = new Vector<float>(Unsafe.Add(ref gs, 2 * outputSize));
                a2 = MultiplyAdd(g2, wa, a2);
                b2 = MultiplyAdd(g2, wb, b2);
                var g3 = new Vector<float>(Unsafe.Add(ref gs, 3 * outputSize));
                a3 = MultiplyAdd(g3, wa, a3);
                b3 = MultiplyAdd(g3, wb, b3);
            }

            Store(ref result, j, a0);
            Store(ref result, j + width, b0);
            Store(ref result, inputSize + j, a1);
            Store(ref result, inputSize + j + width, b1);
            Store(ref result, (2 * inputSize) + j, a2);
            Store(ref result, (2 * inputSize) + j + width, b2);
            Store(ref result, (3 * inputSize) + j, a3);
            Store(ref result, (3 * inputSize) + j + width, b3);
        }

        for (; j < inputSize; j++)
        {
            for (int sample = 0; sample < 4; sample++)
            {
                float sum = 0;
                ref float gs = ref Unsafe.Add(ref g, sample * outputSize);
                for (int row = 0; row < outputSize; row++)
                {
                    sum += Unsafe.Add(ref gs, row) * Unsafe.Add(ref w, (row * inputSize) + j);
                }

                Unsafe.Add(ref result, (sample * inputSize) + j) = sum;
            }
        }
    }

    /// <summary><c>result = Wᵀ g</c>, four weight rows per pass over <paramref name="result"/>.</summary>
    private static void TransposedProduct(ReadOnlySpan<float> weights, ReadOnlySpan<float> g, Span<float> result)
    {
        int outputSize = g.Length;
        int inputSize = result.Length;
        result.Clear();
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float y = ref MemoryMarshal.GetReference(result);
        int row = 0;
        for (; row + 4 <= outputSize; row += 4)
        {
            float g0 = g[row];
            float g1 = g[row + 1];
            float g2 = g[row + 2];
            float g3 = g[row + 3];
            ref float w0 = ref Unsafe.Add(ref w, row * inputSize);
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var v0 = new Vector<float>(g0);
                var v1 = new Vector<float>(g1);
                var v2 = new Vector<float>(g2);
                var v3 = new Vector<float>(g3);
                for (; j + Vector<float>.Count <= inputSize; j += Vector<float>.Count)
                {
                    Vector<float> sum = Load(ref y, j);
                    sum = MultiplyAdd(v0, Load(ref w0, j), sum);
                    sum = MultiplyAdd(v1, Load(ref w0, inputSize + j), sum);
                    sum = MultiplyAdd(v2, Load(ref w0, (2 * inputSize) + j), sum);
                    sum = MultiplyAdd(v3, Load(ref w0, (3 * inputSize) + j), sum);
                    Store(ref y, j, sum);
                }
            }

            for (; j < inputSize; j++)
            {
                Unsafe.Add(ref y, j) += (g0 * Unsafe.Add(ref w0, j)) + (g1 * Unsafe.Add(ref w0, inputSize + j))
                    + (g2 * Unsafe.Add(ref w0, (2 * inputSize) + j)) + (g3 * Unsafe.Add(ref w0, (3 * inputSize) + j));
            }
        }

        for (; row < outputSize; row++)
        {
            TensorPrimitives.MultiplyAdd(weights.Slice(row * inputSize, inputSize), g[row], result, result);
        }
    }

    /// <summary>
    /// Where <see cref="ForwardBatch"/> may split the output rows between parts: its widest row block is eight, so a
    /// part's rows take the same blocks, and sums, as they do in one part.
    /// </summary>
    private const int RowGranularity = 8;

    /// <summary>Where <see cref="ForwardBatch"/> may split the batch between parts: its widest sample block is six.</summary>
    private const int SampleGranularity = 6;

    /// <summary>
    /// Where <see cref="BackwardBatch"/> may split the weight gradient's columns between parts: its widest column block
    /// (two 512-bit vectors, else two <c>Vector&lt;float&gt;</c>), so every column takes the same block however the
    /// columns are split (on .NET 8 the narrower blocks' multiply-adds are not fused: other bits).
    /// </summary>
    private static int ColumnGranularity =>
#if NET8_0_OR_GREATER
        Vector512.IsHardwareAccelerated ? 32 :
#endif
        Vector.IsHardwareAccelerated ? 2 * Vector<float>.Count : 1;

    /// <summary>A <see cref="ForwardBatch"/> call, handed to its parts: the spans are pinned while the parts run.</summary>
    private readonly struct BatchJob(float* weights, float* biases, float* inputs, float* outputs, int inputSize, int outputSize, int batch)
    {
        public readonly float* Weights = weights, Biases = biases, Inputs = inputs, Outputs = outputs;
        public readonly int InputSize = inputSize, OutputSize = outputSize, Batch = batch;
    }

    /// <summary>A <see cref="BackwardBatch"/> call, handed to its parts; <see cref="InputGradients"/> is null when they are not wanted.</summary>
    private readonly struct BackwardJob(
        float* weights, float* inputs, float* gradZ, float* weightGradients, float* biasGradients, float* inputGradients, int inputSize, int outputSize, int batch)
    {
        public readonly float* Weights = weights, Inputs = inputs, GradZ = gradZ;
        public readonly float* WeightGradients = weightGradients, BiasGradients = biasGradients, InputGradients = inputGradients;
        public readonly int InputSize = inputSize, OutputSize = outputSize, Batch = batch;
    }

    private static void CheckShapes(int weights, int biases, int inputs, int outputs)
    {
        if (weights != inputs * outputs || biases != outputs)
        {
            throw new ArgumentException(
                $"A dense layer of {inputs} inputs and {outputs} outputs needs {inputs * outputs} weights and {outputs} biases, not {weights} and {biases}.");
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The dot products of eight consecutive rows of length <paramref name="length"/> (at least 8) with
    /// <paramref name="x"/>, as one vector: eight accumulators, then one transposing reduction (horizontal adds)
    /// instead of eight separate ones. Inlined into the row loops that call it (N3's <c>Forward</c> 165 -> 145 ns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Dot8(ref float w0, int length, ref float x)
    {
        var a0 = Vector256<float>.Zero;
        var a1 = Vector256<float>.Zero;
        var a2 = Vector256<float>.Zero;
        var a3 = Vector256<float>.Zero;
        var a4 = Vector256<float>.Zero;
        var a5 = Vector256<float>.Zero;
        var a6 = Vector256<float>.Zero;
        var a7 = Vector256<float>.Zero;
        nuint stride = (nuint)length;
        Vector256<float> keep = Vector256<float>.AllBitsSet;
        for (int j = 0; j < length; j += 8)
        {
            int start = j;
            if (j + 8 > length)
            {
                // The last partial block: a window ending at the row's end, with the lanes already summed masked off.
                start = length - 8;
                keep = Vector256.GreaterThanOrEqual(Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f), Vector256.Create((float)(j - start)));
            }

            Vector256<float> xv = Vector256.LoadUnsafe(ref x, (nuint)start) & keep;
            ref float wj = ref Unsafe.Add(ref w0, start);
            a0 = MultiplyAdd(Vector256.LoadUnsafe(ref wj), xv, a0);
            a1 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, stride), xv, a1);
            a2 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 2 * stride), xv, a2);
            a3 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 3 * stride), xv, a3);
            a4 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 4 * stride), xv, a4);
            a5 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 5 * stride), xv, a5);
            a6 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 6 * stride), xv, a6);
            a7 = MultiplyAdd(Vector256.LoadUnsafe(ref wj, 7 * stride), xv, a7);
        }

        return Reduce8(a0, a1, a2, a3, a4, a5, a6, a7);
    }
#endif

    /// <summary>The dot products of four consecutive rows of length <paramref name="length"/> with <paramref name="x"/>.</summary>
    private static void Dot4(ref float w0, int length, ref float x, out float s0, out float s1, out float s2, out float s3)
    {
        ref float w1 = ref Unsafe.Add(ref w0, length);
        ref float w2 = ref Unsafe.Add(ref w1, length);
        ref float w3 = ref Unsafe.Add(ref w2, length);
        int j = 0;
        s0 = s1 = s2 = s3 = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var a2 = Vector<float>.Zero;
            var a3 = Vector<float>.Zero;
            for (; j + Vector<float>.Count <= length; j += Vector<float>.Count)
            {
                Vector<float> xv = Load(ref x, j);
                a0 = MultiplyAdd(Load(ref w0, j), xv, a0);
                a1 = MultiplyAdd(Load(ref w1, j), xv, a1);
                a2 = MultiplyAdd(Load(ref w2, j), xv, a2);
                a3 = MultiplyAdd(Load(ref w3, j), xv, a3);
            }

            s0 = Vector.Sum(a0);
            s1 = Vector.Sum(a1);
            s2 = Vector.Sum(a2);
            s3 = Vector.Sum(a3);
        }

        // Without hardware vectors (Mono, IL2CPP) the sums start from zero, as the lanes' sums of zeros would: no
        // software vector on the way.
        for (; j < length; j++)
        {
            float xj = Unsafe.Add(ref x, j);
            s0 += Unsafe.Add(ref w0, j) * xj;
            s1 += Unsafe.Add(ref w1, j) * xj;
            s2 += Unsafe.Add(ref w2, j) * xj;
            s3 += Unsafe.Add(ref w3, j) * xj;
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The dot products of eight consecutive rows with three consecutive samples, 16 lanes at a time, reduced to
    /// one vector of eight row sums per sample.
    /// </summary>
    private static void Dot8x3(ref float w0, int length, ref float x0, out Vector256<float> sums0, out Vector256<float> sums1, out Vector256<float> sums2)
    {
        var a00 = Vector512<float>.Zero; var a01 = Vector512<float>.Zero; var a02 = Vector512<float>.Zero;
        var a10 = Vector512<float>.Zero; var a11 = Vector512<float>.Zero; var a12 = Vector512<float>.Zero;
        var a20 = Vector512<float>.Zero; var a21 = Vector512<float>.Zero; var a22 = Vector512<float>.Zero;
        var a30 = Vector512<float>.Zero; var a31 = Vector512<float>.Zero; var a32 = Vector512<float>.Zero;
        var a40 = Vector512<float>.Zero; var a41 = Vector512<float>.Zero; var a42 = Vector512<float>.Zero;
        var a50 = Vector512<float>.Zero; var a51 = Vector512<float>.Zero; var a52 = Vector512<float>.Zero;
        var a60 = Vector512<float>.Zero; var a61 = Vector512<float>.Zero; var a62 = Vector512<float>.Zero;
        var a70 = Vector512<float>.Zero; var a71 = Vector512<float>.Zero; var a72 = Vector512<float>.Zero;
        nuint stride = (nuint)length;
        Vector512<float> keep = Vector512<float>.AllBitsSet;
        for (int j = 0; j < length; j += 16)
        {
            int start = Window(j, length, ref keep);

            Vector512<float> x0v = Vector512.LoadUnsafe(ref x0, (nuint)start);
            Vector512<float> x1v = Vector512.LoadUnsafe(ref x0, stride + (nuint)start);
            Vector512<float> x2v = Vector512.LoadUnsafe(ref x0, (2 * stride) + (nuint)start);
            if (start != j)
            {
                // Only the last, partial block is masked (see Dot4x6).
                x0v &= keep;
                x1v &= keep;
                x2v &= keep;
            }

            ref float wj = ref Unsafe.Add(ref w0, start);
            Vector512<float> wv = Vector512.LoadUnsafe(ref wj);
            a00 = Fma512(wv, x0v, a00); a01 = Fma512(wv, x1v, a01); a02 = Fma512(wv, x2v, a02);
            wv = Vector512.LoadUnsafe(ref wj, stride);
            a10 = Fma512(wv, x0v, a10); a11 = Fma512(wv, x1v, a11); a12 = Fma512(wv, x2v, a12);
            wv = Vector512.LoadUnsafe(ref wj, 2 * stride);
            a20 = Fma512(wv, x0v, a20); a21 = Fma512(wv, x1v, a21); a22 = Fma512(wv, x2v, a22);
            wv = Vector512.LoadUnsafe(ref wj, 3 * stride);
            a30 = Fma512(wv, x0v, a30); a31 = Fma512(wv, x1v, a31); a32 = Fma512(wv, x2v, a32);
            wv = Vector512.LoadUnsafe(ref wj, 4 * stride);
            a40 = Fma512(wv, x0v, a40); a41 = Fma512(wv, x1v, a41); a42 = Fma512(wv, x2v, a42);
            wv = Vector512.LoadUnsafe(ref wj, 5 * stride);
            a50 = Fma512(wv, x0v, a50); a51 = Fma512(wv, x1v, a51); a52 = Fma512(wv, x2v, a52);
            wv = Vector512.LoadUnsafe(ref wj, 6 * stride);
            a60 = Fma512(wv, x0v, a60); a61 = Fma512(wv, x1v, a61); a62 = Fma512(wv, x2v, a62);
            wv = Vector512.LoadUnsafe(ref wj, 7 * stride);
            a70 = Fma512(wv, x0v, a70); a71 = Fma512(wv, x1v, a71); a72 = Fma512(wv, x2v, a72);
        }

        sums0 = Reduce8(Fold(a00), Fold(a10), Fold(a20), Fold(a30), Fold(a40), Fold(a50), Fold(a60), Fold(a70));
        sums1 = Reduce8(Fold(a01), Fold(a11), Fold(a21), Fold(a31), Fold(a41), Fold(a51), Fold(a61), Fold(a71));
        sums2 = Reduce8(Fold(a02), Fold(a12), Fold(a22), Fold(a32), Fold(a42), Fold(a52), Fold(a62), Fold(a72));
    }

    private struct SixSums
    {
        public Vector128<float> Sample0, Sample1, Sample2, Sample3, Sample4, Sample5;
    }

    /// <summary>
    /// The dot products of four consecutive rows with six consecutive samples, 16 lanes at a time (the last, partial
    /// block masked), reduced to one vector of four row sums per sample. With <paramref name="rows"/> below four (a
    /// layer's last rows) the missing rows repeat the last one, whose sums the caller leaves unstored.
    /// </summary>
    private static void Dot4x6(ref float w0, int length, int rows, ref float x0, out SixSums sums)
    {
        var a00 = Vector512<float>.Zero; var a01 = Vector512<float>.Zero; var a02 = Vector512<float>.Zero;
        var a03 = Vector512<float>.Zero; var a04 = Vector512<float>.Zero; var a05 = Vector512<float>.Zero;
        var a10 = Vector512<float>.Zero; var a11 = Vector512<float>.Zero; var a12 = Vector512<float>.Zero;
        var a13 = Vector512<float>.Zero; var a14 = Vector512<float>.Zero; var a15 = Vector512<float>.Zero;
        var a20 = Vector512<float>.Zero; var a21 = Vector512<float>.Zero; var a22 = Vector512<float>.Zero;
        var a23 = Vector512<float>.Zero; var a24 = Vector512<float>.Zero; var a25 = Vector512<float>.Zero;
        var a30 = Vector512<float>.Zero; var a31 = Vector512<float>.Zero; var a32 = Vector512<float>.Zero;
        var a33 = Vector512<float>.Zero; var a34 = Vector512<float>.Zero; var a35 = Vector512<float>.Zero;
        nuint stride = (nuint)length;
        nuint last = (nuint)(rows - 1) * stride;
        nuint o1 = Math.Min(stride, last), o2 = Math.Min(2 * stride, last), o3 = Math.Min(3 * stride, last);
        Vector512<float> keep = Vector512<float>.AllBitsSet;
        for (int j = 0; j < length; j += 16)
        {
            int start = Window(j, length, ref keep);

            ref float xj = ref Unsafe.Add(ref x0, start);
            Vector512<float> x0v = Vector512.LoadUnsafe(ref xj);
            Vector512<float> x1v = Vector512.LoadUnsafe(ref xj, stride);
            Vector512<float> x2v = Vector512.LoadUnsafe(ref xj, 2 * stride);
            Vector512<float> x3v = Vector512.LoadUnsafe(ref xj, 3 * stride);
            Vector512<float> x4v = Vector512.LoadUnsafe(ref xj, 4 * stride);
            Vector512<float> x5v = Vector512.LoadUnsafe(ref xj, 5 * stride);
            if (start != j)
            {
                // Only the last, partial block is masked: six ANDs per block took FMA ports from the 24 multiply-adds.
                x0v &= keep;
                x1v &= keep;
                x2v &= keep;
                x3v &= keep;
                x4v &= keep;
                x5v &= keep;
            }

            ref float wj = ref Unsafe.Add(ref w0, start);
            Vector512<float> wv = Vector512.LoadUnsafe(ref wj);
            a00 = Fma512(wv, x0v, a00); a01 = Fma512(wv, x1v, a01); a02 = Fma512(wv, x2v, a02);
            a03 = Fma512(wv, x3v, a03); a04 = Fma512(wv, x4v, a04); a05 = Fma512(wv, x5v, a05);
            wv = Vector512.LoadUnsafe(ref wj, o1);
            a10 = Fma512(wv, x0v, a10); a11 = Fma512(wv, x1v, a11); a12 = Fma512(wv, x2v, a12);
            a13 = Fma512(wv, x3v, a13); a14 = Fma512(wv, x4v, a14); a15 = Fma512(wv, x5v, a15);
            wv = Vector512.LoadUnsafe(ref wj, o2);
            a20 = Fma512(wv, x0v, a20); a21 = Fma512(wv, x1v, a21); a22 = Fma512(wv, x2v, a22);
            a23 = Fma512(wv, x3v, a23); a24 = Fma512(wv, x4v, a24); a25 = Fma512(wv, x5v, a25);
            wv = Vector512.LoadUnsafe(ref wj, o3);
            a30 = Fma512(wv, x0v, a30); a31 = Fma512(wv, x1v, a31); a32 = Fma512(wv, x2v, a32);
            a33 = Fma512(wv, x3v, a33); a34 = Fma512(wv, x4v, a34); a35 = Fma512(wv, x5v, a35);
        }

        sums = new SixSums
        {
            Sample0 = Reduce4(Fold(a00), Fold(a10), Fold(a20), Fold(a30)),
            Sample1 = Reduce4(Fold(a01), Fold(a11), Fold(a21), Fold(a31)),
            Sample2 = Reduce4(Fold(a02), Fold(a12), Fold(a22), Fold(a32)),
            Sample3 = Reduce4(Fold(a03), Fold(a13), Fold(a23), Fold(a33)),
            Sample4 = Reduce4(Fold(a04), Fold(a14), Fold(a24), Fold(a34)),
            Sample5 = Reduce4(Fold(a05), Fold(a15), Fold(a25), Fold(a35)),
        };
    }

    /// <summary>Four vectors to the vector of their four sums, by transposing horizontal adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Reduce4(Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3)
    {
        Vector256<float> q = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        return q.GetLower() + q.GetUpper();
    }

    /// <summary>
    /// Where the 16-lane block from <paramref name="j"/> of a row of <paramref name="length"/> (at least 16) starts: at
    /// <paramref name="j"/>, or, for the last partial block, at a window ending at the row's end, with the lanes
    /// already summed cleared from <paramref name="keep"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Window(int j, int length, ref Vector512<float> keep)
    {
        if (j + 16 <= length)
        {
            return j;
        }

        int start = length - 16;
        keep = Vector512.GreaterThanOrEqual(
            Vector512.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f, 11f, 12f, 13f, 14f, 15f), Vector512.Create((float)(j - start)));
        return start;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Fold(Vector512<float> value) => value.GetLower() + value.GetUpper();

    /// <summary>Eight vectors to the vector of their eight sums, by transposing horizontal adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Reduce8(
        Vector256<float> a0, Vector256<float> a1, Vector256<float> a2, Vector256<float> a3,
        Vector256<float> a4, Vector256<float> a5, Vector256<float> a6, Vector256<float> a7)
    {
        Vector256<float> q0 = Avx.HorizontalAdd(Avx.HorizontalAdd(a0, a1), Avx.HorizontalAdd(a2, a3));
        Vector256<float> q1 = Avx.HorizontalAdd(Avx.HorizontalAdd(a4, a5), Avx.HorizontalAdd(a6, a7));
        return Avx.Permute2x128(q0, q1, 0x20) + Avx.Permute2x128(q0, q1, 0x31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Fma512(Vector512<float> a, Vector512<float> b, Vector512<float> addend) =>
        VectorMath.MultiplyAdd(a, b, addend); // one fused multiply-add helper per width, in VectorMath
#endif

    private static float Dot(ref float w, ref float x, int length)
    {
        int j = 0;
        float sum = 0f;
        if (Vector.IsHardwareAccelerated)
        {
            var a = Vector<float>.Zero;
            for (; j + Vector<float>.Count <= length; j += Vector<float>.Count)
            {
                a = MultiplyAdd(Load(ref w, j), Load(ref x, j), a);
            }

            sum = Vector.Sum(a);
        }

        for (; j < length; j++)
        {
            sum += Unsafe.Add(ref w, j) * Unsafe.Add(ref x, j);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float start, int offset) =>
        Unsafe.ReadUnaligned<Vector<float>>(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref start, offset)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float start, int offset, Vector<float> value) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<float, byte>(ref Unsafe.Add(ref start, offset)), value);

#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) =>
        VectorMath.MultiplyAdd(a, b, addend); // beside the Vector<T> overload, so call sites read alike
#endif

    /// <summary>
    /// a * b + addend, fused where the hardware fuses (x64 with FMA, every Arm64). Elsewhere (a NativeAOT build for the
    /// default x64 baseline, an x64 processor without FMA) <c>Vector.FusedMultiplyAdd</c> is emulated one lane at a time
    /// through the C library's <c>fmaf</c>: measured 25x slower on a whole N3 forward pass than multiply then add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> MultiplyAdd(Vector<float> a, Vector<float> b, Vector<float> addend) =>
#if NET9_0_OR_GREATER
        Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported ? Vector.FusedMultiplyAdd(a, b, addend) : (a * b) + addend;
#else
        (a * b) + addend;
#endif
}
