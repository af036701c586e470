using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Sequences beyond the PyTorch fixture (FixtureTests), the gradient checks and the batch and ONNX tests that run every
/// recurrent network: the streaming Step against Forward, its state and constants, PyTorch's tensor names.
/// </summary>
public class SequenceTests
{
    private delegate void ForwardMethod(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output);

    private delegate void StepMethod(ReadOnlySpan<float> parameters, Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    private delegate void InitializeMethod(Span<float> parameters, int seed);

    private delegate void ResetMethod(Span<float> state);

    private delegate void ExportMethod(ReadOnlySpan<float> parameters, Stream stream);

    private delegate void PackMethod(ReadOnlySpan<float> parameters, Span<float> packed);

    /// <summary>The packed forms a network with recurrent layers has: <c>PackParameters</c>, <c>ForwardPacked</c>, <c>StepPacked</c>.</summary>
    private sealed record PackedForms(PackMethod Pack, ForwardMethod ForwardPacked, StepMethod StepPacked);

    private sealed record Streamable(
        string Name, int ParameterCount, int InputSize, int OutputSize, int StateCount, int StepInput, int StepOutput,
        InitializeMethod Initialize, ResetMethod ResetState, ForwardMethod Forward, StepMethod Step, ExportMethod ToOnnxStep, PackedForms? Packed = null);

    /// <summary>Every network object of the test project with a generated streaming <c>Step</c>: declaring one enrols it.</summary>
    private static readonly Streamable[] Streamables = BatchNetworks.All.Select(BatchNetworks.TypeOf)
        .Where(type => type.GetMethod("Step", BindingFlags.Public | BindingFlags.Static) is not null)
        .Select(Bind)
        .ToArray();

    private static Streamable Bind(Type type)
    {
        Type read = typeof(ReadOnlySpan<float>);
        Type write = typeof(Span<float>);
        T Method<T>(string name, params Type[] parameters)
            where T : Delegate => type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, parameters)!.CreateDelegate<T>();
        int Constant(string name) => (int)type.GetField(name)!.GetRawConstantValue()!;
        PackedForms? packed = type.GetMethod("StepPacked", BindingFlags.Public | BindingFlags.Static) is null ? null : new(
            Method<PackMethod>("PackParameters", read, write), Method<ForwardMethod>("ForwardPacked", read, read, write), Method<StepMethod>("StepPacked", read, write, read, write));
        return new Streamable(
            type.Name, Constant("ParameterCount"), Constant("InputSize"), Constant("OutputSize"), Constant("StreamStateCount"), Constant("StepInputSize"), Constant("StepOutputSize"),
            Method<InitializeMethod>("Initialize", write, typeof(int)), Method<ResetMethod>("ResetState", write), Method<ForwardMethod>("Forward", read, read, write), Method<StepMethod>("Step", read, write, read, write),
            Method<ExportMethod>("ToOnnxStep", read, typeof(Stream)), packed);
    }

    public static TheoryData<string> StreamableNames => new(Streamables.Select(network => network.Name));

    [Theory]
    [MemberData(nameof(StreamableNames))]
    public void Streaming_a_sequence_gives_the_bits_of_Forward(string name)
    {
        Streamable network = Streamables.Single(candidate => candidate.Name == name);
        var parameters = new float[network.ParameterCount];
        network.Initialize(parameters, 3);
        var random = new Random(11);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] input = RandomData.Uniform(random, network.InputSize, 2.0);
            var whole = new float[network.OutputSize];
            network.Forward(parameters, input, whole);

