using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The recurrent steps' two forms: hidden sizes of whole vectors run the gates in registers, the others over spans.
/// Both must give the same bits, in the new state and in the gate values the backward pass reads back.
/// </summary>
public class RecurrentKernelTests
{
    public static TheoryData<int, int> Sizes => new()
    {
        { 8, 1 }, { 16, 1 }, { 24, 1 }, { 8, 3 }, { 16, 9 }, { 32, 2 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_GRU_step_in_registers_gives_the_bits_of_the_span_form(int hidden, int features)
    {
        var random = new Random((hidden * 31) + features);
        float[] weights = RandomData.Uniform(random, 3 * hidden * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 6 * hidden, 0.6);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = RandomData.Uniform(random, features, 3.0);
            float[] previous = RandomData.Uniform(random, hidden, 1.0);
            var registers = new float[hidden];
            var spans = new float[hidden];
            var registerGates = new float[6 * hidden];
            var spanGates = new float[6 * hidden];
            GruKernels.StepInRegisters(weights, biases, x, previous, registers, registerGates, hidden);
            GruKernels.StepWithSpans(weights, biases, x, previous, spans, spanGates, hidden);
            Assert.Equal(Bits(spans), Bits(registers));

            // What the backward pass keeps: r, z, n, and the last third of the state's products.
            Assert.Equal(Bits(spanGates.AsSpan(0, 3 * hidden)), Bits(registerGates.AsSpan(0, 3 * hidden)));
            Assert.Equal(Bits(spanGates.AsSpan(5 * hidden, hidden)), Bits(registerGates.AsSpan(5 * hidden, hidden)));
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void An_LSTM_step_in_registers_gives_the_bits_of_the_span_form(int hidden, int features)
    {
        var random = new Random((hidden * 37) + features);
        float[] weights = RandomData.Uniform(random, 4 * hidden * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 8 * hidden, 0.6);
        for (int trial = 0; trial < 20; trial++)
        {
            float[] x = RandomData.Uniform(random, features, 3.0);
            float[] previous = RandomData.Uniform(random, hidden, 1.0);
            float[] cell = RandomData.Uniform(random, hidden, 2.0);
            float[] registerCell = [.. cell];
            float[] spanCell = [.. cell];
            var registers = new float[hidden];
            var spans = new float[hidden];
            var registerGates = new float[8 * hidden];
            var spanGates = new float[8 * hidden];
            LstmKernels.StepInRegisters(weights, biases, x, previous, registers, registerCell, registerGates, hidden);
            LstmKernels.StepWithSpans(weights, biases, x, previous, spans, spanCell, spanGates, hidden);
            Assert.Equal(Bits(spans), Bits(registers));
            Assert.Equal(Bits(spanCell), Bits(registerCell));

            // What the backward pass keeps: i, f, g, o, then tanh of the new cell.
            Assert.Equal(Bits(spanGates.AsSpan(0, 5 * hidden)), Bits(registerGates.AsSpan(0, 5 * hidden)));
        }
    }

    [Fact]
    public void A_streamed_step_may_write_over_the_state_it_reads()
    {
        // StreamStep passes the state as both previous and next: the register form must read all of it first.
        const int hidden = 24;
        var random = new Random(5);
        float[] weights = RandomData.Uniform(random, 3 * hidden * (1 + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 6 * hidden, 0.6);
        float[] state = RandomData.Uniform(random, hidden, 1.0);
        var separate = new float[hidden];
        GruKernels.StepInRegisters(weights, biases, [0.5f], state, separate, new float[6 * hidden], hidden);
        GruKernels.StreamStep(weights, biases, [0.5f], state, new float[6 * hidden], hidden);
        Assert.Equal(Bits(separate), Bits(state));
    }

    private static int[] Bits(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
