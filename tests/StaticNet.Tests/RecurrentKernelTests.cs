using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The recurrent steps' parts: the gate products (their fast form against the dense kernel, the packed form against
/// both), and the gates themselves, in registers for hidden sizes of whole vectors and over spans for the others, which
/// must give the same bits in the new state and in the gate values the backward pass reads back.
/// </summary>
public class RecurrentKernelTests
{
    public static TheoryData<int, int> Sizes => new()
    {
        { 8, 1 }, { 16, 1 }, { 24, 1 }, { 8, 3 }, { 16, 9 }, { 32, 2 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Gate_products_are_the_eight_row_dense_kernel_and_the_packed_ones_agree(int hidden, int features)
    {
        const int Gates = 4;
        int rows = Gates * hidden;
        var random = new Random((hidden * 29) + features);
        float[] weights = RandomData.Uniform(random, rows * (features + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 2 * rows, 0.6);
        float[] x = RandomData.Uniform(random, features, 3.0);
        float[] h = RandomData.Uniform(random, hidden, 1.0);

        var fromInput = new float[rows];
        var fromState = new float[rows];
        GateProducts.Compute(weights, biases, x, h, fromInput, fromState, packed: false);
        var denseInput = new float[rows];
        var denseState = new float[rows];
        DenseKernels.ForwardEightRows(weights.AsSpan(0, rows * features), biases.AsSpan(0, rows), x, denseInput);
        DenseKernels.ForwardEightRows(weights.AsSpan(rows * features), biases.AsSpan(rows), h, denseState);
        Assert.Equal(FloatBits.Of(denseInput), FloatBits.Of(fromInput));
        Assert.Equal(FloatBits.Of(denseState), FloatBits.Of(fromState));

        // PackParameters' layout: weight_ih and weight_hh each transposed.
        var packed = new float[weights.Length];
        DenseKernels.Transpose(weights.AsSpan(0, rows * features), packed.AsSpan(0, rows * features), rows, features);
        DenseKernels.Transpose(weights.AsSpan(rows * features), packed.AsSpan(rows * features), rows, hidden);
        var packedInput = new float[rows];
        var packedState = new float[rows];
        GateProducts.Compute(packed, biases, x, h, packedInput, packedState, packed: true);
        Tolerance.Close(denseInput, packedInput, 1e-5, "packed input products");
        Tolerance.Close(denseState, packedState, 1e-5, "packed state products");
    }

    // Vector kernels: not in the netstandard2.1 build.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Theory]
    [MemberData(nameof(Sizes))]
    public void GRU_gates_in_registers_give_the_bits_of_the_span_form(int hidden, int features)
    {
        var random = new Random((hidden * 31) + features);
        for (int trial = 0; trial < 40; trial++)
        {
            // Training's one-ulp gates and inference's, in turn.
            bool inference = trial % 2 == 1;
            // Products of the sizes sums of this many terms reach, past where sigmoid and tanh saturate.
            float[] products = RandomData.Uniform(random, 6 * hidden, 4.0);
            float[] previous = RandomData.Uniform(random, hidden, 1.0);
            float[] registerGates = [.. products];
            float[] spanGates = [.. products];
            var registers = new float[hidden];
            var spans = new float[hidden];
            GruKernels.GatesInRegisters(previous, registers, registerGates, hidden, inference);
            GruKernels.GatesWithSpans(previous, spans, spanGates, hidden, inference);
            Assert.Equal(FloatBits.Of(spans), FloatBits.Of(registers));

            // What the backward pass keeps: r, z, n, and the last third of the state's products.
            Assert.Equal(FloatBits.Of(spanGates.AsSpan(0, 3 * hidden)), FloatBits.Of(registerGates.AsSpan(0, 3 * hidden)));
            Assert.Equal(FloatBits.Of(spanGates.AsSpan(5 * hidden, hidden)), FloatBits.Of(registerGates.AsSpan(5 * hidden, hidden)));
        }
    }

    // Vector kernels: not in the netstandard2.1 build.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Theory]
    [MemberData(nameof(Sizes))]
    public void LSTM_gates_in_registers_give_the_bits_of_the_span_form(int hidden, int features)
    {
        var random = new Random((hidden * 37) + features);
        for (int trial = 0; trial < 40; trial++)
        {
            bool inference = trial % 2 == 1;
            float[] products = RandomData.Uniform(random, 8 * hidden, 4.0);
            float[] cell = RandomData.Uniform(random, hidden, 2.0);
            float[] registerGates = [.. products];
            float[] spanGates = [.. products];
            float[] registerCell = [.. cell];
            float[] spanCell = [.. cell];
            var registers = new float[hidden];
            var spans = new float[hidden];
            LstmKernels.GatesInRegisters(registers, registerCell, registerGates, hidden, inference);
            LstmKernels.GatesWithSpans(spans, spanCell, spanGates, hidden, inference);
            Assert.Equal(FloatBits.Of(spans), FloatBits.Of(registers));
            Assert.Equal(FloatBits.Of(spanCell), FloatBits.Of(registerCell));

            // What the backward pass keeps: i, f, g, o, then tanh of the new cell.
            Assert.Equal(FloatBits.Of(spanGates.AsSpan(0, 5 * hidden)), FloatBits.Of(registerGates.AsSpan(0, 5 * hidden)));
        }
    }

    [Fact]
    public void A_streamed_step_may_write_over_the_state_it_reads()
    {
        // StreamStep passes the state as both previous and next: the products must read all of it first. It steps with
        // inference's gates, as ForwardAtInference does, which writes each step's state apart from the one it reads.
        const int hidden = 24;
        var random = new Random(5);
        float[] weights = RandomData.Uniform(random, 3 * hidden * (1 + hidden), 0.6);
        float[] biases = RandomData.Uniform(random, 6 * hidden, 0.6);
        float[] input = [0.5f, 0.25f, -0.75f];
        var whole = new float[input.Length * hidden];
        GruKernels.ForwardAtInference(weights, biases, input, whole, features: 1, hidden);
        var state = new float[hidden];
        for (int t = 0; t < input.Length; t++)
        {
            GruKernels.StreamStep(weights, biases, input.AsSpan(t, 1), state, new float[6 * hidden], hidden);
            Assert.Equal(FloatBits.Of(whole.AsSpan(t * hidden, hidden)), FloatBits.Of(state));
        }
    }

    // Vector kernels: not in the netstandard2.1 build.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(16)]
    public void A_GRU_8_step_in_registers_gives_the_bits_of_the_products_then_the_gates(int features)
    {
        // An inference step of eight units on PyTorch's layout skips the gate scratch: the same products and gates.
        const int hidden = 8;
        var random = new Random(40 + features);
        float[] weights = RandomData.Uniform(random, 3 * hidden * (features + hidden), 0.8);
        float[] biases = RandomData.Uniform(random, 6 * hidden, 0.8);
        float[] x = RandomData.Uniform(random, features, 2.0);
        float[] state = RandomData.Uniform(random, hidden, 1.0);
        var gates = new float[6 * hidden];
        GateProducts.Compute(weights, biases, x, state, gates.AsSpan(0, 3 * hidden), gates.AsSpan(3 * hidden), packed: false);
        var expected = new float[hidden];
        GruKernels.GatesInRegisters(state, expected, gates, hidden, inference: true);

        GruKernels.StreamStep(weights, biases, x, state, new float[6 * hidden], hidden);
        Assert.Equal(FloatBits.Of(expected), FloatBits.Of(state));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    public void A_packed_LSTM_of_at_most_four_units_steps_in_one_vector_as_the_unpacked_step_does(int hidden, int features)
    {
        // Its gates side by side in one 512-bit vector (where there is one): the values of the span path, to rounding.
        var random = new Random(60 + (10 * hidden) + features);
        int rows = 4 * hidden;
        float[] weights = RandomData.Uniform(random, rows * (features + hidden), 0.9);
        float[] biases = RandomData.Uniform(random, 2 * rows, 0.9);
        var packed = new float[weights.Length];
        DenseKernels.Transpose(weights.AsSpan(0, rows * features), packed.AsSpan(0, rows * features), rows, features);
        DenseKernels.Transpose(weights.AsSpan(rows * features), packed.AsSpan(rows * features), rows, hidden);
        float[] unpackedState = RandomData.Uniform(random, 2 * hidden, 1.0);
        float[] packedState = (float[])unpackedState.Clone();
        for (int t = 0; t < 50; t++)
        {
            float[] x = RandomData.Uniform(random, features, 3.0);
            LstmKernels.StreamStep(weights, biases, x, unpackedState, new float[8 * hidden], hidden);
            LstmKernels.StreamStepPacked(packed, biases, x, packedState, new float[8 * hidden], hidden);
            Tolerance.Close(unpackedState, packedState, 2e-6, $"step {t}");
        }
    }
}
