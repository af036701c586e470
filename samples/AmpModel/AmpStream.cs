using System;
using StaticNet;
using StaticNet.Audio;

namespace AmpModel;

/// <summary>
/// One model processing one audio stream as NeuralAmpModelerCore's host calls do: loaded, reset (with the core's prewarm,
/// by default) for a block size, then fed blocks of samples. Allocation-free after construction.
/// </summary>
public sealed class AmpStream
{
    private readonly IStepNetwork network;
    private readonly float[] state;

    /// <summary>A stream of <paramref name="model"/> through the declared network it fits, reset for blocks of <paramref name="blockSize"/>.</summary>
    public AmpStream(NamModel model, int blockSize = 64, bool prewarm = true)
    {
        Model = model;
        network = AmpNetworks.For(model);
        state = new float[network.StreamStateCount];
        model.ResetState(network, state, prewarm, blockSize);
    }

    /// <summary>The model the stream runs.</summary>
    public NamModel Model { get; }

    /// <summary>The declared network that runs it.</summary>
    public IStepNetwork Network => network;

    /// <summary>
    /// Processes a block: one output sample per input sample, the stream's state carried to the next block. Each whole
    /// 64 samples (the networks' declared input) run layer by layer; the bits of one <c>Step</c> per sample, and a block
    /// of one sample is a <c>Step</c>.
    /// </summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != input.Length)
        {
            throw new ArgumentException($"The output has {output.Length} samples; it needs the input's {input.Length}.", nameof(output));
        }

        if (input.Length == 1)
        {
            network.Step(state, input, output);
            return;
        }

        network.StepBlock(state, input, output);
    }
}
