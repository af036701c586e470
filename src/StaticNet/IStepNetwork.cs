using System;

namespace StaticNet;

/// <summary>
/// A network object whose network streams one step at a time (a sequence network whose every layer can advance a step
/// with carried state): what a host that does not know the network's class drives, such as <see cref="Audio.NamModel"/>'s
/// reset. The generator implements it on every such network object.
/// </summary>
public interface IStepNetwork : INetwork
{
    /// <summary>The values a stream carries from one step to the next.</summary>
    int StreamStateCount { get; }

    /// <summary>One step's input length.</summary>
    int StepInputSize { get; }

    /// <summary>One step's output length.</summary>
    int StepOutputSize { get; }

    /// <summary>
    /// What the state holds, layer by layer, named after the layers as their tensors are (a GRU's <c>h</c>, an LSTM's
    /// <c>h</c> and <c>c</c>, a causal convolution's <c>history</c>), each with its shape and offset in the state.
    /// </summary>
    System.Collections.Generic.IReadOnlyList<Storage.TensorSlot> StreamStateSlots { get; }

    /// <summary>Sets <paramref name="state"/> to a fresh stream's (the state before its first step).</summary>
    void ResetState(Span<float> state);

    /// <summary>Runs one step with the network's parameters: advances <paramref name="state"/> and writes the step's output.</summary>
    void Step(Span<float> state, ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Runs any number of steps at once (a host's buffer of samples): advances <paramref name="state"/> by the steps in
    /// <paramref name="inputs"/> and writes each step's output to <paramref name="outputs"/>, the bits of a
    /// <see cref="Step"/> per step.
    /// </summary>
    void StepBlock(Span<float> state, ReadOnlySpan<float> inputs, Span<float> outputs);
}
