using System;

namespace StaticNet;

/// <summary>
/// A network object whose network streams one step at a time and trains on windows that continue streams: what
/// <see cref="Training.Trainer.FitStreams"/> works with. The generator implements it on network objects over sequences
/// whose every stateful layer is a GRU or an LSTM.
/// </summary>
public interface IStreamingNetwork : INetwork
{
    /// <summary>The values a stream carries from one step to the next.</summary>
    int StreamStateCount { get; }

    /// <summary>One step's input length.</summary>
    int StepInputSize { get; }

    /// <summary>One step's output length.</summary>
    int StepOutputSize { get; }

    /// <summary>Sets <paramref name="state"/> to a fresh stream's (the state before its first step).</summary>
    void ResetState(Span<float> state);

    /// <summary>Runs one step with the network's parameters: advances <paramref name="state"/> and writes the step's output.</summary>
    void Step(Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// The gradient of one training step on windows that continue streams (truncated backpropagation through time): each
    /// sample's recurrent layers start from its stream's state in <paramref name="states"/>, the state after the window
    /// is written back, and the gradient stops at the window's start. Otherwise as <see cref="INetwork.BackwardBatch"/>.
    /// </summary>
    float BackwardBatchFromStates(
        Span<float> states, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parameterGradients, Span<float> outputs, ref Training.SeededRandom random);
}
