using System.Collections.Generic;
using StaticNet.Generator.Emit;

namespace StaticNet.Generator.Layers;

/// <summary>How a layer takes part in a streaming <c>Step</c> (see <see cref="LayerPlan.StepRole"/>).</summary>
internal enum StepRole
{
    /// <summary>On flat values: the same code as in <c>Forward</c>.</summary>
    AsInForward,

    /// <summary>On a sequence, advancing one step with carried state (only an <see cref="IStreamingLayer"/> that streams).</summary>
    Recurrent,

    /// <summary>On a sequence, passing the step through (the step is the last one so far).</summary>
    PassThrough,

    /// <summary>On a sequence, the same weights on every step: its <c>WriteForward</c> and activation on the one step.</summary>
    PerStep,

    /// <summary>On a sequence, mixing its steps: the network has no <c>Step</c>.</summary>
    Unsupported,
}

/// <summary>
/// A kind that carries values from one streaming step to the next (GRU, LSTM, a causal Conv1D): the size and meaning of
/// its slice of the state and the code of one step, stated together, so a kind cannot stream without all of them.
/// </summary>
internal interface IStreamingLayer
{
    /// <summary>Whether this layer's geometry lets it advance one step at a time; if not, the network gets no <c>Step</c>.</summary>
    bool Streams { get; }

    /// <summary>The values it carries from one step to the next.</summary>
    int StepStateCount { get; }

    /// <summary>What those values are, for the streaming step's comment: <c>the hidden state</c>.</summary>
    string StepStateRole { get; }

    /// <summary>
    /// The same values as named parts, in the order they lie in the state (<c>StreamStateSlots</c> names them after the
    /// layer: <c>core.h</c>, <c>core.c</c>): what a host reads or sets, such as a stored initial state.
    /// </summary>
    IEnumerable<StatePart> StepStateParts { get; }

    /// <summary>
    /// Whether its step output is the start of its carried state (a GRU's hidden state) rather than values it writes into
    /// an output span of its own (a causal convolution's filters).
    /// </summary>
    bool StepOutputIsState { get; }

    /// <summary>The scratch its step needs.</summary>
    int StepScratch { get; }

    /// <summary>
    /// Writes one streaming step: <paramref name="input"/> is one step's values, <paramref name="state"/> its carried
    /// values, updated in place; the step's <c>OutputShape.Features</c> outputs go to <paramref name="output"/>, or are
    /// the first of the state where <see cref="StepOutputIsState"/> (then <paramref name="output"/> is null).
    /// <paramref name="scratch"/> names a span of <see cref="StepScratch"/> floats.
    /// </summary>
    void WriteStep(CodeWriter code, string input, string state, string scratch, string? output);

    /// <summary>
    /// Writes a block of streamed steps (<c>StepBlock</c>): <paramref name="input"/> holds the block's steps,
    /// <paramref name="output"/> receives every step's <c>OutputShape.Features</c> outputs, <paramref name="state"/> is
    /// advanced by the block: the bits of as many <see cref="WriteStep"/> steps.
    /// </summary>
    void WriteBlock(CodeWriter code, string input, string state, string output);
}

/// <summary>One named part of a streaming layer's state: its name after the layer's, what it is, and its shape.</summary>
/// <param name="Shape">Comma-separated sizes, as in <c>4, 16</c>.</param>
internal readonly record struct StatePart(string Suffix, string Role, string Shape, int Count);

/// <summary>
/// A streaming kind whose step also runs for many streams side by side (<c>StepBatch</c>): a block of streams, one per
/// register lane, each lane doing what the kind's step does for one stream, so each stream gets the bits of its own
/// <c>Step</c> (see the runtime's <c>StreamLanes</c>).
/// </summary>
internal interface ILaneStreamingLayer : IStreamingLayer
{
    /// <summary>A C# condition, true where this machine's lanes give the bits of its single-stream step.</summary>
    string LanesCondition { get; }

    /// <summary>
    /// Writes one block's step: the streams from <paramref name="first"/> advanced by their steps in <c>inputs</c>, their
    /// slice of the state (at <paramref name="stateOffset"/> in each stream's <c>StreamStateCount</c> values of
    /// <c>states</c>) updated, and the new state left in lanes in <paramref name="stateLanes"/>.
    /// </summary>
    void WriteStepLanes(CodeWriter code, int stateOffset, string first, string stateLanes);
}

/// <summary>
/// A streaming kind that also trains on windows that continue a stream (truncated backpropagation through time,
/// <c>BackwardBatchFromStates</c>): its forward pass over a window starts from the state a stream carries and ends
/// with the state after the window's last step, and its backward pass stops at the start state.
/// </summary>
internal interface IStateTrainingLayer : IStreamingLayer
{
    /// <summary>
    /// Writes the training forward pass of one sample's window from <paramref name="start"/> (its
    /// <see cref="IStreamingLayer.StepStateCount"/> values, in the step's layout), its state after the last step to
    /// <paramref name="end"/>.
    /// </summary>
    void WriteForwardFrom(CodeWriter code, string start, string input, string output, string end);

    /// <summary>Writes the backward pass of one sample's window that started from <paramref name="start"/>.</summary>
    void WriteBackwardFrom(CodeWriter code, string start, string input, string gradient, string inputGradients);
}

/// <summary>
/// A kind whose streamed step, after a layer stepped in lanes, also runs in lanes with the bits of its single-stream code.
/// </summary>
internal interface ILaneLayer
{
    /// <summary>Whether the code <c>Step</c> writes for it, reading <paramref name="input"/>, is the code its lanes reproduce.</summary>
    bool StepsInLanes(LayerValues input);

