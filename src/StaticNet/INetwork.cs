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

    /// <summary>The loss the Backward methods compute.</summary>
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

    /// <summary>
    /// <see cref="Backward(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float})"/> in training mode:
    /// dropout layers draw their masks from <paramref name="random"/>. The same as the other overload for networks without dropout.
    /// </summary>
    float Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> target, Span<float> parameterGradients, Span<float> inputGradients, ref Training.SeededRandom random);
}
