using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// A gated recurrent unit over a step-major sequence, PyTorch's <c>nn.GRU</c> (one layer, <c>batch_first</c>, state zero
/// at the first step): with gates in PyTorch's order r, z, n,
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h' = (1 - z) ⊙ n + z ⊙ h</c>.
/// The weights are <c>weight_ih [3H, I]</c> then <c>weight_hh [3H, H]</c>; the biases <c>bias_ih [3H]</c> then
/// <c>bias_hh [3H]</c>. Every step, whole sequence or streamed, goes through one step's code, so both give the same bits:
/// with inference's gates (<see cref="ForwardAtInference"/>, <see cref="StreamStep"/>) or training's (<see cref="Forward"/>, <see cref="Step"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class GruKernels
{
    /// <summary>Forward's scratch (both gate products and a zero state) up to this many floats lives on the stack; larger layers use the workspace.</summary>
    private const int StackScratch = 1792;

    [ThreadStatic]
    private static float[]? workspace;

    /// <summary>
    /// Runs the whole sequence: <paramref name="input"/> is <c>steps x features</c>, <paramref name="output"/> receives
    /// every step's hidden state, <c>steps x hidden</c>.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, features, hidden, packed: false, inference: false);

    /// <summary>
    /// <see cref="Forward"/> from the hidden state <paramref name="start"/> instead of zeros (a window continuing a
    /// stream: truncated backpropagation through time), writing the state after the last step to <paramref name="end"/>.
    /// </summary>
    public static void ForwardFrom(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, Span<float> end, int features,
        int hidden)
    {
        SpanGuard.Length(start.Length, hidden, nameof(start));
        SpanGuard.Length(end.Length, hidden, nameof(end));
        Run(weights, biases, start, input, output, features, hidden, packed: false, inference: false);
        output.Slice(output.Length - hidden).CopyTo(end);
    }

    /// <summary>
    /// <see cref="Forward"/> with inference's gates: tanh as <see cref="RationalTanh"/>, the sigmoids made from it (within
    /// 2e-7). <c>Forward</c> and <c>Step</c> of a generated network run this; training keeps the one-ulp gates.
    /// </summary>
    public static void ForwardAtInference(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, features, hidden, packed: false, inference: true);

    /// <summary>
    /// <see cref="Forward"/> on weights as <c>PackParameters</c> stores them, both matrices transposed (<c>[I, 3H]</c>
    /// then <c>[H, 3H]</c>): each input and state value scales a row of gates, with no horizontal sums.
    /// </summary>
    public static void ForwardPacked(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, features, hidden, packed: true, inference: false);

    /// <summary><see cref="ForwardPacked"/> with inference's gates (see <see cref="ForwardAtInference"/>).</summary>
    public static void ForwardPackedAtInference(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, features, hidden, packed: true, inference: true);

    /// <summary>
    /// One streaming step: <paramref name="state"/> (the hidden state) advanced in place by the step <paramref name="x"/>;
    /// <paramref name="scratch"/> holds six times the hidden size. The arithmetic of
    /// <see cref="ForwardAtInference"/>'s steps, so a sequence streamed gives its bits.
    /// </summary>
    public static void StreamStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden)
    {
        SpanGuard.Length(scratch.Length, 6 * hidden, nameof(scratch));
        Advance(weights, biases, x, state, state, scratch, hidden, packed: false, inference: true);
    }

    /// <summary><see cref="StreamStep"/> on packed weights: the arithmetic of <see cref="ForwardPackedAtInference"/>'s steps.</summary>
    public static void StreamStepPacked(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden)
    {
        SpanGuard.Length(scratch.Length, 6 * hidden, nameof(scratch));
        Advance(weights, biases, x, state, state, scratch, hidden, packed: true, inference: true);
    }

    /// <summary>
    /// A block of streamed steps: <paramref name="input"/> <c>steps x features</c>, <paramref name="output"/> every
    /// step's hidden state, the stream's <paramref name="state"/> the start and then the state after the block: the bits
    /// of as many <see cref="StreamStep"/>s.
    /// </summary>
    public static void StreamBlock(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> state, Span<float> output, int features, int hidden) =>
        RunBlock(weights, biases, input, state, output, features, hidden, packed: false);

    /// <summary><see cref="StreamBlock"/> on packed weights: the bits of as many <see cref="StreamStepPacked"/>s.</summary>
    public static void StreamBlockPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> state, Span<float> output, int features, int hidden) =>
        RunBlock(weights, biases, input, state, output, features, hidden, packed: true);

    /// <summary>
    /// One step: the new state from <paramref name="x"/> and the <paramref name="previous"/> state, into
    /// <paramref name="next"/> (which may be the same span). <paramref name="gates"/> is scratch of six times the hidden
    /// size; it is left holding r, z and n, then the state's products (the last third <c>W_hn h + b_hn</c>), which
    /// the backward pass keeps. Training's one-ulp gates.
    /// </summary>
    public static void Step(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden) =>
        Advance(weights, biases, x, previous, next, gates, hidden, packed: false, inference: false);

    /// <summary>A block continuing the stream in <paramref name="state"/>, which then holds the state after it.</summary>
    private static void RunBlock(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> state, Span<float> output, int features, int hidden, bool packed)
    {
        SpanGuard.Length(state.Length, hidden, nameof(state));
        Run(weights, biases, state, input, output, features, hidden, packed, inference: true);
        output.Slice(output.Length - hidden).CopyTo(state);
    }

    /// <summary>The sequence from the state <paramref name="start"/> (empty: zeros).</summary>
    private static void Run(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, int features, int hidden,
        bool packed, bool inference)
    {
        int steps = RecurrentShapes.Check("A GRU", 3, weights, biases, input, output.Length, features, hidden);
        Span<float> scratch = 7 * hidden <= StackScratch ? stackalloc float[7 * hidden] : Workspace(7 * hidden);
        Span<float> gates = scratch.Slice(0, 6 * hidden);
        Span<float> zeros = scratch.Slice(6 * hidden, hidden);
        zeros.Clear();
        ReadOnlySpan<float> first = start.IsEmpty ? zeros : start;
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> previous = t == 0 ? first : output.Slice((t - 1) * hidden, hidden);
            Advance(weights, biases, input.Slice(t * features, features), previous, output.Slice(t * hidden, hidden), gates, hidden, packed, inference);
        }
    }

    private static void Advance(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates,
        int hidden, bool packed, bool inference)
    {
        int gateRows = 3 * hidden;
        RecurrentShapes.CheckStep(weights, biases, x, previous, next, gates, gateRows, hidden);
#if NET8_0_OR_GREATER
        if (packed && hidden == 16 && Vector512.IsHardwareAccelerated)
        {
            if (inference)
            {
                PackedVector<Width512, Vector512<float>, Inference512>(weights, biases, x, previous, next);
            }
            else
            {
                PackedVector<Width512, Vector512<float>, OneUlp512>(weights, biases, x, previous, next);
            }

            return;
        }

        if (packed && hidden == 8 && Vector256.IsHardwareAccelerated)
        {
            if (inference)
            {
                PackedVector<Width256, Vector256<float>, Inference256>(weights, biases, x, previous, next);
            }
            else
            {
                PackedVector<Width256, Vector256<float>, OneUlp256>(weights, biases, x, previous, next);
            }

            return;
        }

        if (!packed && inference && hidden == 8 && Avx.IsSupported && (x.Length == 1 || x.Length >= 8))
        {
            RowMajorEight(weights, biases, x, previous, next);
            return;
        }
#endif

        GateProducts.Compute(weights, biases, x, previous, gates.Slice(0, gateRows), gates.Slice(gateRows, gateRows), packed);
#if NET8_0_OR_GREATER
        if (GateProducts.InRegisters(hidden))
        {
            GatesInRegisters(previous, next, gates, hidden, inference);
            return;
        }
#endif

        GatesWithSpans(previous, next, gates, hidden, inference);
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// A packed step of a layer of one vector's worth of units (a GRU-8 or, with AVX-512, a GRU-16), every value in
    /// registers from the products to the new state: each input and state value scales its row of the transposed weights
    /// into the three gates, the state's in two sets of accumulators (even and odd values) to halve the chain each step
    /// waits on. Inference only (training replays unpacked steps), so the gates are not kept. Not inlined: its body,
    /// twice over for the two widths, would make every step's frame large (the unpacked LSTM-16 step measured 18 ns slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PackedVector<TWidth, TVector, TForm>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
        where TForm : struct, IActivationForm<TVector>
    {
        int hidden = TWidth.Count;
        int rows = 3 * hidden;
        int features = x.Length;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        TVector inputR = TWidth.Load(ref b, 0), inputZ = TWidth.Load(ref b, hidden), inputN = TWidth.Load(ref b, 2 * hidden);
        for (int j = 0; j < features; j++)
        {
            TVector value = TWidth.Broadcast(x[j]);
            ref float row = ref Unsafe.Add(ref w, j * rows);
            inputR = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), value, inputR);
            inputZ = TWidth.MultiplyAdd(TWidth.Load(ref row, hidden), value, inputZ);
            inputN = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * hidden), value, inputN);
        }

        ref float recurrent = ref Unsafe.Add(ref w, features * rows);
        ref float h = ref MemoryMarshal.GetReference(previous);
        TVector zero = TWidth.Broadcast(0f);
        TVector evenR = TWidth.Load(ref b, rows), evenZ = TWidth.Load(ref b, rows + hidden), evenN = TWidth.Load(ref b, rows + (2 * hidden));
        TVector oddR = zero, oddZ = zero, oddN = zero;
        for (int j = 0; j < hidden; j += 2)
        {
            TVector even = TWidth.Broadcast(Unsafe.Add(ref h, j));
            TVector odd = TWidth.Broadcast(Unsafe.Add(ref h, j + 1));
            ref float evenRow = ref Unsafe.Add(ref recurrent, j * rows);
            ref float oddRow = ref Unsafe.Add(ref evenRow, rows);
            evenR = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, 0), even, evenR);
            evenZ = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, hidden), even, evenZ);
            evenN = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, 2 * hidden), even, evenN);
            oddR = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, 0), odd, oddR);
            oddZ = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, hidden), odd, oddZ);
            oddN = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, 2 * hidden), odd, oddN);
        }

        TVector reset = TForm.Sigmoid(TWidth.Add(inputR, TWidth.Add(evenR, oddR)));
        TVector update = TForm.Sigmoid(TWidth.Add(inputZ, TWidth.Add(evenZ, oddZ)));
        TVector candidate = TForm.Tanh(TWidth.Add(inputN, TWidth.Multiply(reset, TWidth.Add(evenN, oddN))));
        TVector state = TWidth.Load(ref h, 0);
        TVector kept = TWidth.Subtract(TWidth.Broadcast(1f), update);
        TWidth.Store(TWidth.Add(TWidth.Multiply(kept, candidate), TWidth.Multiply(update, state)), ref MemoryMarshal.GetReference(next), 0);
    }

    /// <summary>
    /// An inference step of a GRU-8 on PyTorch's layout, every value in registers: the products exactly as
    /// <see cref="GateProducts"/> computes them (a column's multiply-add for one input feature, else <see cref="DenseKernels.Dot8"/>
    /// blocks, then the bias) and the gates as <see cref="Units{TWidth, TVector, TForm}"/> computes them, so the same bits
    /// without the stores and reloads of the gates between them. Nothing is kept for a backward pass.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RowMajorEight(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next)
    {
        const int hidden = 8, rows = 3 * hidden;
        int features = x.Length;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float input = ref MemoryMarshal.GetReference(x);
        Vector256<float> inputR, inputZ, inputN;
        if (features == 1)
        {
            Vector256<float> x0 = Vector256.Create(input);
            inputR = (Vector256.LoadUnsafe(ref w) * x0) + Vector256.LoadUnsafe(ref b);
            inputZ = (Vector256.LoadUnsafe(ref w, hidden) * x0) + Vector256.LoadUnsafe(ref b, hidden);
            inputN = (Vector256.LoadUnsafe(ref w, 2 * hidden) * x0) + Vector256.LoadUnsafe(ref b, 2 * hidden);
        }
        else
        {
            inputR = DenseKernels.Dot8(ref w, features, ref input) + Vector256.LoadUnsafe(ref b);
            inputZ = DenseKernels.Dot8(ref Unsafe.Add(ref w, hidden * features), features, ref input) + Vector256.LoadUnsafe(ref b, hidden);
            inputN = DenseKernels.Dot8(ref Unsafe.Add(ref w, 2 * hidden * features), features, ref input) + Vector256.LoadUnsafe(ref b, 2 * hidden);
        }

        ref float recurrent = ref Unsafe.Add(ref w, rows * features);
        ref float h = ref MemoryMarshal.GetReference(previous);
        Vector256<float> stateR = DenseKernels.Dot8(ref recurrent, hidden, ref h) + Vector256.LoadUnsafe(ref b, rows);
        Vector256<float> stateZ = DenseKernels.Dot8(ref Unsafe.Add(ref recurrent, hidden * hidden), hidden, ref h) + Vector256.LoadUnsafe(ref b, rows + hidden);
        Vector256<float> stateN = DenseKernels.Dot8(ref Unsafe.Add(ref recurrent, 2 * hidden * hidden), hidden, ref h) + Vector256.LoadUnsafe(ref b, rows + (2 * hidden));
        Vector256<float> reset = Inference256.Sigmoid(inputR + stateR);
        Vector256<float> update = Inference256.Sigmoid(inputZ + stateZ);
        Vector256<float> candidate = Inference256.Tanh(inputN + (reset * stateN));
        Vector256<float> state = Vector256.LoadUnsafe(ref h);
        ((((Vector256<float>.One - update) * candidate)) + (update * state)).StoreUnsafe(ref MemoryMarshal.GetReference(next));
    }

    /// <summary>
    /// The gates and new state from the products in <paramref name="gates"/>, for hidden sizes of whole vectors: each
    /// vector's worth of units in registers. The arithmetic of <see cref="GatesWithSpans"/>, so the same bits (tested),
    /// with inference's gates or training's.
    /// </summary>
    internal static void GatesInRegisters(ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden, bool inference)
    {
        if (inference)
        {
            GatesInRegisters<Inference512, Inference256>(previous, next, gates, hidden);
        }
        else
        {
            GatesInRegisters<OneUlp512, OneUlp256>(previous, next, gates, hidden);
        }
    }

    private static void GatesInRegisters<TForm512, TForm256>(ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden)
        where TForm512 : struct, IActivationForm<Vector512<float>>
        where TForm256 : struct, IActivationForm<Vector256<float>>
    {
        ref float input = ref MemoryMarshal.GetReference(gates);
        ref float state = ref Unsafe.Add(ref input, 3 * hidden);
        ref float before = ref MemoryMarshal.GetReference(previous);
        ref float after = ref MemoryMarshal.GetReference(next);

        // Sixteen units at a time where the cores run AVX-512 at full width, eight after: the same bits either way.
        int unit = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; unit + 16 <= hidden; unit += 16)
            {
                Units<Width512, Vector512<float>, TForm512>(ref input, ref state, ref before, ref after, hidden, unit);
            }
        }

        for (; unit < hidden; unit += 8)
        {
            Units<Width256, Vector256<float>, TForm256>(ref input, ref state, ref before, ref after, hidden, unit);
        }
    }