    /// <summary>Writes its step over a block from <paramref name="input"/> to <paramref name="output"/>, both in lanes.</summary>
    void WriteLanes(CodeWriter code, string input, string output);
}

/// <summary>
/// A kind that keeps values that are saved but not trained (BatchNorm's running statistics): where they sit in the state
/// span, how many, and how they start, stated together.
/// </summary>
internal interface IStatefulLayer
{
    /// <summary>Where the layer's state starts in the state span.</summary>
    int StateOffset { get; }

    /// <summary>How many state values it keeps.</summary>
    int StateCount { get; }

    /// <summary>Writes the reset of its state (<c>state</c> in scope).</summary>
    void WriteStateInitialization(CodeWriter writer);
}

/// <summary>
/// A kind that <c>PackParameters</c> may store in another order for a faster <c>ForwardPacked</c> (and <c>StepPacked</c>):
/// whether this layer's weights are reordered, whether that gains anything, and the reordering, stated together.
/// </summary>
internal interface IPackingLayer
{
    /// <summary>Whether <c>PackParameters</c> stores this layer's weights in another order (see <see cref="WritePacking"/>).</summary>
    bool PacksWeights { get; }

    /// <summary>
    /// Whether its <c>ForwardPacked</c> code runs a faster kernel than its <c>Forward</c> code: networks where no layer
    /// does get neither method (an unrolled layer reads each weight by a constant index, whatever the layout, unless it
    /// is small enough to sum all its outputs in one vector).
    /// </summary>
    bool GainsFromPacking { get; }

    /// <summary>Writes, into <c>PackParameters</c>, the reordering of its own weights from <c>parameters</c> into <c>packed</c>.</summary>
    void WritePacking(CodeWriter code);

    /// <summary>
    /// <see cref="WritePacking"/>'s reordering as a function: which value of the weight block in PyTorch's layout the
    /// packed copy holds at <paramref name="index"/> (both counted from the block's start). Baked weights are packed
    /// with it at compile time; a test holds it to the runtime's packing.
    /// </summary>
    int PackedSource(int index);
}

/// <summary>
/// A kind whose small layers are written as straight-line code on locals instead of kernel calls (Dense, below the
/// network's unrolling threshold). The emitters ask for it through <see cref="Unrolled"/>.
/// </summary>
internal interface IUnrollableLayer
{
    /// <summary>Whether this layer is unrolled.</summary>
    bool Unrolled { get; }

    /// <summary>
    /// Forward: the activated outputs of <paramref name="input"/>, into <c>output</c> from <paramref name="outputOffset"/> on
    /// when the layer is an output, else (null) into locals.
    /// </summary>
    LayerValues WriteForward(MethodBody body, LayerValues input, int? outputOffset);

    /// <summary>
    /// Whether inference runs this unrolled layer through its looped kernel instead, given where its
    /// <paramref name="input"/> is held (training keeps the unrolled code, whose locals the backward pass reads).
    /// </summary>
    bool LoopsInferenceOver(LayerValues input);

    /// <summary>Backward's forward pass: the outputs into locals, and the weighted sums too when <paramref name="keepSums"/>.</summary>
    (LayerValues Outputs, LayerValues? Sums) WriteTrainingForward(MethodBody body, LayerValues input, bool keepSums);

    /// <summary>The weighted sums (before any activation) into the span <paramref name="destination"/>, for the loss.</summary>
    void WriteSums(MethodBody body, LayerValues input, string destination);

    /// <summary>
    /// Adds the parameter gradients from <paramref name="gradient"/> and returns dLoss/d(sums of <paramref name="feeder"/>)
    /// through its activation (computed from <paramref name="feederSource"/>); without a feeder, writes the gradients with
    /// respect to its input into the span <paramref name="destination"/> and returns null (<c>inputGradients</c> only when
    /// the caller wants them).
    /// </summary>
    LayerValues? WriteBackward(MethodBody body, LayerValues input, LayerValues gradient, LayerPlan? feeder, LayerValues? feederSource, string destination = "inputGradients");
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

/// <summary>
/// A kind that reads two or more values (Add, Concat): the emitters hand it every operand instead of one input. Its
/// activation, if any, the emitters apply as for any layer; the join itself has no parameters.
/// </summary>
internal interface IJoinLayer
{
    /// <summary>Writes <paramref name="output"/> from the <paramref name="inputs"/>, one span per operand, of one sample.</summary>
    void WriteJoin(CodeWriter code, IReadOnlyList<string> inputs, string output);

    /// <summary><see cref="WriteJoin"/> over a batch (<c>batch</c> in scope), each span holding every sample's values.</summary>
    void WriteJoinBatch(CodeWriter code, IReadOnlyList<string> inputs, string outputs);

    /// <summary>
    /// Writes (or with <paramref name="add"/> adds) into <paramref name="target"/> the gradient of operand
    /// <paramref name="operand"/> from the join's <paramref name="gradient"/>, for one sample or, with <paramref name="batch"/>,
    /// a batch; <paramref name="operands"/> name the operands' values (spans), for a join whose gradient reads them.
    /// </summary>
    void WriteOperandGradient(CodeWriter code, string gradient, IReadOnlyList<string> operands, int operand, string target, bool add, bool batch);

    /// <summary>Whether an operand's gradient reads the operands' values (a product's does; a sum's and a concatenation's do not).</summary>
    bool GradientReadsOperands { get; }

    /// <summary>What an operand's gradient is, for the backward pass's comment: <c>the sum's</c>.</summary>
    string OperandGradientRule { get; }
}
