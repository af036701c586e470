using System;

namespace StaticNet;

/// <summary>
/// A network object with its own parameters: what the trainer works with. The generator implements
/// it on every network declared as a plain (non-static, non-abstract) class; the members are
/// explicit, so the class's own surface stays the static API plus <c>Parameters</c> and <c>Predict</c>.
/// </summary>
public interface INetwork
{
    /// <summary>Flat input length.</summary>
    int InputSize { get; }

    /// <summary>Flat output length.</summary>
    int OutputSize { get; }

    /// <summary>The loss <see cref="Backward"/> computes.</summary>
    Loss Loss { get; }

    /// <summary>The network's parameters, in the layout of its <c>LayerN</c> offsets.</summary>
    float[] Parameters { get; }

    /// <summary>Runs the network on one sample with <see cref="Parameters"/>.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>
    /// Backpropagates one sample with <see cref="Parameters"/>: returns the loss, adds dLoss/dParameters
    /// into <paramref name="parameterGradients"/>, and overwrites <paramref name="inputGradients"/> unless it is empty.
    /// </summary>
    float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> parameterGradients, Span<float> inputGradients);
}
