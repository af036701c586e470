using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// A gated recurrent unit over a step-major sequence, PyTorch's <c>nn.GRU</c> (one layer, <c>batch_first</c>, state zero
/// at the first step): with gates in PyTorch's order r, z, n,
/// <c>r = σ(W_ir x + b_ir + W_hr h + b_hr)</c>, <c>z = σ(W_iz x + b_iz + W_hz h + b_hz)</c>,
/// <c>n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))</c>, <c>h' = (1 - z) ⊙ n + z ⊙ h</c>.
/// The weights are <c>weight_ih [3H, I]</c> then <c>weight_hh [3H, H]</c>; the biases <c>bias_ih [3H]</c> then
/// <c>bias_hh [3H]</c>. Every step, whole sequence or streamed, goes through <see cref="Step"/>, so both give the same bits.
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
    public static void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden)
    {
        int steps = RecurrentShapes.Check("A GRU", 3, weights, biases, input, output.Length, features, hidden);
        Span<float> scratch = 7 * hidden <= StackScratch ? stackalloc float[7 * hidden] : Workspace(7 * hidden);
        Span<float> gates = scratch.Slice(0, 6 * hidden);
        Span<float> zeros = scratch.Slice(6 * hidden, hidden);
        zeros.Clear();
        for (int t = 0; t < steps; t++)
        {
            ReadOnlySpan<float> previous = t == 0 ? zeros : output.Slice((t - 1) * hidden, hidden);
            Step(weights, biases, input.Slice(t * features, features), previous, output.Slice(t * hidden, hidden), gates, hidden);
        }
    }

    /// <summary>
    /// One streaming step: <paramref name="state"/> (the hidden state) advanced in place by the step <paramref name="x"/>;
    /// <paramref name="scratch"/> holds six times the hidden size. The arithmetic of <see cref="Forward"/>'s steps, so
    /// a sequence streamed gives its bits.
    /// </summary>
    public static void StreamStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, Span<float> state, Span<float> scratch, int hidden)
    {
        SpanGuard.Length(weights.Length, 3 * hidden * (x.Length + hidden), nameof(weights));
        SpanGuard.Length(biases.Length, 6 * hidden, nameof(biases));
        SpanGuard.Length(state.Length, hidden, nameof(state));
        SpanGuard.Length(scratch.Length, 6 * hidden, nameof(scratch));
        Step(weights, biases, x, state, state, scratch, hidden);
    }

    /// <summary>
    /// One step: the new state from <paramref name="x"/> and the <paramref name="previous"/> state, into
    /// <paramref name="next"/> (which may be the same span). <paramref name="gates"/> is scratch of six times the hidden
    /// size; it is left holding r, z and n, then the state's products (the last third <c>W_hn h + b_hn</c>), which
    /// the backward pass keeps.
    /// </summary>
    public static void Step(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden)
    {
        int features = x.Length;
        int gateRows = 3 * hidden;
        if (gates.Length < 2 * gateRows)
        {
            throw new ArgumentException($"The gate scratch needs {2 * gateRows} floats, but has {gates.Length}.", nameof(gates));
        }

        SpanGuard.Length(weights.Length, gateRows * (features + hidden), nameof(weights));
        SpanGuard.Length(biases.Length, 2 * gateRows, nameof(biases));
        SpanGuard.Length(previous.Length, hidden, nameof(previous));
        SpanGuard.Length(next.Length, hidden, nameof(next));
        if (GateProducts.Fits(hidden))
        {
            StepInRegisters(weights, biases, x, previous, next, gates, hidden);
        }
        else
        {
            StepWithSpans(weights, biases, x, previous, next, gates, hidden);
        }
    }

    /// <summary>
    /// <see cref="Step"/> for hidden sizes of whole vectors: the gate products, then each vector's worth of units in
    /// registers to its new state. The arithmetic of <see cref="StepWithSpans"/>, so the same bits (tested).
    /// </summary>
    internal static void StepInRegisters(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden)
    {
        int gateRows = 3 * hidden;
        Span<float> fromInput = gates.Slice(0, gateRows);
        Span<float> fromState = gates.Slice(gateRows, gateRows);
        GateProducts.Compute(weights, biases, x, previous, fromInput, fromState);
        ref float input = ref MemoryMarshal.GetReference(fromInput);
        ref float state = ref MemoryMarshal.GetReference(fromState);
        ref float before = ref MemoryMarshal.GetReference(previous);
        ref float after = ref MemoryMarshal.GetReference(next);

        // Sixteen units at a time where the cores run AVX-512 at full width, eight after: the same bits either way.
        int unit = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; unit + 16 <= hidden; unit += 16)
            {
                Units<Width512, Vector512<float>>(ref input, ref state, ref before, ref after, hidden, unit);
            }
        }

        for (; unit < hidden; unit += 8)
        {
            Units<Width256, Vector256<float>>(ref input, ref state, ref before, ref after, hidden, unit);
        }
    }

    /// <summary><see cref="Step"/> for any hidden size: each operation over the span of its gates.</summary>
    internal static void StepWithSpans(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates, int hidden)
    {
        int features = x.Length;
        int gateRows = 3 * hidden;
        Span<float> fromInput = gates.Slice(0, gateRows);
        Span<float> fromState = gates.Slice(gateRows, gateRows);
        DenseKernels.Forward(weights.Slice(0, gateRows * features), biases.Slice(0, gateRows), x, fromInput);
        DenseKernels.Forward(weights.Slice(gateRows * features, gateRows * hidden), biases.Slice(gateRows, gateRows), previous, fromState);

        // r and z side by side, then n: each activation over whole vectors of gates, not one gate at a time.
        Span<float> resetAndUpdate = fromInput.Slice(0, 2 * hidden);
        Span<float> candidate = fromInput.Slice(2 * hidden, hidden);
        TensorPrimitives.Add(resetAndUpdate, fromState.Slice(0, 2 * hidden), resetAndUpdate);
        VectorMath.Sigmoid(resetAndUpdate, resetAndUpdate);
        for (int j = 0; j < hidden; j++)
        {
            candidate[j] += resetAndUpdate[j] * fromState[(2 * hidden) + j];
        }

        VectorMath.Tanh(candidate, candidate);
        for (int j = 0; j < hidden; j++)
        {
            float z = resetAndUpdate[hidden + j];
            next[j] = ((1f - z) * candidate[j]) + (z * previous[j]);
        }
    }

    /// <summary>
    /// The gates and new states of a vector's worth of units from <paramref name="unit"/>, in registers from the gate
    /// products to the new state: the operations of <see cref="StepWithSpans"/>, in the same order on the same
    /// values, so the same bits without the trips through memory between them (a streamed GRU-8's step is a chain of
    /// them end to end). Reads only its own units of <paramref name="previous"/>, so <paramref name="next"/> may be it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Units<TWidth, TVector>(ref float fromInput, ref float fromState, ref float previous, ref float next, int hidden, int unit)
        where TWidth : struct, IVectorWidth<TVector>
        where TVector : struct
    {
        int z = hidden + unit;
        int n = (2 * hidden) + unit;
        TVector reset = TWidth.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, unit), TWidth.Load(ref fromState, unit)));
        TVector update = TWidth.Sigmoid(TWidth.Add(TWidth.Load(ref fromInput, z), TWidth.Load(ref fromState, z)));
        TVector candidate = TWidth.Tanh(TWidth.Add(TWidth.Load(ref fromInput, n), TWidth.Multiply(reset, TWidth.Load(ref fromState, n))));
        TVector state = TWidth.Load(ref previous, unit);
        TWidth.Store(reset, ref fromInput, unit);
        TWidth.Store(update, ref fromInput, z);
        TWidth.Store(candidate, ref fromInput, n);
        TVector kept = TWidth.Subtract(TWidth.Broadcast(1f), update);
        TWidth.Store(TWidth.Add(TWidth.Multiply(kept, candidate), TWidth.Multiply(update, state)), ref next, unit);
    }

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
        // The gate gradients' rows serve as the replay's gate scratch: they are written only after it.
        Replay(weights, biases, input, states, values, memory.Slice(steps * perStep, 2 * gateRows), zeros, features, hidden, steps);

        ReadOnlySpan<float> inputWeights = weights.Slice(0, gateRows * features);
        ReadOnlySpan<float> stateWeights = weights.Slice(gateRows * features, gateRows * hidden);
        Span<float> inputWeightGradients = weightGradients.Slice(0, gateRows * features);
        Span<float> stateWeightGradients = weightGradients.Slice(gateRows * features, gateRows * hidden);
        carry.Clear();
        for (int t = steps - 1; t >= 0; t--)
        {
            ReadOnlySpan<float> previous = t == 0 ? zeros : states.Slice((t - 1) * hidden, hidden);
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
        ReadOnlySpan<float> zeros,
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
            ReadOnlySpan<float> previous = t == 0 ? zeros : states.Slice((t - 1) * hidden, hidden);
            Step(weights, biases, input.Slice(t * features, features), previous, states.Slice(t * hidden, hidden), gates, hidden);
            fromInput.CopyTo(step);
            fromState.Slice(2 * hidden, hidden).CopyTo(step.Slice(3 * hidden));
        }
    }

    /// <summary>This thread's workspace, grown to <paramref name="length"/> floats on first need and kept.</summary>
    private static Span<float> Workspace(int length) => AlignedMemory.Grow(ref workspace, length);
}
