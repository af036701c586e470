using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The recurrent kernels from a carried state (truncated backpropagation through time): a sequence cut in two windows,
/// the second started from the first's end state, gives the whole sequence's bits; from a zero state, the plain
/// kernels' bits; and the backward pass's weight gradients match finite differences of the window's loss with the
/// start state held fixed.
/// </summary>
public class RecurrentFromStateTests
{
    private delegate void ForwardFrom(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, Span<float> output, Span<float> end, int features, int hidden);

    private delegate void Forward(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, Span<float> output, int features, int hidden);

    private delegate void BackwardFrom(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> start, ReadOnlySpan<float> input, ReadOnlySpan<float> gradient,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients, int features, int hidden);

    private delegate void Backward(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, ReadOnlySpan<float> input, ReadOnlySpan<float> gradient,
        Span<float> weightGradients, Span<float> biasGradients, Span<float> inputGradients, int features, int hidden);

    private sealed record Kind(string Name, int Gates, int StateParts, ForwardFrom ForwardFrom, Forward Forward, BackwardFrom BackwardFrom, Backward Backward);

    private static readonly Kind Gru = new("GRU", 3, 1, GruKernels.ForwardFrom, GruKernels.Forward, GruKernels.BackwardFrom, GruKernels.Backward);
    private static readonly Kind Lstm = new("LSTM", 4, 2, LstmKernels.ForwardFrom, LstmKernels.Forward, LstmKernels.BackwardFrom, LstmKernels.Backward);

    public static TheoryData<string> Kinds => ["GRU", "LSTM"];

    private static Kind Of(string name) => name == "GRU" ? Gru : Lstm;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Two_windows_carrying_the_state_give_the_whole_sequences_bits(string name)
    {
        Kind kind = Of(name);
        const int features = 3, hidden = 5, window = 7;
        var random = new Random(40);
        float[] weights = RandomData.Uniform(random, kind.Gates * hidden * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 2 * kind.Gates * hidden, 0.3);
        float[] input = RandomData.Uniform(random, 2 * window * features, 1.0);

        var whole = new float[2 * window * hidden];
        kind.Forward(weights, biases, input, whole, features, hidden);

        var state = new float[kind.StateParts * hidden];
        var first = new float[window * hidden];
        var second = new float[window * hidden];
        kind.ForwardFrom(weights, biases, state.ToArray(), input.AsSpan(0, window * features), first, state, features, hidden);
        Assert.Equal(first, whole.Take(window * hidden));
        Assert.Equal(first.Skip((window - 1) * hidden), state.Take(hidden)); // the end state starts with the last hidden state
        kind.ForwardFrom(weights, biases, state.ToArray(), input.AsSpan(window * features), second, state, features, hidden);
        Assert.Equal(second, whole.Skip(window * hidden));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void From_a_zero_state_the_backward_pass_is_the_plain_one_bit_for_bit(string name)
    {
        Kind kind = Of(name);
        const int features = 2, hidden = 4, steps = 6;
        var random = new Random(41);
        float[] weights = RandomData.Uniform(random, kind.Gates * hidden * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 2 * kind.Gates * hidden, 0.3);
        float[] input = RandomData.Uniform(random, steps * features, 1.0);
        float[] gradient = RandomData.Uniform(random, steps * hidden, 1.0);

        var plainWeights = new float[weights.Length];
        var plainBiases = new float[biases.Length];
        var plainInput = new float[input.Length];
        kind.Backward(weights, biases, input, gradient, plainWeights, plainBiases, plainInput, features, hidden);
        var fromWeights = new float[weights.Length];
        var fromBiases = new float[biases.Length];
        var fromInput = new float[input.Length];
        kind.BackwardFrom(weights, biases, new float[kind.StateParts * hidden], input, gradient, fromWeights, fromBiases, fromInput, features, hidden);

        Assert.Equal(plainWeights, fromWeights);
        Assert.Equal(plainBiases, fromBiases);
        Assert.Equal(plainInput, fromInput);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Gradients_from_a_carried_state_match_finite_differences(string name)
    {
        Kind kind = Of(name);
        const int features = 2, hidden = 3, steps = 5;
        var random = new Random(42);
        float[] weights = RandomData.Uniform(random, kind.Gates * hidden * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 2 * kind.Gates * hidden, 0.3);
        float[] start = RandomData.Uniform(random, kind.StateParts * hidden, 0.8);
        float[] input = RandomData.Uniform(random, steps * features, 1.0);
        float[] coefficients = RandomData.Uniform(random, steps * hidden, 1.0);

        // The window's loss: a fixed weighted sum of every step's hidden state, so dLoss/dOutput is the coefficients.
        double Loss(float[] w, float[] b)
        {
            var output = new float[steps * hidden];
            kind.ForwardFrom(w, b, start, input, output, new float[start.Length], features, hidden);
            return output.Zip(coefficients, (o, c) => (double)o * c).Sum();
        }

        var weightGradients = new float[weights.Length];
        var biasGradients = new float[biases.Length];
        kind.BackwardFrom(weights, biases, start, input, coefficients, weightGradients, biasGradients, [], features, hidden);

        Assert.Contains(weightGradients, g => Math.Abs(g) > 1e-3);
        for (int i = 0; i < weights.Length; i++)
        {
            Assert.Equal(Numeric(Loss, weights, biases, weights, i), weightGradients[i], 2e-3);
        }

        for (int i = 0; i < biases.Length; i++)
        {
            Assert.Equal(Numeric(Loss, weights, biases, biases, i), biasGradients[i], 2e-3);
        }
    }

    /// <summary>The central difference of the loss in one value of <paramref name="target"/> (the weights or the biases).</summary>
    private static double Numeric(Func<float[], float[], double> loss, float[] weights, float[] biases, float[] target, int index)
    {
        const float h = 1e-3f;
        float kept = target[index];
        target[index] = kept + h;
        double up = loss(weights, biases);
        target[index] = kept - h;
        double down = loss(weights, biases);
        target[index] = kept;
        return (up - down) / (2 * h);
    }
}
