using System;
using System.Linq;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>
/// Training a streaming network the way it runs (<see cref="Trainer.FitStreams"/>, truncated backpropagation through
/// time): a GRU learning a saturating low-pass filter whose time constant is longer than its training window streams
/// with the error it trained to, where the same network trained on windows from a zero state does not; the validation
/// is Step's own arithmetic; <c>BackwardBatchFromStates</c> carries the state as streaming does.
/// </summary>
public class StreamTrainingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const float TimeConstant = 60f;

    /// <summary>
    /// A recording: levels held for 20 to 150 steps plus a little noise in, and out a low-pass filter of them (time
    /// constant <see cref="TimeConstant"/> steps, longer than the 32-step window) through tanh, which saturates.
    /// </summary>
    private static (float[] Inputs, float[] Targets) Recording(Random random, int steps)
    {
        var inputs = new float[steps];
        var targets = new float[steps];
        float level = 0, filtered = 0;
        for (int t = 0, hold = 0; t < steps; t++, hold--)
        {
            if (hold <= 0)
            {
                level = (float)((random.NextDouble() * 2) - 1);
                hold = random.Next(20, 150);
            }

            inputs[t] = level + (float)((random.NextDouble() - 0.5) * 0.1);
            filtered += (inputs[t] - filtered) / TimeConstant;
            targets[t] = MathF.Tanh(2f * filtered);
        }

        return (inputs, targets);
    }

    private static Signals Recordings(int seed, int count, int steps)
    {
        var random = new Random(seed);
        var signals = new Signals(1, 1);
        for (int i = 0; i < count; i++)
        {
            (float[] inputs, float[] targets) = Recording(random, steps);
            signals.Add(inputs, targets);
        }

        return signals;
    }

    /// <summary>Mean squared error of <paramref name="network"/> streamed through Step over a whole recording from a reset state.</summary>
    private static double StreamedError(LowPassGru network, Signals signals)
    {
        double sum = 0;
        int count = 0;
        var state = new float[LowPassGru.StreamStateCount];
        var stepOutput = new float[1];
        for (int s = 0; s < signals.Count; s++)
        {
            LowPassGru.ResetState(state);
            for (int t = 0; t < signals.Steps(s); t++)
            {
                network.Step(state, signals.Input(s).Slice(t, 1), stepOutput);
                double error = stepOutput[0] - signals.Target(s)[t];
                sum += error * error;
                count++;
            }
        }

        return sum / count;
    }

    [Fact]
    public void A_GRU_trained_on_carried_windows_streams_with_the_error_it_trained_to()
    {
        Signals training = Recordings(seed: 1, count: 8, steps: 2048);
        Signals validation = Recordings(seed: 2, count: 2, steps: 2048);
        Signals heldOut = Recordings(seed: 3, count: 2, steps: 4096);

        var carried = new LowPassGru(seed: 4);
        TrainingHistory history = new Trainer(new Adam(LowPassGru.ParameterCount, 0.01f)) { Epochs = 12, BatchSize = 8, MaxGradientNorm = 1f }
            .FitStreams(carried, training, validation);

        // The validation loss is the network streamed through Step, as EvaluateStreams measures it (the same bits), and
        // the same number as computed here step by step.
        var trainer = new Trainer(new Adam(LowPassGru.ParameterCount, 0.01f));
        Assert.Equal(trainer.EvaluateStreams(carried, validation).Loss, history.Last.ValidationLoss!.Value);
        Assert.Equal((float)StreamedError(carried, validation), history.Last.ValidationLoss!.Value, 5);

        // Streamed over held-out recordings, within 1.5x of the error over the validation recordings in windows carrying
        // the state, as it trained (and of its training loss).
        double streamed = StreamedError(carried, heldOut);
        double windowed = CarriedWindowError(carried, validation);
        double trainedTo = history.Last.TrainingLoss;
        Assert.True(streamed <= 1.5 * windowed, $"streamed {streamed:G3} against {windowed:G3} over carried validation windows");
        Assert.True(streamed <= 1.5 * trainedTo, $"streamed {streamed:G3} against {trainedTo:G3} in training (carried windows)");
        Assert.True(streamed < 0.01, $"streamed error {streamed:G3}");

        // The same network trained on the same windows, each from a zero state, streams far worse than it validates.
        var zeroStart = new LowPassGru(seed: 4);
        Dataset windows = Windows(training);
        Dataset validationWindows = Windows(validation);
        TrainingHistory plain = new Trainer(new Adam(LowPassGru.ParameterCount, 0.01f)) { Epochs = 12, BatchSize = 8, MaxGradientNorm = 1f }
            .Fit(zeroStart, windows, validationWindows);
        double zeroStartStreamed = StreamedError(zeroStart, heldOut);
        output.WriteLine($"carried windows: training {trainedTo:G3}, validation windows {windowed:G3}, validation streamed {history.Last.ValidationLoss:G3}, held-out streamed {streamed:G3}; "
            + $"zero-start windows: validation {plain.Last.ValidationLoss:G3}, streamed {zeroStartStreamed:G3}");
        Assert.True(zeroStartStreamed > 1.5 * plain.Last.ValidationLoss!.Value,
            $"trained from zero states: streamed {zeroStartStreamed:G3}, windowed validation {plain.Last.ValidationLoss:G3}");
        Assert.True(streamed < zeroStartStreamed, $"carried {streamed:G3}, zero-start {zeroStartStreamed:G3}");
    }

    /// <summary>
    /// Mean squared error over every recording cut into 32-step windows, each from the state the one before ended with,
    /// through the training forward pass (<c>BackwardBatchFromStates</c>'s outputs; its gradients discarded).
    /// </summary>
    private static double CarriedWindowError(LowPassGru network, Signals signals)
    {
        double sum = 0;
        int count = 0;
        var states = new float[LowPassGru.StreamStateCount];
        var outputs = new float[32];
        var unused = new float[LowPassGru.ParameterCount];
        for (int s = 0; s < signals.Count; s++)
        {
            LowPassGru.ResetState(states);
            for (int start = 0; start + 32 <= signals.Steps(s); start += 32)
            {
                LowPassGru.BackwardBatchFromStates(network.Parameters, states, signals.Input(s).Slice(start, 32), signals.Target(s).Slice(start, 32), unused, outputs);
                for (int t = 0; t < 32; t++)
                {
                    double error = outputs[t] - signals.Target(s)[start + t];
                    sum += error * error;
                    count++;
                }
            }
        }

        return sum / count;
    }

    [Fact]
    public void Windows_from_carried_states_run_the_arithmetic_of_one_long_window_and_end_with_Steps_state()
    {
        // Two 32-step windows, the second from the first's end state, against a 64-step network with the same weights.
        var network = new LowPassGru(seed: 5);
        var random = new Random(6);
        float[] signal = RandomData.Uniform(random, 64, 1.0);
        float[] targets = RandomData.Uniform(random, 64, 0.5);
        var states = new float[LowPassGru.StreamStateCount];
        var first = new float[32];
        var second = new float[32];
        var gradients = new float[LowPassGru.ParameterCount];
        LowPassGru.BackwardBatchFromStates(network.Parameters, states, signal.AsSpan(0, 32), targets.AsSpan(0, 32), gradients, first);
        LowPassGru.BackwardBatchFromStates(network.Parameters, states, signal.AsSpan(32), targets.AsSpan(32), gradients, second);

        var whole = new float[64];
        LongLowPassGru.BackwardBatch(network.Parameters, signal, targets, new float[LongLowPassGru.ParameterCount], whole);
        Assert.Equal(whole, first.Concat(second));

        // The state the training windows end with is the state streaming ends with (to the rounding of inference's tanh).
        var streamed = new float[LowPassGru.StreamStateCount];
        var stepOutput = new float[1];
        for (int t = 0; t < 64; t++)
        {
            LowPassGru.Step(network.Parameters, streamed, signal.AsSpan(t, 1), stepOutput);
        }

        Tolerance.Close(streamed, states, 1e-5, "the state after both windows");
        Assert.Throws<ArgumentException>(() => LowPassGru.BackwardBatchFromStates(network.Parameters, new float[3], signal.AsSpan(0, 32), targets.AsSpan(0, 32), gradients, []));
    }

    [Fact]
    public void Stacked_GRU_and_LSTM_windows_carry_both_states_as_one_long_window_runs()
    {
        var network = new StackedStream(seed: 7);
        var random = new Random(8);
        float[] signal = RandomData.Uniform(random, 2 * StackedStream.InputSize, 1.0);
        float[] targets = RandomData.Uniform(random, 2 * StackedStream.OutputSize, 0.5);
        var states = new float[StackedStream.StreamStateCount];
        var first = new float[StackedStream.OutputSize];
        var second = new float[StackedStream.OutputSize];
        var gradients = new float[StackedStream.ParameterCount];
        StackedStream.BackwardBatchFromStates(network.Parameters, states, signal.AsSpan(0, StackedStream.InputSize), targets.AsSpan(0, StackedStream.OutputSize), gradients, first);
        StackedStream.BackwardBatchFromStates(network.Parameters, states, signal.AsSpan(StackedStream.InputSize), targets.AsSpan(StackedStream.OutputSize), gradients, second);

        var whole = new float[2 * StackedStream.OutputSize];
        LongStackedStream.BackwardBatch(network.Parameters, signal, targets, new float[LongStackedStream.ParameterCount], whole);
        Tolerance.Close(whole, [.. first, .. second], 1e-6, "two carried windows against one long one");
        Assert.Equal(4 + (2 * 3), StackedStream.StreamStateCount); // the GRU's hidden state, then the LSTM's hidden state and cell
    }

    [Fact]
    public void Signals_that_do_not_fit_the_network_are_refused()
    {
        var trainer = new Trainer(new Adam(LowPassGru.ParameterCount, 0.01f));
        var network = new LowPassGru(seed: 1);
        Assert.Contains("fewer than the network's window of 32", Assert.Throws<ArgumentException>(() => trainer.FitStreams(network, new Signals(1, 1).Add(new float[20], new float[20]))).Message);
        Assert.Contains("2 and 1 per step", Assert.Throws<ArgumentException>(() => trainer.FitStreams(network, new Signals(2, 1).Add(new float[80], new float[40]))).Message);
        Assert.Throws<ArgumentException>(() => new Signals(1, 1).Add(new float[40], new float[39]));
        Assert.Contains("step 3", Assert.Throws<ArgumentException>(() => new Signals(1, 1).Add([0f, 0f, 0f, float.NaN], new float[4])).Message);
    }

    /// <summary>Every signal cut into 32-step windows, each a sample on its own (how a network was trained before).</summary>
    private static Dataset Windows(Signals signals)
    {
        var inputs = new System.Collections.Generic.List<float[]>();
        var targets = new System.Collections.Generic.List<float[]>();
        for (int s = 0; s < signals.Count; s++)
        {
            for (int start = 0; start + 32 <= signals.Steps(s); start += 32)
            {
                inputs.Add(signals.Input(s).Slice(start, 32).ToArray());
                targets.Add(signals.Target(s).Slice(start, 32).ToArray());
            }
        }

        return Dataset.FromRows([.. inputs], [.. targets]);
    }
}

/// <summary>A GRU over 32-step windows with a dense output on every step: a filter that streams one sample at a time.</summary>
[Network]
[Input(32, 1)]
[Gru(8)]
[Dense(1)]
public partial class LowPassGru { }

/// <summary><see cref="LowPassGru"/> over 64-step windows: the same parameters, one window twice as long.</summary>
[Network]
[Input(64, 1)]
[Gru(8)]
[Dense(1)]
public partial class LongLowPassGru { }

/// <summary>A GRU then an LSTM, a dense layer on every step: two recurrent states carried, one after the other.</summary>
[Network]
[Input(12, 2)]
[Gru(4)]
[Lstm(3)]
[Dense(2)]
public partial class StackedStream { }

/// <summary><see cref="StackedStream"/> over windows twice as long.</summary>
[Network]
[Input(24, 2)]
[Gru(4)]
[Lstm(3)]
[Dense(2)]
public partial class LongStackedStream { }
