using System;
using System.Threading;

namespace StaticNet.Training;

/// <summary>Training a streaming network the way it runs: windows that continue long signals, the state carried.</summary>
public sealed partial class Trainer
{
    private float[] streamStates = [];

    /// <summary>
    /// Trains <paramref name="network"/> on long signals the way it will stream (truncated backpropagation through time):
    /// each signal is cut into consecutive windows of the network's declared steps, and each window starts from the
    /// state the previous one ended with (a signal's first from a reset state), the gradient cut at the window's start.
    /// <see cref="BatchSize"/> signals go side by side, one window each per step (a batch runs as many windows as its
    /// shortest signal holds); the order of the signals is shuffled each epoch, never the windows within one.
    /// <paramref name="validation"/> is streamed step by step through the network's <c>Step</c> from a reset state, so the
    /// validation loss is the error of the network as it will run. A network whose output is every step of the window
    /// takes every step's target; one whose output is the window's last step (<c>[LastStep]</c>) the last step's.
    /// Cancelling <paramref name="cancellation"/> ends training before the next step (see <see cref="TrainingHistory.Cancelled"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The signals' per-step sizes are not the network's, or a signal is shorter than one window.</exception>
    public TrainingHistory FitStreams(IStreamingNetwork network, Signals training, Signals? validation = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        int window = CheckStreams(network, training, nameof(training));
        if (validation is not null)
        {
            CheckStreams(network, validation, nameof(validation));
        }
        else if (EarlyStoppingPatience > 0)
        {
            throw new InvalidOperationException("Early stopping watches the validation loss: give validation signals.");
        }

        float initialRate = Optimizer.LearningRate;
        try
        {
            return TrainStreams(network, training, validation, window, initialRate, cancellation);
        }
        finally
        {
            Optimizer.LearningRate = initialRate;
        }
    }

    /// <summary>
    /// The loss and accuracy (NaN for mean squared error) of <paramref name="network"/> streamed over every signal of
    /// <paramref name="data"/> from a reset state through its <c>Step</c>: the mean over the windows the signals are cut
    /// into (as <see cref="FitStreams"/> trains them) of each window's loss.
    /// </summary>
    public (float Loss, float Accuracy) EvaluateStreams(IStreamingNetwork network, Signals data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        int window = CheckStreams(network, data, nameof(data));
        return Streamed(network, data, window);
    }

    /// <summary>The network's window in steps, after checking that the signals fit it.</summary>
    private static int CheckStreams(IStreamingNetwork network, Signals signals, string name)
    {
        int window = network.InputSize / network.StepInputSize;
        if (signals.InputFeatures != network.StepInputSize || signals.TargetFeatures != network.StepOutputSize)
        {
            throw new ArgumentException(
                $"The network steps with {network.StepInputSize} inputs and {network.StepOutputSize} outputs, but the {name} signals have "
                + $"{signals.InputFeatures} and {signals.TargetFeatures} per step.", name);
        }

        if (network.OutputSize != window * network.StepOutputSize && network.OutputSize != network.StepOutputSize)
        {
            throw new ArgumentException(
                $"The network's output ({network.OutputSize} values) is neither every step of its {window}-step window nor its last step.", nameof(network));
        }

        if (network.Heads.Count > 1)
        {
            throw new ArgumentException("Training on signals takes a network with one output; this one has several heads.", nameof(network));
        }

        if (signals.Count == 0)
        {
            throw new ArgumentException($"The {name} signals are empty.", name);
        }

        for (int i = 0; i < signals.Count; i++)
        {
            if (signals.Steps(i) < window)
            {
                throw new ArgumentException($"{name} signal {i} has {signals.Steps(i)} steps, fewer than the network's window of {window}.", name);
            }
        }

        return window;
    }

