#if NET8_0_OR_GREATER
using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// A batch through a small dense layer (the 16 -> 32 and 32 -> 32 layers of controllers and audio models) without a
/// single horizontal reduction. Stored <c>[outputs, inputs]</c>, a short weight row holds too few products per output
/// for the dot-product kernels to pay for the reduction that ends each one. Transposed once per call into
/// <c>[inputs, outputs]</c> (outputs padded to whole vectors, biases as a last row), every input instead scales a
/// contiguous run of outputs: four samples by sixteen outputs at a time, eight accumulators that each input adds into
/// with one broadcast and one fused multiply-add.
/// </summary>
internal static class SmallDenseBatch
{
    /// <summary>The largest padded weight matrix taken this way: 32 KB, the transposed copy stays in L1.</summary>
    public const int WeightLimit = 8192;

    /// <summary>
    /// From this many samples on, the transposition costs less than the reductions it saves. (Fewer than eight outputs
    /// would leave most of each vector padding: those keep the dot products.)
    /// </summary>
    public const int MinimumBatch = 8;

    private const int Lanes = 8;
    private const int Columns = 2 * Lanes;

    [ThreadStatic]
    private static float[]? transposed;

    /// <summary>Whether a layer of this size and batch goes this way.</summary>
    public static bool Suits(int inputSize, int outputSize, int batch) =>
        batch >= MinimumBatch && outputSize >= Lanes && Vector256.IsHardwareAccelerated
        && (long)(inputSize + 1) * Padded(outputSize) <= WeightLimit;

    /// <summary><c>outputs[s] = weights · inputs[s] + biases</c> for every sample; the shapes are the caller's, checked.</summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> outputs, int batch)
    {
        int outputSize = biases.Length, inputSize = weights.Length / outputSize, stride = Padded(outputSize);
        Span<float> packed = Transpose(weights, biases, inputSize, outputSize, stride);
        ref float w = ref MemoryMarshal.GetReference(packed);
        ref float x = ref MemoryMarshal.GetReference(inputs);
        Span<float> spill = stackalloc float[8 * Columns];
        int sample = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Where the cores run 512-bit vectors at full width (Zen 5), eight samples by sixteen outputs: one weight load
            // and eight fused multiply-adds per input, twice the work of the 256-bit block per instruction.
            for (; sample + 8 <= batch; sample += 8)
            {
                int column = 0;
                for (; column + (2 * Columns) <= outputSize; column += 2 * Columns)
                {
                    EightSamplesTwoBlocks(
                        ref Unsafe.Add(ref w, column), stride, inputSize, ref Unsafe.Add(ref x, sample * inputSize),
                        ref Unsafe.Add(ref MemoryMarshal.GetReference(outputs), (sample * outputSize) + column), outputSize);
                }

                for (; column < outputSize; column += Columns)
                {
                    EightSamples(
                        ref Unsafe.Add(ref w, column), stride, inputSize, ref Unsafe.Add(ref x, sample * inputSize),
                        outputs.Slice((sample * outputSize) + column), outputSize, outputSize - column, spill);
                }
            }
        }

        for (; sample + 4 <= batch; sample += 4)
        {
            for (int column = 0; column < outputSize; column += Columns)
            {
                FourSamples(
                    ref Unsafe.Add(ref w, column), stride, inputSize, ref Unsafe.Add(ref x, sample * inputSize),
                    outputs.Slice((sample * outputSize) + column), outputSize, outputSize - column, spill);
            }
        }

