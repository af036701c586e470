using System;

namespace StaticNet;

/// <summary>
/// A network object whose network streams one step at a time (<see cref="IStepNetwork"/>) and trains on windows that continue streams: what
/// <see cref="Training.Trainer.FitStreams"/> works with. The generator implements it on network objects over sequences
/// whose every stateful layer is a GRU or an LSTM.
/// </summary>
public interface IStreamingNetwork : IStepNetwork
{
    /// <summary>
    /// The gradient of one training step on windows that continue streams (truncated backpropagation through time): each
    /// sample's recurrent layers start from its stream's state in <paramref name="states"/>, the state after the window
    /// is written back, and the gradient stops at the window's start. Otherwise as <see cref="INetwork.BackwardBatch"/>.
    /// </summary>
    float BackwardBatchFromStates(
        Span<float> states, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parameterGradients, Span<float> outputs, ref Training.SeededRandom random);
}
