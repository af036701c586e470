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
/// A long short-term memory layer over a step-major sequence, PyTorch's <c>nn.LSTM</c> (one layer, <c>batch_first</c>,
/// state zero at the first step): with gates in PyTorch's order i, f, g, o,
/// <c>i = σ(W_ii x + b_ii + W_hi h + b_hi)</c>, <c>f = σ(…)</c>, <c>g = tanh(…)</c>, <c>o = σ(…)</c>,
/// <c>c' = f ⊙ c + i ⊙ g</c>, <c>h' = o ⊙ tanh(c')</c>. The weights are <c>weight_ih [4H, I]</c> then
/// <c>weight_hh [4H, H]</c>; the biases <c>bias_ih [4H]</c> then <c>bias_hh [4H]</c>. Every step, whole sequence or
/// streamed, goes through one step's code, so both give the same bits: with inference's gates
/// (<see cref="ForwardAtInference"/>, <see cref="StreamStep"/>) or training's (<see cref="Forward"/>, <see cref="Step"/>).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class LstmKernels
{
    /// <summary>Forward's scratch (both gate products, a zero state and the cell) up to this many floats lives on the stack.</summary>
    private const int StackScratch = 2048;

    [ThreadStatic]
    private static float[]? workspace;

    /// <summary>
    /// Runs the whole sequence: <paramref name="input"/> is <c>steps x features</c>, <paramref name="output"/> receives
    /// every step's hidden state, <c>steps x hidden</c>.
    /// </summary>
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, Span<float>.Empty, features, hidden, packed: false, inference: false);

    /// <summary>
    /// <see cref="Forward"/> from the state <paramref name="start"/> (the hidden state, then the cell, as a stream
    /// carries it) instead of zeros: a window continuing a stream (truncated backpropagation through time). The state
    /// after the last step goes to <paramref name="end"/>, in the same layout.
    /// </summary>
    public static void ForwardFrom(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, Span<float> end, int features,
        int hidden)
    {
        SpanGuard.Length(start.Length, 2 * hidden, nameof(start));
        SpanGuard.Length(end.Length, 2 * hidden, nameof(end));
        Run(weights, biases, start, input, output, end, features, hidden, packed: false, inference: false);
    }

    /// <summary>
    /// <see cref="Forward"/> with inference's gates: tanh as <see cref="RationalTanh"/>, the sigmoids made from it (within
    /// 2e-7). <c>Forward</c> and <c>Step</c> of a generated network run this; training keeps the one-ulp gates.
    /// </summary>
    public static void ForwardAtInference(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, Span<float>.Empty, features, hidden, packed: false, inference: true);

    /// <summary>
    /// <see cref="Forward"/> on weights as <c>PackParameters</c> stores them, both matrices transposed (<c>[I, 4H]</c>
    /// then <c>[H, 4H]</c>): each input and state value scales a row of gates, with no horizontal sums.
    /// </summary>
    public static void ForwardPacked(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, Span<float>.Empty, features, hidden, packed: true, inference: false);

    /// <summary><see cref="ForwardPacked"/> with inference's gates (see <see cref="ForwardAtInference"/>).</summary>
    public static void ForwardPackedAtInference(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden) =>
        Run(weights, biases, ReadOnlySpan<float>.Empty, input, output, Span<float>.Empty, features, hidden, packed: true, inference: true);

    /// <summary>
    /// One streaming step: <paramref name="state"/> (the hidden state, then the cell) advanced in place by the step
    /// <paramref name="x"/>; <paramref name="scratch"/> holds eight times the hidden size. The arithmetic of
    /// <see cref="ForwardAtInference"/>'s steps, so a sequence streamed gives its bits.
    /// </summary>
    public static void StreamStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden) =>
        AdvanceStream(weights, biases, x, state, scratch, hidden, packed: false);

    /// <summary><see cref="StreamStep"/> on packed weights: the arithmetic of <see cref="ForwardPackedAtInference"/>'s steps.</summary>
    public static void StreamStepPacked(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden) =>
        AdvanceStream(weights, biases, x, state, scratch, hidden, packed: true);

    /// <summary>
    /// A block of streamed steps: <paramref name="input"/> <c>steps x features</c>, <paramref name="output"/> every
    /// step's hidden state, the stream's <paramref name="state"/> (the hidden state, then the cell) the start and then
    /// the state after the block: the bits of as many <see cref="StreamStep"/>s.
    /// </summary>
    public static void StreamBlock(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> state, Span<float> output, int features, int hidden)
    {
        SpanGuard.Length(state.Length, 2 * hidden, nameof(state));
        Run(weights, biases, state, input, output, state, features, hidden, packed: false, inference: true);
    }

    /// <summary><see cref="StreamBlock"/> on packed weights: the bits of as many <see cref="StreamStepPacked"/>s.</summary>
    public static void StreamBlockPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> state, Span<float> output, int features, int hidden)
    {
        SpanGuard.Length(state.Length, 2 * hidden, nameof(state));
        Run(weights, biases, state, input, output, state, features, hidden, packed: true, inference: true);
    }

    /// <summary>
    /// One step: the new hidden state into <paramref name="next"/> (which may be <paramref name="previous"/>) and the
    /// new cell over <paramref name="cell"/>. <paramref name="gates"/> is scratch of eight times the hidden size; it is
    /// left holding the gates i, f, g, o, then tanh of the new cell, which the backward pass keeps. Training's one-ulp gates.
    /// </summary>
    public static void Step(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> cell,
        Span<float> gates, int hidden) =>
        Advance(weights, biases, x, previous, next, cell, gates, hidden, packed: false, inference: false);

    /// <summary>The sequence from the state <paramref name="start"/> (hidden then cell; empty: zeros), the last state to <paramref name="end"/> unless empty.</summary>
    private static void Run(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, Span<float> end,
        int features, int hidden, bool packed, bool inference)
    {
        int steps = RecurrentShapes.Check("An LSTM", 4, weights, biases, input, output.Length, features, hidden);
#if NET8_0_OR_GREATER
        if (SmallInRegisters(hidden, packed, inference))
        {
            SmallPackedBlock(weights, biases, start, input, output, end, features, hidden);
            return;
        }
#endif

        Span<float> scratch = 10 * hidden <= StackScratch ? stackalloc float[10 * hidden] : Workspace(10 * hidden);
        Span<float> gates = scratch.Slice(0, 8 * hidden);
        Span<float> zeros = scratch.Slice(8 * hidden, hidden);
        Span<float> cell = scratch.Slice(9 * hidden, hidden);
        zeros.Clear();
        cell.Clear();
        ReadOnlySpan<float> first = zeros;
        if (!start.IsEmpty)
        {
            first = start.Slice(0, hidden);
            start.Slice(hidden, hidden).CopyTo(cell);
        }

        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> previous = t == 0 ? first : output.Slice((t - 1) * hidden, hidden);
            Advance(weights, biases, input.Slice(t * features, features), previous, output.Slice(t * hidden, hidden), cell, gates, hidden, packed, inference);
        }

        if (!end.IsEmpty)
        {
            output.Slice(output.Length - hidden).CopyTo(end);
            cell.CopyTo(end.Slice(hidden));
        }
    }

    private static void AdvanceStream(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden, bool packed)
    {
        SpanGuard.Length(state.Length, 2 * hidden, nameof(state));
        SpanGuard.Length(scratch.Length, 8 * hidden, nameof(scratch));
        Span<float> stateHidden = state.Slice(0, hidden);
        Advance(weights, biases, x, stateHidden, stateHidden, state.Slice(hidden, hidden), scratch, hidden, packed, inference: true);
    }

    private static void Advance(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> cell,
        Span<float> gates, int hidden, bool packed, bool inference)
    {
        int gateRows = 4 * hidden;
        RecurrentShapes.CheckStep(weights, biases, x, previous, next, gates, gateRows, hidden);
        SpanGuard.Length(cell.Length, hidden, nameof(cell));
#if NET8_0_OR_GREATER
        if (packed && hidden == 16 && Vector512.IsHardwareAccelerated)
        {
            if (inference)
            {
                PackedVector<Width512, Vector512<float>, Inference512>(weights, biases, x, previous, next, cell);
            }
            else
            {
                PackedVector<Width512, Vector512<float>, OneUlp512>(weights, biases, x, previous, next, cell);
            }

            return;
        }

        if (packed && hidden == 8 && Vector256.IsHardwareAccelerated)
        {
            if (inference)
            {
                PackedVector<Width256, Vector256<float>, Inference256>(weights, biases, x, previous, next, cell);
            }
            else
            {
                PackedVector<Width256, Vector256<float>, OneUlp256>(weights, biases, x, previous, next, cell);
            }

            return;
        }

        if (SmallInRegisters(hidden, packed, inference))
        {
            SmallPacked(weights, biases, x, previous, next, cell, hidden);
            return;
        }
#endif

        GateProducts.Compute(weights, biases, x, previous, gates.Slice(0, gateRows), gates.Slice(gateRows, gateRows), packed);
#if NET8_0_OR_GREATER
        if (GateProducts.InRegisters(hidden))
        {
            GatesInRegisters(next, cell, gates, hidden, inference);
            return;
        }
#endif

        GatesWithSpans(next, cell, gates, hidden, inference);
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// A packed step of a layer of one vector's worth of units (an LSTM-8 or, with AVX-512, an LSTM-16), every value in
    /// registers from the products to the new state: each input and state value scales its row of the transposed weights
    /// into the four gates, the state's in two sets of accumulators (even and odd values) to halve the chain each step
    /// waits on. Inference only (training replays unpacked steps), so the gates are not kept. Not inlined: its body,
    /// twice over for the two widths, would make every step's frame large (the unpacked LSTM-16 step measured 18 ns slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PackedVector<TWidth, TVector, TForm>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> cell)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
        where TForm : struct, IActivationForm<TVector>
    {
        int hidden = TWidth.Count;
        int rows = 4 * hidden;
        int features = x.Length;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        TVector input = TWidth.Load(ref b, 0), forget = TWidth.Load(ref b, hidden), candidate = TWidth.Load(ref b, 2 * hidden), output = TWidth.Load(ref b, 3 * hidden);
        for (int j = 0; j < features; j++)
        {
            TVector value = TWidth.Broadcast(x[j]);
            ref float row = ref Unsafe.Add(ref w, j * rows);
            input = TWidth.MultiplyAdd(TWidth.Load(ref row, 0), value, input);
            forget = TWidth.MultiplyAdd(TWidth.Load(ref row, hidden), value, forget);
            candidate = TWidth.MultiplyAdd(TWidth.Load(ref row, 2 * hidden), value, candidate);
            output = TWidth.MultiplyAdd(TWidth.Load(ref row, 3 * hidden), value, output);
        }

        ref float recurrent = ref Unsafe.Add(ref w, features * rows);
        ref float h = ref MemoryMarshal.GetReference(previous);
        TVector zero = TWidth.Broadcast(0f);
        TVector evenI = TWidth.Load(ref b, rows), evenF = TWidth.Load(ref b, rows + hidden);
        TVector evenG = TWidth.Load(ref b, rows + (2 * hidden)), evenO = TWidth.Load(ref b, rows + (3 * hidden));
        TVector oddI = zero, oddF = zero, oddG = zero, oddO = zero;
        for (int j = 0; j < hidden; j += 2)
        {
            TVector even = TWidth.Broadcast(Unsafe.Add(ref h, j));
            TVector odd = TWidth.Broadcast(Unsafe.Add(ref h, j + 1));
            ref float evenRow = ref Unsafe.Add(ref recurrent, j * rows);
            ref float oddRow = ref Unsafe.Add(ref evenRow, rows);
            evenI = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, 0), even, evenI);
            evenF = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, hidden), even, evenF);
            evenG = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, 2 * hidden), even, evenG);
            evenO = TWidth.MultiplyAdd(TWidth.Load(ref evenRow, 3 * hidden), even, evenO);
            oddI = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, 0), odd, oddI);
            oddF = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, hidden), odd, oddF);
            oddG = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, 2 * hidden), odd, oddG);
            oddO = TWidth.MultiplyAdd(TWidth.Load(ref oddRow, 3 * hidden), odd, oddO);
        }

        input = TForm.Sigmoid(TWidth.Add(input, TWidth.Add(evenI, oddI)));
        forget = TForm.Sigmoid(TWidth.Add(forget, TWidth.Add(evenF, oddF)));
        candidate = TForm.Tanh(TWidth.Add(candidate, TWidth.Add(evenG, oddG)));
        output = TForm.Sigmoid(TWidth.Add(output, TWidth.Add(evenO, oddO)));
        ref float c = ref MemoryMarshal.GetReference(cell);
        TVector newCell = TWidth.Add(TWidth.Multiply(forget, TWidth.Load(ref c, 0)), TWidth.Multiply(input, candidate));
        TWidth.Store(newCell, ref c, 0);
        TWidth.Store(TWidth.Multiply(output, TForm.Tanh(newCell)), ref MemoryMarshal.GetReference(next), 0);
    }

    /// <summary>Whether a step of this layer runs <see cref="SmallPacked"/>: packed inference of at most four units, where 512-bit vectors run.</summary>
    private static bool SmallInRegisters(int hidden, bool packed, bool inference) =>
        packed && inference && hidden <= 4 && Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>
    /// A packed inference step of a layer of at most four units (an amp model's LSTM of 3): all 4H gates in one 512-bit
    /// vector, side by side as the packed rows hold them (i, f, g, o), each input and state value scaling its row; one
    /// rational tanh for every gate (tanh z for the candidate, the inference sigmoid 0.5 tanh(z / 2) + 0.5 for the others),
    /// the forget, candidate and output lanes moved under the input ones, then the cell and the new state. A layer of
    /// three units through the span path paid for span calls per gate (the amp model's step 243 ns; this way about 90).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SmallPacked(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> cell, int hidden)
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        Vector512<float> sums = StepSums(ref w, ref MemoryMarshal.GetReference(biases), x, hidden);
        sums = StateProducts(ref Unsafe.Add(ref w, x.Length * 4 * hidden), previous, sums, hidden);
        (Vector512<float> state, Vector512<float> newCell) = SmallGates(sums, Lanes(cell, hidden), hidden);
        Store(newCell, cell, hidden);
        Store(state, next, hidden);
    }

    /// <summary>
    /// <see cref="SmallPacked"/> over a block of steps, the state and cell kept in registers from one step to the next
    /// (each state value broadcast from its lane): the same operations on the same values, so the bits of its steps.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SmallPackedBlock(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, Span<float> end,
        int features, int hidden)
    {
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        Vector512<float> state = start.IsEmpty ? Vector512<float>.Zero : Lanes(start.Slice(0, hidden), hidden);
        Vector512<float> cell = start.IsEmpty ? Vector512<float>.Zero : Lanes(start.Slice(hidden, hidden), hidden);
        int steps = input.Length / features;
        for (int t = 0; t < steps; t++)
        {
            Vector512<float> sums = StepSums(ref w, ref b, input.Slice(t * features, features), hidden);
            sums = StateProducts(ref Unsafe.Add(ref w, features * 4 * hidden), state, sums, hidden);
            (state, cell) = SmallGates(sums, cell, hidden);
            Store(state, output.Slice(t * hidden, hidden), hidden);
        }

        if (!end.IsEmpty)
        {
            Store(state, end, hidden);
            Store(cell, end.Slice(hidden), hidden);
        }
    }

    /// <summary>
    /// The gate sums of a step of <see cref="SmallPacked"/> before the state's products: both biases and the input's
    /// products, none of which waits on the state, so the chain from one step's state to the next starts at the state's
    /// multiply-adds (the amp model's LSTM-3 step 55 -> 52 ns in a harness, with the gates' scale below).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StepSums(ref float w, ref float b, ReadOnlySpan<float> x, int hidden)
    {
        int rows = 4 * hidden;
        Vector512<float> sums = GateRow(ref b, rows) + GateRow(ref Unsafe.Add(ref b, rows), rows);
        for (int j = 0; j < x.Length; j++)
        {
            sums = Avx512F.FusedMultiplyAdd(GateRow(ref Unsafe.Add(ref w, j * rows), rows), Vector512.Create(x[j]), sums);
        }

        return sums;
    }

    /// <summary>The state's products added to <paramref name="sums"/>, the state in lanes 0 to H - 1: each value broadcast from its lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StateProducts(ref float recurrent, Vector512<float> previous, Vector512<float> sums, int hidden)
    {
        int rows = 4 * hidden;
        for (int k = 0; k < hidden; k++)
        {
            sums = Avx512F.FusedMultiplyAdd(GateRow(ref Unsafe.Add(ref recurrent, k * rows), rows), Avx512F.PermuteVar16x32(previous, Vector512.Create(k)), sums);
        }

        return sums;
    }

    /// <summary>
    /// <see cref="StateProducts(ref float, Vector512{float}, Vector512{float}, int)"/> with the state in memory, as a lone
    /// step finds it: each value broadcast straight from its float, the same values without gathering them into lanes first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> StateProducts(ref float recurrent, ReadOnlySpan<float> previous, Vector512<float> sums, int hidden)
    {
        int rows = 4 * hidden;
        for (int k = 0; k < hidden; k++)
        {
            sums = Avx512F.FusedMultiplyAdd(GateRow(ref Unsafe.Add(ref recurrent, k * rows), rows), Vector512.Create(previous[k]), sums);
        }

        return sums;
    }

    /// <summary>
    /// The new state and cell in lanes 0 to H - 1 from a step's gate sums (i, f, g, o side by side) and the cell in lanes 0
    /// to H - 1. The candidate lanes take tanh z, the others the inference sigmoid 0.5 tanh(z / 2) + 0.5
    /// (<see cref="RationalTanh.Sigmoid(Vector512{float})"/>'s steps): one tanh for all four, with a per-lane scale and
    /// offset instead of selects; a candidate's tanh passes through exactly (times 1, plus 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> State, Vector512<float> Cell) SmallGates(Vector512<float> sums, Vector512<float> cell, int hidden)
    {
        Vector512<int> lane = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        Vector512<float> isCandidate = Vector512.GreaterThanOrEqual(lane, Vector512.Create(2 * hidden)).AsSingle()
            & Vector512.LessThan(lane, Vector512.Create(3 * hidden)).AsSingle();
        Vector512<float> scale = Vector512.ConditionalSelect(isCandidate, Vector512<float>.One, Vector512.Create(0.5f));
        Vector512<float> gates = Avx512F.FusedMultiplyAdd(RationalTanh.Apply(sums * scale), scale, Vector512<float>.One - scale);
        Vector512<float> forget = Avx512F.PermuteVar16x32(gates, lane + Vector512.Create(hidden));
        Vector512<float> candidate = Avx512F.PermuteVar16x32(gates, lane + Vector512.Create(2 * hidden));
        Vector512<float> output = Avx512F.PermuteVar16x32(gates, lane + Vector512.Create(3 * hidden));
        Vector512<float> newCell = Avx512F.FusedMultiplyAdd(forget, cell, gates * candidate);
        return (output * RationalTanh.Apply(newCell), newCell);
    }

    /// <summary>
    /// At most four values in lanes 0 to 3, the rest zero. Each lane by a constant index: a vector element written at a
    /// variable index goes through memory, where the vector's reload waits for the scalar store (a store-forwarding
    /// stall per value: the amp model's LSTM-3 step 99 -> 75 ns, with the stores below).
    /// </summary>
    private static Vector512<float> Lanes(ReadOnlySpan<float> values, int hidden)
    {
        Vector128<float> lanes = hidden switch
        {
            1 => Vector128.CreateScalar(values[0]),
            2 => Vector128.Create(values[0], values[1], 0f, 0f),
            3 => Vector128.Create(values[0], values[1], values[2], 0f),
            _ => Vector128.Create(values[0], values[1], values[2], values[3]),
        };
        return Vector512.Create(Vector256.Create(lanes, Vector128<float>.Zero), Vector256<float>.Zero);
    }

    /// <summary>Lanes 0 to H - 1 into <paramref name="values"/>, each by a constant index (see <see cref="Lanes"/>).</summary>
    private static void Store(Vector512<float> lanes, Span<float> values, int hidden)
    {
        Vector128<float> low = lanes.GetLower().GetLower();
        values[0] = low.ToScalar();
        if (hidden > 1)
        {
            values[1] = low.GetElement(1);
        }

        if (hidden > 2)
        {
            values[2] = low.GetElement(2);
        }

        if (hidden > 3)
        {
            values[3] = low.GetElement(3);
        }
    }

    /// <summary>A packed row of 4H gates (4, 8, 12 or 16 values) in one vector, the lanes past it zero: never read past the row.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> GateRow(ref float row, int rows)
    {
        Vector128<float> a = Vector128.LoadUnsafe(ref row);
        Vector128<float> b = rows > 4 ? Vector128.LoadUnsafe(ref row, 4) : Vector128<float>.Zero;
        Vector128<float> c = rows > 8 ? Vector128.LoadUnsafe(ref row, 8) : Vector128<float>.Zero;
        Vector128<float> d = rows > 12 ? Vector128.LoadUnsafe(ref row, 12) : Vector128<float>.Zero;
        return Vector512.Create(Vector256.Create(a, b), Vector256.Create(c, d));
    }

    /// <summary>
    /// The gates, cell and new state from the products in <paramref name="gates"/>, for hidden sizes of whole vectors:
    /// each vector's worth of units in registers. The arithmetic of <see cref="GatesWithSpans"/>, so the same bits (tested),
    /// with inference's gates or training's.
    /// </summary>
    internal static void GatesInRegisters(Span<float> next, Span<float> cell, Span<float> gates, int hidden, bool inference)
    {
        if (inference)
        {
            GatesInRegisters<Inference512, Inference256>(next, cell, gates, hidden);
        }
        else
        {
            GatesInRegisters<OneUlp512, OneUlp256>(next, cell, gates, hidden);
        }
    }

    private static void GatesInRegisters<TForm512, TForm256>(Span<float> next, Span<float> cell, Span<float> gates, int hidden)
        where TForm512 : struct, IActivationForm<Vector512<float>>
        where TForm256 : struct, IActivationForm<Vector256<float>>
    {
        ref float input = ref MemoryMarshal.GetReference(gates);
        ref float state = ref Unsafe.Add(ref input, 4 * hidden);
        ref float after = ref MemoryMarshal.GetReference(next);
        ref float memory = ref MemoryMarshal.GetReference(cell);

        // Sixteen units at a time where the cores run AVX-512 at full width, eight after: the same bits either way.
        int unit = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; unit + 16 <= hidden; unit += 16)
            {
                Units<Width512, Vector512<float>, TForm512>(ref input, ref state, ref after, ref memory, hidden, unit);
            }
        }

        for (; unit < hidden; unit += 8)
        {
            Units<Width256, Vector256<float>, TForm256>(ref input, ref state, ref after, ref memory, hidden, unit);
        }
    }
