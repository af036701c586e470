using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// The two gate products of one recurrent step, <c>W_ih x + b_ih</c> and <c>W_hh h + b_hh</c>. For hidden sizes that are
/// a multiple of eight, <see cref="DenseKernels.Forward"/>'s arithmetic (the one-input multiply-add, eight rows per
/// transposing reduction), so the same bits, without its general entry on the path every streamed step waits on.
/// </summary>
internal static class GateProducts
{
#if NET8_0_OR_GREATER
    /// <summary>Whether the gates of a layer of this hidden size are computed in registers, a vector of units at a time.</summary>
    public static bool InRegisters(int hidden) => hidden % 8 == 0 && Vector256.IsHardwareAccelerated;
#endif

    /// <summary>
    /// <paramref name="fromInput"/> and <paramref name="fromState"/> (the gate rows each) from the weights
    /// <c>weight_ih</c> then <c>weight_hh</c> (with <paramref name="packed"/>, each transposed, as <c>PackParameters</c>
    /// stores them) and the biases <c>bias_ih</c> then <c>bias_hh</c>; the caller checked the lengths.
    /// </summary>
    public static void Compute(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> h, Span<float> fromInput, Span<float> fromState,
        bool packed)
    {
        int rows = fromInput.Length;
        int features = x.Length;
        int hidden = h.Length;
        if (packed)
        {
            // Each input and state value scales a row of gates: no horizontal sums, a short chain per accumulator.
            DenseKernels.ForwardTransposed(weights.Slice(0, rows * features), biases.Slice(0, rows), x, fromInput);
            DenseKernels.ForwardTransposed(weights.Slice(rows * features, rows * hidden), biases.Slice(rows, rows), h, fromState);
            return;
        }

#if NET8_0_OR_GREATER
        if (hidden % 8 != 0 || !System.Runtime.Intrinsics.X86.Avx.IsSupported)
#endif
        {
            DenseKernels.ForwardEightRows(weights.Slice(0, rows * features), biases.Slice(0, rows), x, fromInput);
            DenseKernels.ForwardEightRows(weights.Slice(rows * features, rows * hidden), biases.Slice(rows, rows), h, fromState);
            return;
        }

#if NET8_0_OR_GREATER
        ref float w = ref MemoryMarshal.GetReference(weights);
        ref float b = ref MemoryMarshal.GetReference(biases);
        ref float input = ref MemoryMarshal.GetReference(fromInput);
        ref float state = ref MemoryMarshal.GetReference(fromState);
        if (features == 1)
        {
            // The weights are a column: (w * x) + b, rounded as TensorPrimitives.MultiplyAdd rounds it.
            var x0 = Vector256.Create(x[0]);
            for (int row = 0; row < rows; row += 8)
            {
                ((Vector256.LoadUnsafe(ref w, (nuint)row) * x0) + Vector256.LoadUnsafe(ref b, (nuint)row)).StoreUnsafe(ref input, (nuint)row);
            }
        }
        else
        {
            DenseKernels.ForwardEightRows(weights.Slice(0, rows * features), biases.Slice(0, rows), x, fromInput);
        }

        ref float recurrent = ref Unsafe.Add(ref w, rows * features);
        ref float previous = ref MemoryMarshal.GetReference(h);
        for (int row = 0; row < rows; row += 8)
        {
            (DenseKernels.Dot8(ref Unsafe.Add(ref recurrent, row * hidden), hidden, ref previous) + Vector256.LoadUnsafe(ref b, (nuint)(rows + row)))
                .StoreUnsafe(ref state, (nuint)row);
        }
#endif
    }
}