            // The state starts as garbage to prove ResetState is what zeroes it.
            float[] state = Enumerable.Repeat(7f, network.StateCount).ToArray();
            network.ResetState(state);
            StreamGivesBits(network, network.Step, parameters, state, input, whole);
        }
    }

    /// <summary>Streams <paramref name="input"/> step by step from <paramref name="state"/>: each step's bits must be <paramref name="whole"/>'s.</summary>
    private static void StreamGivesBits(Streamable network, StepMethod step, float[] parameters, float[] state, float[] input, float[] whole)
    {
        bool sequenceOutput = network.StepOutput != network.OutputSize;
        var output = new float[network.StepOutput];
        for (int t = 0; t < network.InputSize / network.StepInput; t++)
        {
            step(parameters, state, input.AsSpan(t * network.StepInput, network.StepInput), output);
            if (sequenceOutput)
            {
                Assert.Equal(FloatBits.Of(whole.AsSpan(t * network.StepOutput, network.StepOutput)), FloatBits.Of(output));
            }
        }

        if (!sequenceOutput)
        {
            Assert.Equal(FloatBits.Of(whole), FloatBits.Of(output));
        }
    }

    public static TheoryData<string> PackedNames => new(Streamables.Where(network => network.Packed is not null).Select(network => network.Name));

    [Theory]
    [MemberData(nameof(PackedNames))]
    public void StepPacked_streams_the_bits_of_ForwardPacked_and_the_values_of_Step(string name)
    {
        Streamable network = Streamables.Single(candidate => candidate.Name == name);
        PackedForms forms = network.Packed!;
        var parameters = new float[network.ParameterCount];
        network.Initialize(parameters, 6);
        var packed = new float[network.ParameterCount];
        forms.Pack(parameters, packed);
        var random = new Random(13);
        for (int trial = 0; trial < 3; trial++)
        {
            float[] input = RandomData.Uniform(random, network.InputSize, 2.0);
            var whole = new float[network.OutputSize];
            var unpacked = new float[network.OutputSize];
            forms.ForwardPacked(packed, input, whole);
            network.Forward(parameters, input, unpacked);
            Tolerance.Close(unpacked, whole, 1e-5, $"{name}: ForwardPacked against Forward");

            StreamGivesBits(network, forms.StepPacked, packed, new float[network.StateCount], input, whole);
        }
    }

    /// <summary>The streaming networks that carry state from step to step (a stateless one's step model is tested on its own).</summary>
    public static TheoryData<string> StatefulNames => new(Streamables.Where(network => network.StateCount > 0).Select(network => network.Name));

    [Theory]
    [MemberData(nameof(StatefulNames))]
    public void ONNX_Runtime_steps_the_exported_step_model_as_Step_does(string name)
    {
        // Two streams in one batch of the step model, each call's next_state fed back, against Step on each stream.
        const int streams = 2;
        Streamable network = Streamables.Single(candidate => candidate.Name == name);
        var parameters = new float[network.ParameterCount];
        network.Initialize(parameters, 8);
        using var model = new MemoryStream();
        network.ToOnnxStep(parameters, model);
        using var session = new InferenceSession(model.ToArray());
        Assert.Equal(["input", "state"], session.InputMetadata.Keys.OrderBy(key => key, StringComparer.Ordinal));
        Assert.Equal(["next_state", "output"], session.OutputMetadata.Keys.OrderBy(key => key, StringComparer.Ordinal));

        var random = new Random(4);
        int steps = network.InputSize / network.StepInput;
        float[][] sequences = [.. Enumerable.Range(0, streams).Select(_ => RandomData.Uniform(random, network.InputSize, 1.5))];
        float[][] states = [.. Enumerable.Range(0, streams).Select(_ => new float[network.StateCount])];
        var onnxState = new float[streams * network.StateCount];
        var expected = new float[streams * network.StepOutput];
        using var options = new RunOptions();
        for (int t = 0; t < steps; t++)
        {
            var input = new float[streams * network.StepInput];
            for (int stream = 0; stream < streams; stream++)
            {
                ReadOnlySpan<float> step = sequences[stream].AsSpan(t * network.StepInput, network.StepInput);
                step.CopyTo(input.AsSpan(stream * network.StepInput));
                network.Step(parameters, states[stream], step, expected.AsSpan(stream * network.StepOutput, network.StepOutput));
            }

            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [streams, network.StepInput]);
            using var stateValue = OrtValue.CreateTensorValueFromMemory(onnxState, [streams, network.StateCount]);
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(options, ["input", "state"], [inputValue, stateValue], ["output", "next_state"]);
            Tolerance.Close(expected, results[0].GetTensorDataAsSpan<float>().ToArray(), 1e-4, $"{name}: output of step {t}");
            onnxState = results[1].GetTensorDataAsSpan<float>().ToArray();
            Tolerance.Close([.. states.SelectMany(state => state)], onnxState, 1e-4, $"{name}: state after step {t}");
        }
    }

    [Fact]
    public void A_network_without_memory_streams_with_an_empty_state_and_exports_a_step_without_one()
    {
        Assert.Equal(0, StatelessStepNet.StreamStateCount);
        var parameters = new float[StatelessStepNet.ParameterCount];
        StatelessStepNet.Initialize(parameters, 2);
        float[] input = RandomData.Uniform(new Random(8), StatelessStepNet.InputSize, 1.0);
        var whole = new float[StatelessStepNet.OutputSize];
        StatelessStepNet.Forward(parameters, input, whole);
        var step = new float[StatelessStepNet.StepOutputSize];
        StatelessStepNet.ResetState([]);
        StatelessStepNet.Step(parameters, [], input.AsSpan(9, 3), step);
        Assert.Equal(FloatBits.Of(whole), FloatBits.Of(step));

        using var model = new MemoryStream();
        StatelessStepNet.ToOnnxStep(parameters, model);
        using var session = new InferenceSession(model.ToArray());
        Assert.Equal(["input"], session.InputMetadata.Keys);
        Assert.Equal(["output"], session.OutputMetadata.Keys);
        using var value = OrtValue.CreateTensorValueFromMemory(input[9..], [1, 3]);
        using var options = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> results = session.Run(options, ["input"], [value], ["output"]);
        Tolerance.Close(whole, results[0].GetTensorDataAsSpan<float>().ToArray(), 1e-5, "the stateless step in ONNX Runtime");
    }

    [Fact]
    public void The_state_carries_each_recurrent_layers_memory_and_streams_are_independent()
    {
        Assert.Equal(4, GruLastSoftmaxNet.StreamStateCount);        // the GRU's hidden state
        Assert.Equal(6 + 4, StackedGruNet.StreamStateCount);        // both GRUs'
        Assert.Equal(2 * 5, LstmLastNet.StreamStateCount);          // the LSTM's hidden state and cell
        Assert.Equal((3, 2), (GruLastSoftmaxNet.StepInputSize, GruLastSoftmaxNet.StepOutputSize));
        Assert.Equal((2, 3), (GruOutputNet.StepInputSize, GruOutputNet.StepOutputSize));

        // A causal convolution remembers (kernel - 1) x dilation input steps in a ring, and the ring's position: 2 x 2
        // features, then 1 x 2 x 4 filters, then the GRU's 3.
        Assert.Equal((2 * 2) + 1 + (2 * 4) + 1 + 3, CausalConvGruNet.StreamStateCount);
        Assert.Equal(0 + (3 * 2) + 1, CausalConvOutputNet.StreamStateCount);  // a pointwise convolution remembers nothing
        Assert.Equal((3, 3), (CausalConvOutputNet.StepInputSize, CausalConvOutputNet.StepOutputSize));

        // Two streams through one network: interleaving their steps changes neither.
        var parameters = new float[StackedGruNet.ParameterCount];
        StackedGruNet.Initialize(parameters, 5);
        var random = new Random(2);
        float[] first = RandomData.Uniform(random, StackedGruNet.InputSize, 1.0), second = RandomData.Uniform(random, StackedGruNet.InputSize, 1.0);
        var alone = new float[1];
        var together = new float[1];
        var state = new float[StackedGruNet.StreamStateCount];
        for (int t = 0; t < 7; t++)
        {
            StackedGruNet.Step(parameters, state, first.AsSpan(t * 3, 3), alone);
        }

        var stateA = new float[StackedGruNet.StreamStateCount];
        var stateB = new float[StackedGruNet.StreamStateCount];
        var other = new float[1];
        for (int t = 0; t < 7; t++)
        {
            StackedGruNet.Step(parameters, stateA, first.AsSpan(t * 3, 3), together);
            StackedGruNet.Step(parameters, stateB, second.AsSpan(t * 3, 3), other);
        }

        Assert.Equal(FloatBits.Of(alone), FloatBits.Of(together));
    }

    [Theory]
    [MemberData(nameof(StreamableNames))]
    public void StreamStateSlots_tile_the_state_and_name_each_layers_part(string name)
    {
        var network = (IStepNetwork)BatchNetworks.Create(name, seed: 1);
        int next = 0;
        foreach (StaticNet.Storage.TensorSlot slot in network.StreamStateSlots)
        {
            Assert.True(slot.IsState);
            Assert.Equal(next, slot.Offset);
            Assert.Matches(@"\.(h|c|history|position)$", slot.Name);
            next += slot.Count;
        }

        Assert.Equal(network.StreamStateCount, next);
    }

    [Fact]
    public void An_lstms_state_parts_are_its_hidden_state_then_its_cell_and_a_causal_convolutions_its_history()
    {
        Assert.Equal(
            ["0.h [5]: layer 1's hidden state, state[0..5)", "0.c [5]: layer 1's cell state, state[5..10)"],
            LstmLastNet.StreamStateSlots.Select(slot => slot.ToString()));
        Assert.Equal(
            [
                "0.history [2, 2]: layer 1's last 2 input steps, in a ring, state[0..4)", "0.position [1]: layer 1's ring position (where its oldest step is), state[4..5)",
                "2.history [2, 4]: layer 2's last 2 input steps, in a ring, state[5..13)", "2.position [1]: layer 2's ring position (where its oldest step is), state[13..14)",
                "4.h [3]: layer 3's hidden state, state[14..17)",
            ],
            CausalConvGruNet.StreamStateSlots.Select(slot => slot.ToString()));

        // The hidden state part is what the LSTM's step outputs (after the GRU's part).
        var parameters = new float[GruLstmReferenceNet.ParameterCount];
        GruLstmReferenceNet.Initialize(parameters, 2);
        var state = new float[GruLstmReferenceNet.StreamStateCount];
        var output = new float[GruLstmReferenceNet.StepOutputSize];
        GruLstmReferenceNet.Step(parameters, state, [0.5f, -0.25f, 1f], output);
        StaticNet.Storage.TensorSlot hidden = GruLstmReferenceNet.StreamStateSlots[1];
        Assert.Equal("1.h [3]: layer 2's hidden state, state[4..7)", hidden.ToString());
        Assert.Equal(output, state.AsSpan(hidden.Offset, hidden.Count).ToArray());
    }

    [Fact]
    public void Step_refuses_spans_of_the_wrong_length_and_allocates_nothing()
    {
        var parameters = new float[LstmLastNet.ParameterCount];
        LstmLastNet.Initialize(parameters, 1);
        var state = new float[LstmLastNet.StreamStateCount];
        var input = new float[LstmLastNet.StepInputSize];
        var output = new float[LstmLastNet.StepOutputSize];
        Assert.Contains("state", Assert.Throws<ArgumentException>(() => LstmLastNet.Step(parameters, new float[3], input, output)).Message);
        Assert.Contains("input", Assert.Throws<ArgumentException>(() => LstmLastNet.Step(parameters, state, new float[6], output)).Message);
        Assert.Contains("state", Assert.Throws<ArgumentException>(() => LstmLastNet.ResetState(new float[1])).Message);

        LstmLastNet.Step(parameters, state, input, output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 0; t < 1000; t++)
        {
            LstmLastNet.Step(parameters, state, input, output);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Networks_that_mix_their_steps_get_no_Step()
    {
        // Flatten reads every step at once: there is no output until the sequence ends.
        Assert.Null(typeof(GruEveryStepNet).GetMethod("Step", StaticMethods));
        Assert.Null(typeof(GruLstmNet).GetMethod("Step", StaticMethods));
        Assert.NotNull(typeof(GruOutputNet).GetMethod("Step", StaticMethods));

        // A padded or strided convolution reads steps not seen yet, or skips some: only causal ones of stride 1 stream.
        Assert.Null(typeof(StridedConvNet).GetMethod("Step", StaticMethods));
        Assert.NotNull(typeof(CausalConvGruNet).GetMethod("Step", StaticMethods));
    }

    /// <summary>The static <c>Step</c> alone: network objects have an instance <c>Step</c> beside it.</summary>
    private const BindingFlags StaticMethods = BindingFlags.Public | BindingFlags.Static;

    [Fact]
    public void Shapes_summary_and_tensor_names_are_PyTorchs()
    {
        Assert.Equal(SampleShape.Sequence(5, 3), GruLastSoftmaxNet.InputShape);
        Assert.Equal("(5, 3)", GruLastSoftmaxNet.InputShape.ToString());
        Assert.Contains("(Gru(4))", GruLastSoftmaxNet.Summary);
        Assert.Contains("(5, 4)", GruLastSoftmaxNet.Summary);
        Assert.Contains("LastStep", GruLastSoftmaxNet.Summary);

        var parameters = new float[LstmLastNet.ParameterCount];
        LstmLastNet.Initialize(parameters, 4);
        using var file = new MemoryStream();
        LstmLastNet.ExportSafetensors(file, parameters);
        string header = Encoding.UTF8.GetString(file.ToArray(), 8, (int)BitConverter.ToInt64(file.ToArray(), 0));
        foreach (string tensor in new[] { "\"0.weight_ih_l0\"", "\"0.weight_hh_l0\"", "\"0.bias_ih_l0\"", "\"0.bias_hh_l0\"", "[20,2]", "[20,5]" })
        {
            Assert.Contains(tensor, header);
        }

        file.Position = 0;
        var imported = new float[LstmLastNet.ParameterCount];
        LstmLastNet.ImportSafetensors(file, imported);
        Assert.Equal(parameters, imported);
    }

    [Fact]
    public void Initialisation_is_PyTorchs_uniform_in_one_over_the_root_of_the_hidden_size()
    {
        var parameters = new float[LstmLastNet.ParameterCount];
        LstmLastNet.Initialize(parameters, 9);
        Span<float> recurrent = parameters.AsSpan(LstmLastNet.Layer1.WeightOffset, LstmLastNet.Layer1.WeightCount + LstmLastNet.Layer1.BiasCount);
        float bound = 1f / MathF.Sqrt(5);
        Assert.True(recurrent.ToArray().All(value => Math.Abs(value) <= bound), "every value within ±1/sqrt(5)");
        Assert.True(recurrent.ToArray().Max() > 0.8f * bound && recurrent.ToArray().Min() < -0.8f * bound, "spread over the range");
        Assert.True(recurrent.ToArray().Skip(LstmLastNet.Layer1.WeightCount).Any(value => value != 0f), "biases drawn too");
    }
}