    private TrainingHistory TrainStreams(IStreamingNetwork network, Signals training, Signals? validation, int window, float initialRate, CancellationToken cancellation)
    {
        var random = new SeededRandom(Seed);
        dropoutRandom = new SeededRandom(~(long)Seed);
        trainingHeads = null;
        var order = new int[training.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        bool RunEpoch(int epoch, ref BatchResult total)
        {
            if (Shuffle)
            {
                random.Shuffle<int>(order);
            }

            int batches = 0;
            for (int start = 0; start < order.Length; start += BatchSize)
            {
                batches += Windows(training, order.AsSpan(start, Math.Min(BatchSize, order.Length - start)), window);
            }

            int batch = 0;
            for (int start = 0; start < order.Length; start += BatchSize)
            {
                ReadOnlySpan<int> group = order.AsSpan(start, Math.Min(BatchSize, order.Length - start));
                Span<float> states = Buffer(ref streamStates, group.Length * network.StreamStateCount);
                for (int i = 0; i < group.Length; i++)
                {
                    network.ResetState(states.Slice(i * network.StreamStateCount, network.StreamStateCount));
                }

                int windows = Windows(training, group, window);
                for (int w = 0; w < windows; w++)
                {
                    if (cancellation.IsCancellationRequested)
                    {
                        return false;
                    }

                    total += RunWindows(network, training, group, w * window, window, states, epoch, ++batch, batches);
                }
            }

            return true;
        }

        return RunEpochs(network, RunEpoch, validation is null ? null : () => Streamed(network, validation, window), null, initialRate);
    }

    /// <summary>The windows a batch of <paramref name="group"/>'s signals runs: as many as its shortest signal holds.</summary>
    private static int Windows(Signals signals, ReadOnlySpan<int> group, int window)
    {
        int steps = int.MaxValue;
        foreach (int signal in group)
        {
            steps = Math.Min(steps, signals.Steps(signal));
        }

        return steps / window;
    }

    /// <summary>One optimizer step on the window from <paramref name="firstStep"/> of each signal of <paramref name="group"/>, from and into their states.</summary>
    private BatchResult RunWindows(
        IStreamingNetwork network, Signals signals, ReadOnlySpan<int> group, int firstStep, int window, Span<float> states, int epoch, int batch, int batches)
    {
        PrepareStep(network);

        bool everyStep = network.OutputSize != network.StepOutputSize || window == 1;
        Span<float> inputs = Buffer(ref batchInputs, group.Length * network.InputSize);
        Span<float> targets = Buffer(ref batchTargets, group.Length * network.OutputSize);
        for (int i = 0; i < group.Length; i++)
        {
            signals.Input(group[i]).Slice(firstStep * network.StepInputSize, network.InputSize).CopyTo(inputs.Slice(i * network.InputSize));
            ReadOnlySpan<float> target = everyStep
                ? signals.Target(group[i]).Slice(firstStep * network.StepOutputSize, network.OutputSize)
                : signals.Target(group[i]).Slice((firstStep + window - 1) * network.StepOutputSize, network.StepOutputSize);
            target.CopyTo(targets.Slice(i * network.OutputSize));
        }

        bool scored = network.Loss != Loss.MeanSquaredError;
        Span<float> predictions = scored ? Buffer(ref batchOutputs, group.Length * network.OutputSize) : Span<float>.Empty;
        ParameterUpdate.Clear(gradients);
        float meanLoss = network.BackwardBatchFromStates(states, inputs, targets, gradients, predictions, ref dropoutRandom);
        if (!float.IsFinite(meanLoss))
        {
            throw Diverged(epoch, batch, $"the batch's mean loss is {meanLoss}");
        }

        double correct = scored ? StepAccuracy(network, predictions, targets) * group.Length : float.NaN;
        ApplyStep(network, epoch, batch, batches, group.Length, meanLoss);
        return new BatchResult(meanLoss * group.Length, (float)correct, group.Length);
    }

    /// <summary>The mean accuracy over every step's output in <paramref name="outputs"/> against its target.</summary>
    private static double StepAccuracy(IStreamingNetwork network, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        int size = network.StepOutputSize;
        double sum = 0;
        for (int at = 0; at < outputs.Length; at += size)
        {
            sum += Metrics.Accuracy(network.Loss, outputs.Slice(at, size), targets.Slice(at, size));
        }

        return sum / (outputs.Length / size);
    }

    /// <summary>
    /// Every signal streamed through <c>Step</c> from a reset state: the mean over its windows of each window's loss (the
    /// steps' outputs and targets of the window, or of its last step), in double, and the mean accuracy of those steps.
    /// </summary>
    private static (float Loss, float Accuracy) Streamed(IStreamingNetwork network, Signals signals, int window)
    {
        bool everyStep = network.OutputSize != network.StepOutputSize || window == 1;
        int size = network.StepOutputSize;
        var state = new float[network.StreamStateCount];
        var outputs = new float[window * size];
        double lossSum = 0, correct = 0;
        int windows = 0;
        for (int s = 0; s < signals.Count; s++)
        {
            network.ResetState(state);
            ReadOnlySpan<float> input = signals.Input(s);
            ReadOnlySpan<float> target = signals.Target(s);
            int count = signals.Steps(s) / window;
            for (int w = 0; w < count; w++)
            {
                for (int t = 0; t < window; t++)
                {
                    int step = (w * window) + t;
                    network.Step(state, input.Slice(step * network.StepInputSize, network.StepInputSize), outputs.AsSpan(t * size, size));
                }

                ReadOnlySpan<float> scored = everyStep ? outputs : outputs.AsSpan((window - 1) * size, size);
                ReadOnlySpan<float> expected = everyStep
                    ? target.Slice(w * window * size, window * size)
                    : target.Slice((((w + 1) * window) - 1) * size, size);
                lossSum += Metrics.SampleLoss(network.Loss, scored, expected);
                windows++;
                correct += network.Loss == Loss.MeanSquaredError ? 0 : StepAccuracy(network, scored, expected);
            }
        }

        // Every window scores as many steps, so the mean of its accuracies is the steps' mean accuracy.
        return ((float)(lossSum / windows), network.Loss == Loss.MeanSquaredError ? float.NaN : (float)(correct / windows));
    }
}