#endif

    /// <summary>The gates and new state from the products in <paramref name="gates"/>, any hidden size: each operation over a span of gates.</summary>
    internal static void GatesWithSpans(ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden, bool inference)
    {
        int gateRows = 3 * hidden;
        Span<float> fromInput = gates.Slice(0, gateRows);
        Span<float> fromState = gates.Slice(gateRows, gateRows);

        // r and z side by side, then n: each activation over whole vectors of gates, not one gate at a time.
        Span<float> resetAndUpdate = fromInput.Slice(0, 2 * hidden);
        Span<float> candidate = fromInput.Slice(2 * hidden, hidden);
        TensorPrimitives.Add(resetAndUpdate, fromState.Slice(0, 2 * hidden), resetAndUpdate);
        GateActivations.Sigmoid(resetAndUpdate, inference);
        for (int j = 0; j < hidden; j++)
        {
            candidate[j] += resetAndUpdate[j] * fromState[(2 * hidden) + j];
        }

        GateActivations.Tanh(candidate, inference);
        for (int j = 0; j < hidden; j++)
        {
            float z = resetAndUpdate[hidden + j];
            next[j] = ((1f - z) * candidate[j]) + (z * previous[j]);
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The gates and new states of a vector's worth of units from <paramref name="unit"/>, in registers from the gate
    /// products to the new state: the operations of <see cref="GatesWithSpans"/>, in the same order on the same
    /// values, so the same bits without the trips through memory between them (a streamed GRU-8's step is a chain of
    /// them end to end). Reads only its own units of <paramref name="previous"/>, so <paramref name="next"/> may be it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Units<TWidth, TVector, TForm>(ref float fromInput, ref float fromState, ref float previous, ref float next, int hidden, int unit)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
        where TForm : struct, IActivationForm<TVector>
    {
        int z = hidden + unit;
        int n = (2 * hidden) + unit;
        TVector reset = TForm.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, unit), TWidth.Load(ref fromState, unit)));
        TVector update = TForm.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, z), TWidth.Load(ref fromState, z)));
        TVector candidate = TForm.Tanh(TWidth.Add(TWidth.Load(ref fromInput, n), TWidth.Multiply(reset, TWidth.Load(ref fromState, n))));
        TVector state = TWidth.Load(ref previous, unit);
        TWidth.Store(reset, ref fromInput, unit);
        TWidth.Store(update, ref fromInput, z);
        TWidth.Store(candidate, ref fromInput, n);
        TVector kept = TWidth.Subtract(TWidth.Broadcast(1f), update);
        TWidth.Store(TWidth.Add(TWidth.Multiply(kept, candidate), TWidth.Multiply(update, state)), ref next, unit);
    }