        for (; sample < batch; sample++)
        {
            for (int column = 0; column < outputSize; column += Columns)
            {
                OneSample(
                    ref Unsafe.Add(ref w, column), stride, inputSize, ref Unsafe.Add(ref x, sample * inputSize),
                    out Vector256<float> low, out Vector256<float> high);
                Store(low, high, outputs.Slice((sample * outputSize) + column), outputSize - column, spill);
            }
        }
    }

    private static int Padded(int outputSize) => (outputSize + Columns - 1) / Columns * Columns;

    /// <summary>The weights as <c>[inputs, stride]</c>, zeros past the last output, the biases as row <c>inputs</c>.</summary>
    private static Span<float> Transpose(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int inputSize, int outputSize, int stride)
    {
        int length = (inputSize + 1) * stride;
        AlignedMemory.Grow(ref transposed, WeightLimit);
        Span<float> packed = AlignedMemory.Span(transposed!, length);
        packed.Clear();   // the padding past the last output
        ref float source = ref MemoryMarshal.GetReference(weights);
        ref float destination = ref MemoryMarshal.GetReference(packed);
        // Every index stays inside the checked shapes: outputSize rows of inputSize, into inputSize rows of stride.
        MatrixTranspose.Run(ref source, outputSize, inputSize, ref destination, stride);

        biases.CopyTo(packed.Slice(inputSize * stride, stride));
        return packed;
    }

    /// <summary>
    /// Sixteen outputs (from <paramref name="w"/>, a column of the packed rows) of four consecutive samples, written
    /// from <paramref name="destination"/> on, a sample's outputs <paramref name="outputSize"/> apart, the first
    /// <paramref name="count"/> of the sixteen being outputs. Stored here rather than handed back: returned, the eight
    /// accumulators went through memory on every input.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FourSamples(
        ref float w, int stride, int inputSize, ref float x, Span<float> destination, int outputSize, int count, Span<float> spill)
    {
        ref float bias = ref Unsafe.Add(ref w, inputSize * stride);
        Vector256<float> low = Vector256.LoadUnsafe(ref bias), high = Vector256.LoadUnsafe(ref bias, Lanes);
        Vector256<float> a0 = low, b0 = high, a1 = low, b1 = high, a2 = low, b2 = high, a3 = low, b3 = high;
        for (int input = 0; input < inputSize; input++, w = ref Unsafe.Add(ref w, stride), x = ref Unsafe.Add(ref x, 1))
        {
            Vector256<float> weightLow = Vector256.LoadUnsafe(ref w), weightHigh = Vector256.LoadUnsafe(ref w, Lanes);
            Vector256<float> x0 = Vector256.Create(x), x1 = Vector256.Create(Unsafe.Add(ref x, inputSize));
            Vector256<float> x2 = Vector256.Create(Unsafe.Add(ref x, 2 * inputSize)), x3 = Vector256.Create(Unsafe.Add(ref x, 3 * inputSize));
            a0 = VectorMath.MultiplyAdd(weightLow, x0, a0);
            b0 = VectorMath.MultiplyAdd(weightHigh, x0, b0);
            a1 = VectorMath.MultiplyAdd(weightLow, x1, a1);
            b1 = VectorMath.MultiplyAdd(weightHigh, x1, b1);
            a2 = VectorMath.MultiplyAdd(weightLow, x2, a2);
            b2 = VectorMath.MultiplyAdd(weightHigh, x2, b2);
            a3 = VectorMath.MultiplyAdd(weightLow, x3, a3);
            b3 = VectorMath.MultiplyAdd(weightHigh, x3, b3);
        }

        if (count >= Columns)
        {
            a0.CopyTo(destination);
            b0.CopyTo(destination[Lanes..]);
            a1.CopyTo(destination[outputSize..]);
            b1.CopyTo(destination[(outputSize + Lanes)..]);
            a2.CopyTo(destination[(2 * outputSize)..]);
            b2.CopyTo(destination[((2 * outputSize) + Lanes)..]);
            a3.CopyTo(destination[(3 * outputSize)..]);
            b3.CopyTo(destination[((3 * outputSize) + Lanes)..]);
            return;
        }

        // The last, partial block of outputs: through the spill, every accumulator stored before the first copy call
        // (kept alive across a call, they would go through memory on every input).
        a0.CopyTo(spill);
        b0.CopyTo(spill[Lanes..]);
        a1.CopyTo(spill[Columns..]);
        b1.CopyTo(spill[(Columns + Lanes)..]);
        a2.CopyTo(spill[(2 * Columns)..]);
        b2.CopyTo(spill[((2 * Columns) + Lanes)..]);
        a3.CopyTo(spill[(3 * Columns)..]);
        b3.CopyTo(spill[((3 * Columns) + Lanes)..]);
        for (int k = 0; k < 4; k++)
        {
            spill.Slice(k * Columns, count).CopyTo(destination[(k * outputSize)..]);
        }
    }

    /// <summary>
    /// <see cref="FourSamples"/> for eight samples with 512-bit vectors: sixteen outputs each, the same sums lane by lane.
    /// </summary>
    /// <summary>
    /// Eight samples by 32 outputs, all of them inside the outputs: sixteen accumulators, so each input's eight
    /// broadcasts serve sixteen multiply-adds (N3's 32 -> 32 layer over 64 samples, about a fifth faster than two
    /// blocks of sixteen, which load every broadcast twice).
    /// </summary>
    private static void EightSamplesTwoBlocks(ref float w, int stride, int inputSize, ref float x, ref float destination, int outputSize)
    {
        ref float bias = ref Unsafe.Add(ref w, inputSize * stride);
        Vector512<float> low = Vector512.LoadUnsafe(ref bias), high = Vector512.LoadUnsafe(ref bias, Columns);
        Vector512<float> a0 = low, a1 = low, a2 = low, a3 = low, a4 = low, a5 = low, a6 = low, a7 = low;
        Vector512<float> b0 = high, b1 = high, b2 = high, b3 = high, b4 = high, b5 = high, b6 = high, b7 = high;
        for (int input = 0; input < inputSize; input++, w = ref Unsafe.Add(ref w, stride), x = ref Unsafe.Add(ref x, 1))
        {
            Vector512<float> weightsLow = Vector512.LoadUnsafe(ref w), weightsHigh = Vector512.LoadUnsafe(ref w, Columns);
            Vector512<float> x0 = Vector512.Create(x);
            a0 = VectorMath.MultiplyAdd(weightsLow, x0, a0);
            b0 = VectorMath.MultiplyAdd(weightsHigh, x0, b0);
            Vector512<float> x1 = Vector512.Create(Unsafe.Add(ref x, inputSize));
            a1 = VectorMath.MultiplyAdd(weightsLow, x1, a1);
            b1 = VectorMath.MultiplyAdd(weightsHigh, x1, b1);
            Vector512<float> x2 = Vector512.Create(Unsafe.Add(ref x, 2 * inputSize));
            a2 = VectorMath.MultiplyAdd(weightsLow, x2, a2);
            b2 = VectorMath.MultiplyAdd(weightsHigh, x2, b2);
            Vector512<float> x3 = Vector512.Create(Unsafe.Add(ref x, 3 * inputSize));
            a3 = VectorMath.MultiplyAdd(weightsLow, x3, a3);
            b3 = VectorMath.MultiplyAdd(weightsHigh, x3, b3);
            Vector512<float> x4 = Vector512.Create(Unsafe.Add(ref x, 4 * inputSize));
            a4 = VectorMath.MultiplyAdd(weightsLow, x4, a4);
            b4 = VectorMath.MultiplyAdd(weightsHigh, x4, b4);
            Vector512<float> x5 = Vector512.Create(Unsafe.Add(ref x, 5 * inputSize));
            a5 = VectorMath.MultiplyAdd(weightsLow, x5, a5);
            b5 = VectorMath.MultiplyAdd(weightsHigh, x5, b5);
            Vector512<float> x6 = Vector512.Create(Unsafe.Add(ref x, 6 * inputSize));
            a6 = VectorMath.MultiplyAdd(weightsLow, x6, a6);
            b6 = VectorMath.MultiplyAdd(weightsHigh, x6, b6);
            Vector512<float> x7 = Vector512.Create(Unsafe.Add(ref x, 7 * inputSize));
            a7 = VectorMath.MultiplyAdd(weightsLow, x7, a7);
            b7 = VectorMath.MultiplyAdd(weightsHigh, x7, b7);
        }

        a0.StoreUnsafe(ref destination);
        b0.StoreUnsafe(ref destination, Columns);
        a1.StoreUnsafe(ref destination, (nuint)outputSize);
        b1.StoreUnsafe(ref destination, (nuint)(outputSize + Columns));
        a2.StoreUnsafe(ref destination, (nuint)(2 * outputSize));
        b2.StoreUnsafe(ref destination, (nuint)((2 * outputSize) + Columns));
        a3.StoreUnsafe(ref destination, (nuint)(3 * outputSize));
        b3.StoreUnsafe(ref destination, (nuint)((3 * outputSize) + Columns));
        a4.StoreUnsafe(ref destination, (nuint)(4 * outputSize));
        b4.StoreUnsafe(ref destination, (nuint)((4 * outputSize) + Columns));
        a5.StoreUnsafe(ref destination, (nuint)(5 * outputSize));
        b5.StoreUnsafe(ref destination, (nuint)((5 * outputSize) + Columns));
        a6.StoreUnsafe(ref destination, (nuint)(6 * outputSize));
        b6.StoreUnsafe(ref destination, (nuint)((6 * outputSize) + Columns));
        a7.StoreUnsafe(ref destination, (nuint)(7 * outputSize));
        b7.StoreUnsafe(ref destination, (nuint)((7 * outputSize) + Columns));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EightSamples(
        ref float w, int stride, int inputSize, ref float x, Span<float> destination, int outputSize, int count, Span<float> spill)
    {
        Vector512<float> bias = Vector512.LoadUnsafe(ref Unsafe.Add(ref w, inputSize * stride));
        Vector512<float> a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
        for (int input = 0; input < inputSize; input++, w = ref Unsafe.Add(ref w, stride), x = ref Unsafe.Add(ref x, 1))
        {
            Vector512<float> weights = Vector512.LoadUnsafe(ref w);
            a0 = VectorMath.MultiplyAdd(weights, Vector512.Create(x), a0);
            a1 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, inputSize)), a1);
            a2 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 2 * inputSize)), a2);
            a3 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 3 * inputSize)), a3);
            a4 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 4 * inputSize)), a4);
            a5 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 5 * inputSize)), a5);
            a6 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 6 * inputSize)), a6);
            a7 = VectorMath.MultiplyAdd(weights, Vector512.Create(Unsafe.Add(ref x, 7 * inputSize)), a7);
        }

        if (count >= Columns)
        {
            a0.CopyTo(destination);
            a1.CopyTo(destination[outputSize..]);
            a2.CopyTo(destination[(2 * outputSize)..]);
            a3.CopyTo(destination[(3 * outputSize)..]);
            a4.CopyTo(destination[(4 * outputSize)..]);
            a5.CopyTo(destination[(5 * outputSize)..]);
            a6.CopyTo(destination[(6 * outputSize)..]);
            a7.CopyTo(destination[(7 * outputSize)..]);
            return;
        }

        // The last, partial block: through the spill, every accumulator stored before the first copy call.
        a0.CopyTo(spill);
        a1.CopyTo(spill[Columns..]);
        a2.CopyTo(spill[(2 * Columns)..]);
        a3.CopyTo(spill[(3 * Columns)..]);
        a4.CopyTo(spill[(4 * Columns)..]);
        a5.CopyTo(spill[(5 * Columns)..]);
        a6.CopyTo(spill[(6 * Columns)..]);
        a7.CopyTo(spill[(7 * Columns)..]);
        for (int k = 0; k < 8; k++)
        {
            spill.Slice(k * Columns, count).CopyTo(destination[(k * outputSize)..]);
        }
    }

    /// <summary>Sixteen outputs of one sample: the batch's last few.</summary>
    private static void OneSample(ref float w, int stride, int inputSize, ref float x, out Vector256<float> low, out Vector256<float> high)
    {
        ref float bias = ref Unsafe.Add(ref w, inputSize * stride);
        low = Vector256.LoadUnsafe(ref bias);
        high = Vector256.LoadUnsafe(ref bias, Lanes);
        for (int input = 0; input < inputSize; input++, w = ref Unsafe.Add(ref w, stride), x = ref Unsafe.Add(ref x, 1))
        {
            Vector256<float> value = Vector256.Create(x);
            low = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref w), value, low);
            high = VectorMath.MultiplyAdd(Vector256.LoadUnsafe(ref w, Lanes), value, high);
        }
    }

    /// <summary>Writes the first <paramref name="count"/> (at most sixteen) of the two vectors' values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<float> low, Vector256<float> high, Span<float> destination, int count, Span<float> spill)
    {
        if (count >= Columns)
        {
            low.CopyTo(destination);
            high.CopyTo(destination[Lanes..]);
            return;
        }

        low.CopyTo(spill);
        high.CopyTo(spill[Lanes..]);
        spill[..count].CopyTo(destination);
    }
}
#endif
