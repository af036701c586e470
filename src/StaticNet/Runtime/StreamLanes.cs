#if NET8_0_OR_GREATER
using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNet.Runtime;

/// <summary>
/// One streamed step for many independent streams at once, a block of streams side by side: each register lane holds one
/// stream, so every weight is loaded once per block and broadcast, and the gates' sigmoid and tanh (inference's, as
/// <c>StreamStep</c>'s) run over whole vectors of streams. A block's values are held "in lanes": value <c>k</c> of the block's stream <c>lane</c> at
/// <c>k * Count + lane</c>. Each lane does, in the same order on the same values, what one stream's <c>Step</c> does on
/// this machine (for a GRU or LSTM, <see cref="GruKernels.StreamStep"/>'s and <see cref="LstmKernels.StreamStep"/>'s
/// eight-row dot products, their window over a last partial block and their pairwise horizontal sums; for a dense layer,
/// the generated unrolled sum), so a stream advanced here has the bits it would have had stepped alone. Where this
/// machine's <c>StreamStep</c> computes otherwise (no AVX, a hidden size not a multiple of eight, two to seven input
/// features) <see cref="MatchStep"/> says so and the caller steps each stream.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class StreamLanes
{
    /// <summary>The most streams a block holds: what a caller sizes its lanes for.</summary>
    public const int MaxCount = 16;

    /// <summary>A block's scratch up to this many floats lives on the stack; larger layers use the workspace.</summary>
    private const int StackScratch = 4096;

    [ThreadStatic]
    private static float[]? workspace;

    /// <summary>Streams per block: a 512-bit vector of them where the cores run AVX-512 at full width, else 256 bits' worth.</summary>
    public static int Count => Vector512.IsHardwareAccelerated ? 16 : 8;

    /// <summary>Whether a recurrent layer of these sizes gets, in lanes, the bits its <c>StreamStep</c> gets on this machine.</summary>
    public static bool MatchStep(int features, int hidden) => Avx.IsSupported && GateProducts.InRegisters(hidden) && (features == 1 || features >= 8);

    /// <summary>
    /// Advances the GRU state of the block of <see cref="Count"/> streams from <paramref name="first"/> by their steps, and
    /// leaves the new state in lanes in <paramref name="stateLanes"/> for the layers after. Stream <c>s</c>'s step is
    /// <c>inputs[s * features ..]</c>, its hidden state <c>states[s * stateSize + stateOffset ..]</c>,
    /// <paramref name="hidden"/> values, advanced in place. Only where <see cref="MatchStep"/> says yes.
    /// </summary>
    public static void Gru(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes) =>
        Recurrent<GruGates>(weights, biases, inputs, states, stateSize, stateOffset, features, hidden, first, stateLanes);

    /// <summary>
    /// <see cref="Gru"/> for an LSTM: stream <c>s</c>'s state is its hidden state then its cell, <c>2 * hidden</c> values
    /// from <c>states[s * stateSize + stateOffset]</c>, and <paramref name="stateLanes"/> receives both (the hidden state first).
    /// </summary>
    public static void Lstm(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes) =>
        Recurrent<LstmGates>(weights, biases, inputs, states, stateSize, stateOffset, features, hidden, first, stateLanes);

    /// <summary>
    /// A dense layer over a block in lanes, as its generated unrolled code sums one stream: <c>y_i = b_i + w_i0 x_0 +
    /// w_i1 x_1 + ...</c> from left to right, each product rounded before it is added (no bias: from the first product).
    /// <paramref name="weights"/> are <c>[outputs, inputs]</c>; <paramref name="biases"/> the outputs' or empty.
    /// </summary>
    public static void Dense(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> y, int inputs)
    {
        int outputs = weights.Length / inputs;
        int lanes = Count;
        if (inputs < 1 || outputs * inputs != weights.Length || (biases.Length != outputs && !biases.IsEmpty) || x.Length < inputs * lanes || y.Length < outputs * lanes)
        {
            throw new ArgumentException(
                $"A dense layer of {inputs} inputs over a block of {lanes} streams needs [outputs, {inputs}] weights, a bias per output or none, {inputs * lanes} inputs and "
                + $"{outputs * lanes} outputs in lanes; got {weights.Length}, {biases.Length}, {x.Length} and {y.Length}.");
        }

        if (Vector512.IsHardwareAccelerated)
        {
            DenseBlock<Width512, Vector512<float>>(weights, biases, x, y, inputs, outputs);
        }
        else
        {
            DenseBlock<Width256, Vector256<float>>(weights, biases, x, y, inputs, outputs);
        }
    }

    /// <summary>
    /// Writes <paramref name="values"/> values in lanes (<see cref="Count"/> streams) to the streams from
    /// <paramref name="first"/>: <c>destination[(first + lane) * stride + offset + k] = lanes[k * Count + lane]</c>.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> lanes, Span<float> destination, int first, int stride, int offset, int values)
    {
        int count = Count;
        if (values < 1 || offset < 0 || offset + values > stride || first < 0 || (long)(first + count) * stride > destination.Length || lanes.Length < values * count)
        {
            throw new ArgumentException(
                $"Scattering {values} values of {count} streams from stream {first} needs {(long)(first + count) * stride} values of {stride} a stream and {values * count} in lanes; "
                + $"got {destination.Length} and {lanes.Length}.");
        }

        Scatter(lanes, destination, first, stride, offset, values, count);
    }

    /// <summary>A recurrent kind's block: the lengths checked, then its step at the widest vectors the cores run at full speed.</summary>
    private static void Recurrent<TGates>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> stateLanes)
        where TGates : struct, ILaneGates
    {
        Check(TGates.Gates, TGates.StateParts, weights, biases, inputs, states, stateSize, stateOffset, features, hidden, first, stateLanes);
        if (Vector512.IsHardwareAccelerated)
        {
            Block<Width512, Vector512<float>, Inference512, TGates>(weights, biases, inputs, states, stateSize, stateOffset, features, hidden, first, stateLanes);
        }
        else
        {
            Block<Width256, Vector256<float>, Inference256, TGates>(weights, biases, inputs, states, stateSize, stateOffset, features, hidden, first, stateLanes);
        }
    }

    private static void Check(
        int gates, int stateParts, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset,
        int features, int hidden, int first, Span<float> stateLanes)
    {
        if (!MatchStep(features, hidden))
        {
            throw new InvalidOperationException($"A recurrent layer of {features} features and {hidden} units does not step in lanes on this machine (see MatchStep).");
        }

        int carried = stateParts * hidden;
        int count = Count;
        if (biases.Length != 2 * gates * hidden || weights.Length != gates * hidden * (features + hidden))
        {
            throw new ArgumentException($"A recurrent layer of {features} features and {hidden} units needs {gates * hidden * (features + hidden)} weights and {2 * gates * hidden} biases; "
                + $"got {weights.Length} and {biases.Length}.");
        }

        if (first < 0 || (long)(first + count) * features > inputs.Length || (long)(first + count) * stateSize > states.Length || stateOffset < 0 || stateOffset + carried > stateSize
            || stateLanes.Length < carried * count)
        {
            throw new ArgumentException(
                $"A block of {count} streams from stream {first} needs {(long)(first + count) * features} inputs, {(long)(first + count) * stateSize} state values with the layer's "
                + $"{carried} from {stateOffset}, and {carried * count} values in lanes; got {inputs.Length}, {states.Length} and {stateLanes.Length}.");
        }
    }

    /// <summary>One block: its inputs and states gathered into lanes, stepped into <paramref name="after"/>, the new states scattered back.</summary>
    [SkipLocalsInit]
    private static void Block<TWidth, TVector, TForm, TGates>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> inputs, Span<float> states, int stateSize, int stateOffset, int features, int hidden,
        int first, Span<float> after)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
        where TForm : struct, IActivationForm<TVector>
        where TGates : struct, ILaneGates
    {
        int lanes = TWidth.Count;
        int carried = TGates.StateParts * hidden;

        // The step's inputs, the old state and both gate products (each row's input product, then its state product).
        int rows = TGates.Gates * hidden;
        int scratch = lanes * (features + carried + (2 * rows));
        Span<float> values = scratch <= StackScratch ? stackalloc float[scratch] : AlignedMemory.Grow(ref workspace, scratch);
        Span<float> x = values.Slice(0, lanes * features);
        Span<float> before = values.Slice(lanes * features, lanes * carried);
        Span<float> products = values.Slice(lanes * (features + carried), lanes * 2 * rows);
        Gather(inputs, first, features, 0, features, x, lanes);
        Gather(states, first, stateSize, stateOffset, carried, before, lanes);
        Products<TWidth, TVector>(weights, biases, x, before, products, features, hidden, rows);
        TGates.Step<TWidth, TVector, TForm>(products, before, after, hidden);
        Scatter(after, states, first, stateSize, stateOffset, carried, lanes);
    }

    /// <summary>The dense layer's sums, output by output, each a left-to-right chain over the inputs as the unrolled code adds them.</summary>
    private static void DenseBlock<TWidth, TVector>(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> y, int inputs, int outputs)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float output = ref MemoryMarshal.GetReference(y);
        bool hasBias = !biases.IsEmpty;
        for (int i = 0; i < outputs; i++)
        {
            ref float row = ref Unsafe.Add(ref w, i * inputs);
            TVector sum = TWidth.Multiply(TWidth.Broadcast(row), TWidth.Load(ref input, 0));
            if (hasBias)
            {
                sum = TWidth.Add(TWidth.Broadcast(Unsafe.Add(ref b, i)), sum);
            }

            for (int j = 1; j < inputs; j++)
            {
                sum = TWidth.Add(sum, TWidth.Multiply(TWidth.Broadcast(Unsafe.Add(ref row, j)), TWidth.Load(ref input, j * lanes)));
            }

            TWidth.Store(sum, ref output, i * lanes);
        }
    }

    /// <summary>
    /// <c>lanes[k * count + lane] = source[(first + lane) * stride + offset + k]</c> for <paramref name="values"/> values of
    /// each stream; the caller checked the lengths. Eight values of eight streams at a time are one 8x8 transpose in AVX
    /// registers, where the streams' values come in whole eights.
    /// </summary>
    private static void Gather(ReadOnlySpan<float> source, int first, int stride, int offset, int values, Span<float> lanes, int count)
    {
        ref float from = ref Unsafe.Add(ref MemoryMarshal.GetReference(source), (first * stride) + offset);
        ref float to = ref MemoryMarshal.GetReference(lanes);
        if (stride == 1 && values == 1)
        {
            // One value per stream (a step of one audio channel): the streams' values are the lanes already.
            MemoryMarshal.CreateReadOnlySpan(ref from, count).CopyTo(lanes);
            return;
        }

        if (values % 8 == 0)
        {
            for (int group = 0; group < count; group += 8)
            {
                for (int chunk = 0; chunk < values; chunk += 8)
                {
                    Transpose8(ref Unsafe.Add(ref from, (group * stride) + chunk), stride, ref Unsafe.Add(ref to, (chunk * count) + group), count);
                }
            }

            return;
        }

        for (int k = 0; k < values; k++)
        {
            for (int lane = 0; lane < count; lane++)
            {
                Unsafe.Add(ref to, (k * count) + lane) = Unsafe.Add(ref from, (lane * stride) + k);
            }
        }
    }

    /// <summary>The inverse of <see cref="Gather"/>; the caller checked the lengths.</summary>
    private static void Scatter(ReadOnlySpan<float> lanes, Span<float> destination, int first, int stride, int offset, int values, int count)
    {
        ref float from = ref MemoryMarshal.GetReference(lanes);
        ref float to = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (first * stride) + offset);
        if (values % 8 != 0)
        {
            for (int lane = 0; lane < count; lane++)
            {
                for (int k = 0; k < values; k++)
                {
                    Unsafe.Add(ref to, (lane * stride) + k) = Unsafe.Add(ref from, (k * count) + lane);
                }
            }

            return;
        }

        for (int group = 0; group < count; group += 8)
        {
            for (int chunk = 0; chunk < values; chunk += 8)
            {
                Transpose8(ref Unsafe.Add(ref from, (chunk * count) + group), count, ref Unsafe.Add(ref to, (group * stride) + chunk), stride);
            }
        }
    }

    /// <summary>
    /// Eight rows of eight floats, <paramref name="sourceStride"/> apart, written transposed as eight rows
    /// <paramref name="destinationStride"/> apart: unpacks, shuffles and lane permutes, no arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8(ref float source, int sourceStride, ref float destination, int destinationStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source);
        Vector256<float> r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride));
        Vector256<float> r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride));
        Vector256<float> r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride));
        Vector256<float> r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE), s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE), s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(s0, s4, 0x20).StoreUnsafe(ref destination);
        Avx.Permute2x128(s1, s5, 0x20).StoreUnsafe(ref Unsafe.Add(ref destination, destinationStride));
        Avx.Permute2x128(s2, s6, 0x20).StoreUnsafe(ref Unsafe.Add(ref destination, 2 * destinationStride));
        Avx.Permute2x128(s3, s7, 0x20).StoreUnsafe(ref Unsafe.Add(ref destination, 3 * destinationStride));
        Avx.Permute2x128(s0, s4, 0x31).StoreUnsafe(ref Unsafe.Add(ref destination, 4 * destinationStride));
        Avx.Permute2x128(s1, s5, 0x31).StoreUnsafe(ref Unsafe.Add(ref destination, 5 * destinationStride));
        Avx.Permute2x128(s2, s6, 0x31).StoreUnsafe(ref Unsafe.Add(ref destination, 6 * destinationStride));
        Avx.Permute2x128(s3, s7, 0x31).StoreUnsafe(ref Unsafe.Add(ref destination, 7 * destinationStride));
    }

    /// <summary>
    /// Both gate products of every row, <c>W_ih x + b_ih</c> and <c>W_hh h + b_hh</c>, into <paramref name="products"/>
    /// (row by row, each row's input product then its state product). Every row is independent of the others, so the
    /// cores overlap them; the gates come after, over all units.
    /// </summary>
    private static void Products<TWidth, TVector>(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> products, int features, int hidden, int rows)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float recurrent = ref Unsafe.Add(ref w, rows * features);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float input = ref MemoryMarshal.GetReference(x);
        ref float state = ref MemoryMarshal.GetReference(h);
        ref float product = ref MemoryMarshal.GetReference(products);
        for (int row = 0; row < rows; row++)
        {
            TWidth.Store(InputProduct<TWidth, TVector>(ref w, ref b, ref input, features, row), ref product, 2 * row * lanes);
        }

        // The state's products read the same hidden values for every row: a state of one or two blocks of eight stays in
        // registers, so each multiply-add loads only its weight (two loads each measured no faster at 512 bits than at 256).
        if (hidden == 8)
        {
            StateProducts8<TWidth, TVector>(ref recurrent, ref Unsafe.Add(ref b, rows), ref state, ref product, rows);
        }
        else if (hidden == 16)
        {
            StateProducts16<TWidth, TVector>(ref recurrent, ref Unsafe.Add(ref b, rows), ref state, ref product, rows);
        }
        else
        {
            for (int row = 0; row < rows; row++)
            {
                TWidth.Store(StateProduct<TWidth, TVector>(ref recurrent, ref b, ref state, hidden, rows, row), ref product, ((2 * row) + 1) * lanes);
            }
        }
    }

    /// <summary>Every row's <see cref="StateProduct{TWidth, TVector}"/> for a state of eight values, held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StateProducts8<TWidth, TVector>(ref float recurrent, ref float b, ref float h, ref float product, int rows)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        TVector h0 = TWidth.Load(ref h, 0), h1 = TWidth.Load(ref h, lanes), h2 = TWidth.Load(ref h, 2 * lanes), h3 = TWidth.Load(ref h, 3 * lanes);
        TVector h4 = TWidth.Load(ref h, 4 * lanes), h5 = TWidth.Load(ref h, 5 * lanes), h6 = TWidth.Load(ref h, 6 * lanes), h7 = TWidth.Load(ref h, 7 * lanes);
        TVector zero = TWidth.Broadcast(0f);
        for (int row = 0; row < rows; row++)
        {
            ref float w = ref Unsafe.Add(ref recurrent, row * 8);
            TVector p0 = TWidth.MultiplyAdd(TWidth.Broadcast(w), h0, zero);
            TVector p1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 1)), h1, zero);
            TVector p2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 2)), h2, zero);
            TVector p3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 3)), h3, zero);
            TVector p4 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 4)), h4, zero);
            TVector p5 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 5)), h5, zero);
            TVector p6 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 6)), h6, zero);
            TVector p7 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 7)), h7, zero);
            TVector sum = TWidth.Add(TWidth.Add(TWidth.Add(p0, p1), TWidth.Add(p2, p3)), TWidth.Add(TWidth.Add(p4, p5), TWidth.Add(p6, p7)));
            TWidth.Store(TWidth.Add(sum, TWidth.Broadcast(Unsafe.Add(ref b, row))), ref product, ((2 * row) + 1) * lanes);
        }
    }

    /// <summary>Every row's <see cref="StateProduct{TWidth, TVector}"/> for a state of sixteen values, held in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StateProducts16<TWidth, TVector>(ref float recurrent, ref float b, ref float h, ref float product, int rows)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        TVector h0 = TWidth.Load(ref h, 0), h1 = TWidth.Load(ref h, lanes), h2 = TWidth.Load(ref h, 2 * lanes), h3 = TWidth.Load(ref h, 3 * lanes);
        TVector h4 = TWidth.Load(ref h, 4 * lanes), h5 = TWidth.Load(ref h, 5 * lanes), h6 = TWidth.Load(ref h, 6 * lanes), h7 = TWidth.Load(ref h, 7 * lanes);
        TVector h8 = TWidth.Load(ref h, 8 * lanes), h9 = TWidth.Load(ref h, 9 * lanes), h10 = TWidth.Load(ref h, 10 * lanes), h11 = TWidth.Load(ref h, 11 * lanes);
        TVector h12 = TWidth.Load(ref h, 12 * lanes), h13 = TWidth.Load(ref h, 13 * lanes), h14 = TWidth.Load(ref h, 14 * lanes), h15 = TWidth.Load(ref h, 15 * lanes);
        TVector zero = TWidth.Broadcast(0f);
        for (int row = 0; row < rows; row++)
        {
            ref float w = ref Unsafe.Add(ref recurrent, row * 16);
            TVector p0 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 8)), h8, TWidth.MultiplyAdd(TWidth.Broadcast(w), h0, zero));
            TVector p1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 9)), h9, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 1)), h1, zero));
            TVector p2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 10)), h10, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 2)), h2, zero));
            TVector p3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 11)), h11, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 3)), h3, zero));
            TVector p4 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 12)), h12, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 4)), h4, zero));
            TVector p5 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 13)), h13, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 5)), h5, zero));
            TVector p6 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 14)), h14, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 6)), h6, zero));
            TVector p7 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 15)), h15, TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref w, 7)), h7, zero));
            TVector sum = TWidth.Add(TWidth.Add(TWidth.Add(p0, p1), TWidth.Add(p2, p3)), TWidth.Add(TWidth.Add(p4, p5), TWidth.Add(p6, p7)));
            TWidth.Store(TWidth.Add(sum, TWidth.Broadcast(Unsafe.Add(ref b, row))), ref product, ((2 * row) + 1) * lanes);
        }
    }

    /// <summary>
    /// Row <paramref name="row"/> of the input's gate product, <c>W_ih x + b_ih</c>, as <see cref="GateProducts"/>
    /// computes it: one feature's product then the bias, or the eight-row kernel's dot product then the bias.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector InputProduct<TWidth, TVector>(ref float w, ref float b, ref float x, int features, int row)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        TVector bias = TWidth.Broadcast(Unsafe.Add(ref b, row));
        if (features == 1)
        {
            return TWidth.Add(TWidth.Multiply(TWidth.Broadcast(Unsafe.Add(ref w, row)), TWidth.Load(ref x, 0)), bias);
        }

        ref float weights = ref Unsafe.Add(ref w, row * features);
        return TWidth.Add(features % 8 == 0 ? WholeBlocksDot<TWidth, TVector>(ref weights, features, ref x) : Dot<TWidth, TVector>(ref weights, features, ref x), bias);
    }

    /// <summary>
    /// One row's dot product with <paramref name="length"/> (at least 8) lane vectors, in <see cref="DenseKernels.Dot8"/>'s
    /// order: eight running sums, one per position in a block of eight (a last partial block a window ending at the row's
    /// end, the positions already summed multiplied by zero), then added pairwise as its horizontal adds add them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Dot<TWidth, TVector>(ref float w, int length, ref float x)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        TVector zero = TWidth.Broadcast(0f);
        TVector p0 = zero, p1 = zero, p2 = zero, p3 = zero, p4 = zero, p5 = zero, p6 = zero, p7 = zero;
        for (int j = 0; j < length; j += 8)
        {
            int start = j;
            int summed = 0;
            if (j + 8 > length)
            {
                start = length - 8;
                summed = j - start;
            }

            ref float wj = ref Unsafe.Add(ref w, start);
            ref float xj = ref Unsafe.Add(ref x, start * lanes);
            p0 = TWidth.MultiplyAdd(TWidth.Broadcast(wj), summed > 0 ? zero : TWidth.Load(ref xj, 0), p0);
            p1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 1)), summed > 1 ? zero : TWidth.Load(ref xj, lanes), p1);
            p2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 2)), summed > 2 ? zero : TWidth.Load(ref xj, 2 * lanes), p2);
            p3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 3)), summed > 3 ? zero : TWidth.Load(ref xj, 3 * lanes), p3);
            p4 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 4)), summed > 4 ? zero : TWidth.Load(ref xj, 4 * lanes), p4);
            p5 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 5)), summed > 5 ? zero : TWidth.Load(ref xj, 5 * lanes), p5);
            p6 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 6)), summed > 6 ? zero : TWidth.Load(ref xj, 6 * lanes), p6);
            p7 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 7)), summed > 7 ? zero : TWidth.Load(ref xj, 7 * lanes), p7);
        }

        return TWidth.Add(TWidth.Add(TWidth.Add(p0, p1), TWidth.Add(p2, p3)), TWidth.Add(TWidth.Add(p4, p5), TWidth.Add(p6, p7)));
    }

    /// <summary><see cref="Dot{TWidth, TVector}"/> for a length that is a whole number of blocks of eight: no window, no tests.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector WholeBlocksDot<TWidth, TVector>(ref float w, int length, ref float x)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int lanes = TWidth.Count;
        TVector p0 = TWidth.Broadcast(0f), p1 = p0, p2 = p0, p3 = p0, p4 = p0, p5 = p0, p6 = p0, p7 = p0;
        for (int j = 0; j < length; j += 8)
        {
            ref float wj = ref Unsafe.Add(ref w, j);
            ref float xj = ref Unsafe.Add(ref x, j * lanes);
            p0 = TWidth.MultiplyAdd(TWidth.Broadcast(wj), TWidth.Load(ref xj, 0), p0);
            p1 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 1)), TWidth.Load(ref xj, lanes), p1);
            p2 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 2)), TWidth.Load(ref xj, 2 * lanes), p2);
            p3 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 3)), TWidth.Load(ref xj, 3 * lanes), p3);
            p4 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 4)), TWidth.Load(ref xj, 4 * lanes), p4);
            p5 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 5)), TWidth.Load(ref xj, 5 * lanes), p5);
            p6 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 6)), TWidth.Load(ref xj, 6 * lanes), p6);
            p7 = TWidth.MultiplyAdd(TWidth.Broadcast(Unsafe.Add(ref wj, 7)), TWidth.Load(ref xj, 7 * lanes), p7);
        }

        return TWidth.Add(TWidth.Add(TWidth.Add(p0, p1), TWidth.Add(p2, p3)), TWidth.Add(TWidth.Add(p4, p5), TWidth.Add(p6, p7)));
    }

    /// <summary>Row <paramref name="row"/> of the state's gate product, <c>W_hh h + b_hh</c>: the dot product, then the bias.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector StateProduct<TWidth, TVector>(ref float recurrent, ref float b, ref float h, int hidden, int gateRows, int row)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct =>
        TWidth.Add(WholeBlocksDot<TWidth, TVector>(ref Unsafe.Add(ref recurrent, row * hidden), hidden, ref h), TWidth.Broadcast(Unsafe.Add(ref b, gateRows + row)));

    /// <summary>A layer kind's gates over a block of lanes, from both gate products of every row to the new state.</summary>
    private interface ILaneGates
    {
        /// <summary>Gate rows per unit: a GRU's three, an LSTM's four.</summary>
        static abstract int Gates { get; }

        /// <summary>What the state holds per unit: a GRU's hidden state (1), an LSTM's hidden state and cell (2).</summary>
        static abstract int StateParts { get; }

        static abstract void Step<TWidth, TVector, TForm>(ReadOnlySpan<float> products, ReadOnlySpan<float> before, Span<float> after, int hidden)
            where TWidth : struct, IVectorWidth<TVector>
            where TVector : struct
            where TForm : struct, IActivationForm<TVector>;
    }

    /// <summary>
    /// <see cref="GruKernels"/>' gates: <c>r = σ(I_r + S_r)</c> and <c>z = σ(I_z + S_z)</c> for every unit, then
    /// <c>n = tanh(I_n + r ⊙ S_n)</c> and <c>h' = (1 - z) ⊙ n + z ⊙ h</c>, each rounded as its <c>Units</c> rounds it. Each
    /// pass over the units has no chain from one unit to the next, so the sigmoids and tanhs of several units overlap.
    /// </summary>
    private readonly struct GruGates : ILaneGates
    {
        public static int Gates => 3;

        public static int StateParts => 1;

        public static void Step<TWidth, TVector, TForm>(ReadOnlySpan<float> products, ReadOnlySpan<float> before, Span<float> after, int hidden)
            where TWidth : struct, IVectorWidth<TVector>
            where TVector : struct
            where TForm : struct, IActivationForm<TVector>
        {
            int lanes = TWidth.Count;
            ref float p = ref MemoryMarshal.GetReference(products);
            ref float h = ref MemoryMarshal.GetReference(before);
            ref float next = ref MemoryMarshal.GetReference(after);

            // r and z in place of their rows' input products.
            for (int row = 0; row < 2 * hidden; row++)
            {
                int at = 2 * row * lanes;
                TWidth.Store(TForm.Sigmoid(TWidth.Add(TWidth.Load(ref p, at), TWidth.Load(ref p, at + lanes))), ref p, at);
            }

            TVector one = TWidth.Broadcast(1f);
            for (int unit = 0; unit < hidden; unit++)
            {
                int n = 2 * ((2 * hidden) + unit) * lanes;
                TVector reset = TWidth.Load(ref p, 2 * unit * lanes);
                TVector update = TWidth.Load(ref p, 2 * (hidden + unit) * lanes);
                TVector candidate = TForm.Tanh(TWidth.Add(TWidth.Load(ref p, n), TWidth.Multiply(reset, TWidth.Load(ref p, n + lanes))));
                TVector kept = TWidth.Subtract(one, update);
                TVector state = TWidth.Load(ref h, unit * lanes);
                TWidth.Store(TWidth.Add(TWidth.Multiply(kept, candidate), TWidth.Multiply(update, state)), ref next, unit * lanes);
            }
        }
    }

    /// <summary>
    /// <see cref="LstmKernels"/>' gates: <c>i, f, o = σ(I + S)</c> and <c>g = tanh(I_g + S_g)</c> for every unit, then
    /// <c>c' = f ⊙ c + i ⊙ g</c> and <c>h' = o ⊙ tanh(c')</c>, each rounded as its <c>Units</c> rounds it.
    /// </summary>
    private readonly struct LstmGates : ILaneGates
    {
        public static int Gates => 4;

        public static int StateParts => 2;

        public static void Step<TWidth, TVector, TForm>(ReadOnlySpan<float> products, ReadOnlySpan<float> before, Span<float> after, int hidden)
            where TWidth : struct, IVectorWidth<TVector>
            where TVector : struct
            where TForm : struct, IActivationForm<TVector>
        {
            int lanes = TWidth.Count;
            ref float p = ref MemoryMarshal.GetReference(products);
            ref float c = ref Unsafe.Add(ref MemoryMarshal.GetReference(before), hidden * lanes);
            ref float next = ref MemoryMarshal.GetReference(after);
            ref float nextCell = ref Unsafe.Add(ref next, hidden * lanes);

            // Every gate in place of its row's input product: the candidate rows (g) squashed by tanh, the others by σ.
            for (int row = 0; row < 4 * hidden; row++)
            {
                int at = 2 * row * lanes;
                TVector sum = TWidth.Add(TWidth.Load(ref p, at), TWidth.Load(ref p, at + lanes));
                TWidth.Store(row / hidden == 2 ? TForm.Tanh(sum) : TForm.Sigmoid(sum), ref p, at);
            }

            for (int unit = 0; unit < hidden; unit++)
            {
                TVector input = TWidth.Load(ref p, 2 * unit * lanes);
                TVector forget = TWidth.Load(ref p, 2 * (hidden + unit) * lanes);
                TVector candidate = TWidth.Load(ref p, 2 * ((2 * hidden) + unit) * lanes);
                TVector output = TWidth.Load(ref p, 2 * ((3 * hidden) + unit) * lanes);
                TVector cell = TWidth.Add(TWidth.Multiply(forget, TWidth.Load(ref c, unit * lanes)), TWidth.Multiply(input, candidate));
                TWidth.Store(cell, ref nextCell, unit * lanes);
                TWidth.Store(TWidth.Multiply(output, TForm.Tanh(cell)), ref next, unit * lanes);
            }
        }
    }
}
#endif