#endif

    /// <summary>The gates, cell and new state from the products in <paramref name="gates"/>, any hidden size: each operation over a span of gates.</summary>
    internal static void GatesWithSpans(Span<float> next, Span<float> cell, Span<float> gates, int hidden, bool inference)
    {
        int gateRows = 4 * hidden;
        Span<float> fromInput = gates.Slice(0, gateRows);
        Span<float> fromState = gates.Slice(gateRows, gateRows);

        // Each activation over whole vectors of gates: i and f side by side, g, o; then the cell's tanh.
        TensorPrimitives.Add(fromInput, fromState, fromInput);
        Span<float> inputAndForget = fromInput.Slice(0, 2 * hidden);
        Span<float> candidate = fromInput.Slice(2 * hidden, hidden);
        Span<float> output = fromInput.Slice(3 * hidden, hidden);
        GateActivations.Sigmoid(inputAndForget, inference);
        GateActivations.Tanh(candidate, inference);
        GateActivations.Sigmoid(output, inference);
        for (int j = 0; j < hidden; j++)
        {
            cell[j] = (inputAndForget[hidden + j] * cell[j]) + (inputAndForget[j] * candidate[j]);
        }

        Span<float> squashed = fromState.Slice(0, hidden);
        GateActivations.Tanh(cell, squashed, inference);
        for (int j = 0; j < hidden; j++)
        {
            next[j] = output[j] * squashed[j];
        }
    }

