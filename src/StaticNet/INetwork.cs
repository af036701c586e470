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

    /// <summary>The shape of one input sample (an image or a flat vector); generated networks give their declared one.</summary>
    SampleShape InputShape => SampleShape.Flat(InputSize);

    /// <summary>Flat output length.</summary>
    int OutputSize { get; }

    /// <summary>
    /// The canonical text of everything that gives the parameters their meaning (the generated <c>Architecture</c>
    /// constant: the input's shape, each layer's kind, sizes, geometry and activation, and in a graph what it reads),
    /// which weight files and <see cref="Audio.NamModel"/> compare; empty by default.
    /// </summary>
    string Architecture => "";

    /// <summary>The loss the Backward methods compute; with several <see cref="Heads"/>, the first head's.</summary>
    Loss Loss { get; }

    /// <summary>The network's outputs, in the order their values lie in each sample's output and target: one for a chain.</summary>
    System.Collections.Generic.IReadOnlyList<OutputHead> Heads { get; }

    /// <summary>The network's parameters, in the layout of its <c>LayerN</c> offsets.</summary>
    float[] Parameters { get; }

    /// <summary>
    /// The network's tensors by PyTorch's <c>state_dict</c> names, where they lie in <see cref="Parameters"/> and
    /// <see cref="State"/>: what the trainer names per-tensor gradient norms by. Generated networks give theirs; empty by default.
    /// </summary>
    System.Collections.Generic.IReadOnlyList<Storage.TensorSlot> TensorSlots => [];

    /// <summary>
    /// The network's state: batch-norm running statistics, updated by <see cref="BackwardBatch"/> and used
    /// everywhere else. Empty for networks without batch normalisation.
    /// </summary>
    float[] State { get; }

    /// <summary>Runs the network on one sample with <see cref="Parameters"/>.</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>Runs the network on a batch of samples laid out one after another, as <see cref="Forward"/> does on each.</summary>
    void ForwardBatch(ReadOnlySpan<float> inputs, Span<float> outputs);

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

    /// <summary>
    /// The gradient of one training step on a batch of samples laid out one after another, in training mode
    /// (dropout masks from <paramref name="random"/>, batch normalisation with the batch's statistics, moving
    /// <see cref="State"/>): returns the batch's mean loss, adds the gradient of that mean into
    /// <paramref name="parameterGradients"/>, and writes each sample's outputs to <paramref name="outputs"/> unless it is empty.
    /// </summary>
    float BackwardBatch(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, Span<float> parameterGradients, Span<float> outputs, ref Training.SeededRandom random);

    /// <summary>Writes the network with <see cref="Parameters"/> (and <see cref="State"/>) as an ONNX model (opset 17) to <paramref name="stream"/>.</summary>
    void ToOnnx(System.IO.Stream stream);
}
