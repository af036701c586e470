using StaticNet.Generator.Emit;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A kind whose small layers are written as straight-line code on locals instead of kernel calls (Dense, below the
/// network's unrolling threshold). The emitters ask for it through <see cref="Unrolled"/>.
/// </summary>
internal interface IUnrollableLayer
{
    /// <summary>Whether this layer is unrolled.</summary>
    bool Unrolled { get; }

    /// <summary>Forward: the activated outputs of <paramref name="input"/>, into <c>output</c> when <paramref name="isOutput"/>, else into locals.</summary>
    Vector WriteForward(MethodBody body, Vector input, bool isOutput);

    /// <summary>Backward's forward pass: the outputs into locals, and the weighted sums too when <paramref name="keepSums"/>.</summary>
    (Vector Outputs, Vector? Sums) WriteTrainingForward(MethodBody body, Vector input, bool keepSums);

    /// <summary>The weighted sums (before any activation) into the span <paramref name="destination"/>, for the loss.</summary>
    void WriteSums(MethodBody body, Vector input, string destination);

    /// <summary>
    /// Adds the parameter gradients from <paramref name="gradient"/> and returns dLoss/d(sums of <paramref name="feeder"/>)
    /// through its activation (computed from <paramref name="feederSource"/>), or writes the input gradients and returns null.
    /// </summary>
    Vector? WriteBackward(MethodBody body, Vector input, Vector gradient, LayerPlan? feeder, Vector? feederSource);
}

/// <summary>A kind that draws a random mask in training and keeps it for the backward pass (Dropout).</summary>
internal interface IMaskedLayer
{
    float Rate { get; }

    /// <summary>Draws the mask into its span and applies it; <paramref name="rate"/> is an expression (0 outside training).</summary>
    void WriteMaskedForward(CodeWriter code, string input, string output, string rate);
}

/// <summary>A kind that, in a training batch, uses the batch's own statistics and moves running ones in <c>state</c> (BatchNorm).</summary>
internal interface IBatchStatisticsLayer
{
    /// <summary>How many statistics of each kind the batch has: one per feature or channel.</summary>
    int Features { get; }

    /// <summary>The training forward pass of a batch, keeping its statistics in <c>{statistics}Mean</c> and <c>{statistics}InverseStd</c>.</summary>
    void WriteTrainingForwardBatch(CodeWriter code, string inputs, string outputs, string statistics);

    /// <summary>Backpropagates <see cref="WriteTrainingForwardBatch"/> through the batch statistics.</summary>
    void WriteTrainingBackwardBatch(CodeWriter code, string inputs, string gradient, string statistics, string inputGradients);
}