#if NET8_0_OR_GREATER
    /// <summary>
    /// The gates, cells and new states of a vector's worth of units from <paramref name="unit"/>, in registers from the
    /// gate products to the new state: the operations of <see cref="GatesWithSpans"/>, in the same order on the
    /// same values, so the same bits without the trips through memory between them. The products have read the previous
    /// state, so <paramref name="next"/> may be it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Units<TWidth, TVector, TForm>(ref float fromInput, ref float fromState, ref float next, ref float cell, int hidden, int unit)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
        where TForm : struct, IActivationForm<TVector>
    {
        int f = hidden + unit;
        int g = (2 * hidden) + unit;
        int o = (3 * hidden) + unit;
        TVector input = TForm.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, unit), TWidth.Load(ref fromState, unit)));
        TVector forget = TForm.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, f), TWidth.Load(ref fromState, f)));
        TVector candidate = TForm.Tanh(TWidth.Add(TWidth.Load(ref fromInput, g), TWidth.Load(ref fromState, g)));
        TVector output = TForm.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, o), TWidth.Load(ref fromState, o)));
        TVector newCell = TWidth.Add(TWidth.Multiply(forget, TWidth.Load(ref cell, unit)), TWidth.Multiply(input, candidate));
        TVector squashed = TForm.Tanh(newCell);
        TWidth.Store(input, ref fromInput, unit);
        TWidth.Store(forget, ref fromInput, f);
        TWidth.Store(candidate, ref fromInput, g);
        TWidth.Store(output, ref fromInput, o);
        TWidth.Store(squashed, ref fromState, unit);
        TWidth.Store(newCell, ref cell, unit);
        TWidth.Store(TWidth.Multiply(output, squashed), ref next, unit);
    }