#endif

    /// <summary>
    /// Backpropagation through time. <paramref name="gradient"/> is dLoss/d(every step's hidden state); ADDS the weights'
    /// and biases' gradients and OVERWRITES <paramref name="inputGradients"/> with dLoss/dInput unless it is empty. The
    /// forward pass is run again into a per-thread workspace (gates and states of every step), so the caller keeps
    /// nothing but the input.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> biases,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradient,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients,
        int features,
        int hidden) =>
        Backward(weights, biases, ReadOnlySpan<float>.Empty, input, gradient, weightGradients, biasGradients, inputGradients, features, hidden);

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, int, int)"/>
    /// of a window that started from the hidden state <paramref name="start"/> (see <see cref="ForwardFrom"/>): the
    /// gradient stops there, as truncated backpropagation through time cuts it.
    /// </summary>
    public static void BackwardFrom(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> biases,
        ReadOnlySpan<float> start,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradient,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients,
        int features,
        int hidden)
    {
        SpanGuard.Length(start.Length, hidden, nameof(start));
        Backward(weights, biases, start, input, gradient, weightGradients, biasGradients, inputGradients, features, hidden);
    }

    private static void Backward(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> biases,
        ReadOnlySpan<float> start,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> gradient,
        Span<float> weightGradients,
        Span<float> biasGradients,
        Span<float> inputGradients,
        int features,
        int hidden)
    {
        int steps = RecurrentShapes.Check("A GRU", 3, weights, biases, input, gradient.Length, features, hidden);
        SpanGuard.Length(weightGradients.Length, weights.Length, nameof(weightGradients));
        SpanGuard.Length(biasGradients.Length, biases.Length, nameof(biasGradients));
        SpanGuard.LengthOrEmpty(inputGradients.Length, input.Length, nameof(inputGradients));

        // Per step: the state h and the gate values r, z, n and W_hn h + b_hn; then one row of each gradient.
        int gateRows = 3 * hidden;
        int perStep = 5 * hidden;
        Span<float> memory = Workspace((steps * perStep) + (2 * gateRows) + (4 * hidden));
        Span<float> states = memory.Slice(0, steps * hidden);
        Span<float> values = memory.Slice(steps * hidden, steps * 4 * hidden);
        Span<float> gateGradientsInput = memory.Slice(steps * perStep, gateRows);
        Span<float> gateGradientsState = memory.Slice((steps * perStep) + gateRows, gateRows);
        Span<float> carry = memory.Slice((steps * perStep) + (2 * gateRows), hidden);
        Span<float> direct = memory.Slice((steps * perStep) + (2 * gateRows) + hidden, hidden);
        Span<float> throughWeights = memory.Slice((steps * perStep) + (2 * gateRows) + (2 * hidden), hidden);
        Span<float> zeros = memory.Slice((steps * perStep) + (2 * gateRows) + (3 * hidden), hidden);
        zeros.Clear();
        ReadOnlySpan<float> first = start.IsEmpty ? zeros : start;
        // The gate gradients' rows serve as the replay's gate scratch: they are written only after it.
        Replay(weights, biases, input, states, values, memory.Slice(steps * perStep, 2 * gateRows), first, features, hidden, steps);

        ReadOnlySpan<float> inputWeights = weights.Slice(0, gateRows * features);
        ReadOnlySpan<float> stateWeights = weights.Slice(gateRows * features, gateRows * hidden);
        Span<float> inputWeightGradients = weightGradients.Slice(0, gateRows * features);
        Span<float> stateWeightGradients = weightGradients.Slice(gateRows * features, gateRows * hidden);
        carry.Clear();
        for (int t = steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<float> previous = t == 0 ? first : states.Slice((t - 1) * hidden, hidden);
            ReadOnlySpan<float> step = values.Slice(t * 4 * hidden, 4 * hidden);
            ReadOnlySpan<float> stepGradient = gradient.Slice(t * hidden, hidden);
            for (int j = 0; j < hidden; j++)
            {
                float r = step[j], z = step[hidden + j], n = step[(2 * hidden) + j], stateNew = step[(3 * hidden) + j];
                float dh = stepGradient[j] + carry[j];
                float dn = dh * (1f - z);
                float dz = dh * (previous[j] - n);
                direct[j] = dh * z;
                float dnSum = dn * (1f - (n * n));
                float dr = dnSum * stateNew;
                float drSum = dr * r * (1f - r);
                float dzSum = dz * z * (1f - z);
                gateGradientsInput[j] = drSum;
                gateGradientsInput[hidden + j] = dzSum;
                gateGradientsInput[(2 * hidden) + j] = dnSum;
                gateGradientsState[j] = drSum;
                gateGradientsState[hidden + j] = dzSum;
                gateGradientsState[(2 * hidden) + j] = dnSum * r;
            }

            DenseKernels.Backward(
                inputWeights, input.Slice(t * features, features), gateGradientsInput, inputWeightGradients, biasGradients.Slice(0, gateRows),
                inputGradients.IsEmpty ? Span<float>.Empty : inputGradients.Slice(t * features, features));
            DenseKernels.Backward(stateWeights, previous, gateGradientsState, stateWeightGradients, biasGradients.Slice(gateRows, gateRows), throughWeights);
            for (int j = 0; j < hidden; j++)
            {
                carry[j] = direct[j] + throughWeights[j];
            }
        }
    }

    /// <summary>The forward pass again, through <see cref="Step"/>, keeping each step's state and its r, z, n and <c>W_hn h + b_hn</c>.</summary>
    private static void Replay(
        ReadOnlySpan<float> weights,
        ReadOnlySpan<float> biases,
        ReadOnlySpan<float> input,
        Span<float> states,
        Span<float> values,
        Span<float> gates,
        ReadOnlySpan<float> start,
        int features,
        int hidden,
        int steps)
    {
        int gateRows = 3 * hidden;
        Span<float> fromInput = gates.Slice(0, gateRows);
        Span<float> fromState = gates.Slice(gateRows, gateRows);
        for (int t = 0; t < steps; t++)
        {
            Span<float> step = values.Slice(t * 4 * hidden, 4 * hidden);
            ReadOnlySpan<float> previous = t == 0 ? start : states.Slice((t - 1) * hidden, hidden);
            Step(weights, biases, input.Slice(t * features, features), previous, states.Slice(t * hidden, hidden), gates, hidden);
            fromInput.CopyTo(step);
            fromState.Slice(2 * hidden, hidden).CopyTo(step.Slice(3 * hidden));
        }
    }

    /// <summary>This thread's workspace, grown to <paramref name="length"/> floats on first need and kept.</summary>
    private static Span<float> Workspace(int length) => AlignedMemory.Grow(ref workspace, length);
}
