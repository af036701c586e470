using System;

namespace StaticNet.Runtime;

/// <summary>The length checks every recurrent kernel makes on PyTorch's one-layer layout before reading anything unchecked.</summary>
internal static class RecurrentShapes
{
    /// <summary>
    /// Checks <paramref name="gates"/> gate blocks of weights (<c>weight_ih</c> then <c>weight_hh</c>) and biases, whole
    /// steps of <paramref name="features"/> in the input and of <paramref name="hidden"/> in the output; returns the steps.
    /// </summary>
    public static int Check(
        string layer, int gates, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, int outputLength, int features, int hidden)
    {
        if (features <= 0 || hidden <= 0 || input.Length % features != 0)
        {
            throw new ArgumentException($"{layer} over {features} features cannot read {input.Length} input values as whole steps.", nameof(input));
        }

        int steps = input.Length / features;
        SpanGuard.Length(weights.Length, gates * hidden * (features + hidden), nameof(weights));
        SpanGuard.Length(biases.Length, 2 * gates * hidden, nameof(biases));
        SpanGuard.Length(outputLength, steps * hidden, "output");
        return steps;
    }

    /// <summary>Checks one step's spans: weights and biases for <paramref name="gateRows"/> gate rows, a state in and out, the gate scratch.</summary>
    public static void CheckStep(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> x, ReadOnlySpan<float> previous, Span<float> next, Span<float> gates,
        int gateRows, int hidden)
    {
        SpanGuard.Length(weights.Length, gateRows * (x.Length + hidden), nameof(weights));
        SpanGuard.Length(biases.Length, 2 * gateRows, nameof(biases));
        SpanGuard.Length(previous.Length, hidden, nameof(previous));
        SpanGuard.Length(next.Length, hidden, nameof(next));
        if (gates.Length < 2 * gateRows)
        {
            throw new ArgumentException($"The gate scratch needs {2 * gateRows} floats, but has {gates.Length}.", nameof(gates));
        }
    }
}