#endif

    /// <summary>
    /// Backpropagation through time. <paramref name="gradient"/> is dLoss/d(every step's hidden state); ADDS the weights'
    /// and biases' gradients and OVERWRITES <paramref name="inputGradients"/> with dLoss/dInput unless it is empty. The
    /// forward pass is run again into a per-thread workspace (gates, cells and states of every step).
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
    /// of a window that started from the state <paramref name="start"/> (hidden then cell; see <see cref="ForwardFrom"/>):
    /// the gradient stops there, as truncated backpropagation through time cuts it.
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
        SpanGuard.Length(start.Length, 2 * hidden, nameof(start));
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
        int steps = RecurrentShapes.Check("An LSTM", 4, weights, biases, input, gradient.Length, features, hidden);
        SpanGuard.Length(weightGradients.Length, weights.Length, nameof(weightGradients));
        SpanGuard.Length(biasGradients.Length, biases.Length, nameof(biasGradients));
        SpanGuard.LengthOrEmpty(inputGradients.Length, input.Length, nameof(inputGradients));

        // Per step: the state h, the cell c and its tanh, and the gate values i, f, g, o; then the gate gradients and
        // carried gradients.
        int gateRows = 4 * hidden;
        int perStep = 7 * hidden;
        int stepsLength = steps * perStep;
        Span<float> memory = Workspace(stepsLength + (2 * gateRows) + (5 * hidden));
        Span<float> states = memory.Slice(0, steps * hidden);
        Span<float> cells = memory.Slice(steps * hidden, steps * hidden);
        Span<float> squashedCells = memory.Slice(2 * steps * hidden, steps * hidden);
        Span<float> values = memory.Slice(3 * steps * hidden, steps * gateRows);
        Span<float> gateGradients = memory.Slice(stepsLength, gateRows);
        Span<float> carryState = memory.Slice(stepsLength + (2 * gateRows), hidden);
        Span<float> carryCell = memory.Slice(stepsLength + (2 * gateRows) + hidden, hidden);
        Span<float> throughWeights = memory.Slice(stepsLength + (2 * gateRows) + (2 * hidden), hidden);
        Span<float> zeros = memory.Slice(stepsLength + (2 * gateRows) + (3 * hidden), hidden);
        Span<float> cell = memory.Slice(stepsLength + (2 * gateRows) + (4 * hidden), hidden);
        zeros.Clear();

        // The replay: the same steps as Forward, keeping what the gradients need.
        Span<float> gates = memory.Slice(stepsLength, 2 * gateRows);
        cell.Clear();
        ReadOnlySpan<float> firstState = zeros, firstCell = zeros;
        if (!start.IsEmpty)
        {
            firstState = start.Slice(0, hidden);
            firstCell = start.Slice(hidden, hidden);
            firstCell.CopyTo(cell);
        }

        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> previous = t == 0 ? firstState : states.Slice((t - 1) * hidden, hidden);
            Step(weights, biases, input.Slice(t * features, features), previous, states.Slice(t * hidden, hidden), cell, gates, hidden);
            cell.CopyTo(cells.Slice(t * hidden, hidden));
            gates.Slice(gateRows, hidden).CopyTo(squashedCells.Slice(t * hidden, hidden));
            gates.Slice(0, gateRows).CopyTo(values.Slice(t * gateRows, gateRows));
        }

        ReadOnlySpan<float> inputWeights = weights.Slice(0, gateRows * features);
        ReadOnlySpan<float> stateWeights = weights.Slice(gateRows * features, gateRows * hidden);
        Span<float> inputWeightGradients = weightGradients.Slice(0, gateRows * features);
        Span<float> stateWeightGradients = weightGradients.Slice(gateRows * features, gateRows * hidden);
        carryState.Clear();
        carryCell.Clear();
        for (int t = steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<float> previous = t == 0 ? firstState : states.Slice((t - 1) * hidden, hidden);
            ReadOnlySpan<float> previousCell = t == 0 ? firstCell : cells.Slice((t - 1) * hidden, hidden);
            ReadOnlySpan<float> step = values.Slice(t * gateRows, gateRows);
            ReadOnlySpan<float> squashedCell = squashedCells.Slice(t * hidden, hidden);
            ReadOnlySpan<float> stepGradient = gradient.Slice(t * hidden, hidden);
            for (int j = 0; j < hidden; j++)
            {
                float i = step[j], f = step[hidden + j], g = step[(2 * hidden) + j], o = step[(3 * hidden) + j];
                float squashed = squashedCell[j];
                float dh = stepGradient[j] + carryState[j];
                float dc = (dh * o * (1f - (squashed * squashed))) + carryCell[j];
                gateGradients[j] = dc * g * i * (1f - i);
                gateGradients[hidden + j] = dc * previousCell[j] * f * (1f - f);
                gateGradients[(2 * hidden) + j] = dc * i * (1f - (g * g));
                gateGradients[(3 * hidden) + j] = dh * squashed * o * (1f - o);
                carryCell[j] = dc * f;
            }

            DenseKernels.Backward(
                inputWeights, input.Slice(t * features, features), gateGradients, inputWeightGradients, biasGradients.Slice(0, gateRows),
                inputGradients.IsEmpty ? Span<float>.Empty : inputGradients.Slice(t * features, features));
            DenseKernels.Backward(stateWeights, previous, gateGradients, stateWeightGradients, biasGradients.Slice(gateRows, gateRows), throughWeights);
            throughWeights.CopyTo(carryState);
        }
    }

    /// <summary>This thread's workspace, grown to <paramref name="length"/> floats on first need and kept.</summary>
    private static Span<float> Workspace(int length) => AlignedMemory.Grow(ref workspace, length);
}
