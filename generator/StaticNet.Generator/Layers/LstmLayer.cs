using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>An LSTM (PyTorch's <c>nn.LSTM</c>) through the runtime's <c>LstmKernels</c>: four gates, i, f, g, o.</summary>
internal sealed record LstmLayerPlan(int Number, Shape InputShape, Shape OutputShape, int Offset)
    : RecurrentLayerPlan(Number, $"Lstm({OutputShape.Features})", InputShape, OutputShape, Offset, Gates: 4)
{
    public override string Kind => "LSTM";

    protected override string Kernels => "global::StaticNet.Runtime.LstmKernels";

    protected override string LanesKernel => "Lstm";

    protected override string GateOrder => "i, f, g, o";

    protected override string OnnxOperator => "LSTM";

    /// <summary>ONNX's i, o, f, c are PyTorch's i, o, f, g (PyTorch orders them i, f, g, o).</summary>
    protected override int[] OnnxGateOrder => [0, 3, 1, 2];

    protected override string[] OnnxAttributes => [];

    /// <summary>The hidden state, then the cell.</summary>
    protected override int StateParts => 2;

    /// <summary>The hidden state, then the cell.</summary>
    public override int StepStateCount => 2 * OutputShape.Features;

    public override string StepStateRole => "the hidden state, then the cell";

    public override IEnumerable<StatePart> StepStateParts
    {
        get
        {
            yield return new StatePart("h", "hidden state", $"{Hidden}", Hidden);
            yield return new StatePart("c", "cell state", $"{Hidden}", Hidden);
        }
    }
}

/// <summary><c>[Lstm(hidden)]</c>.</summary>
internal sealed record LstmDeclaration(Argument<int> Hidden, LocationInfo? Location)
    : RecurrentDeclaration("Lstm", Hidden, Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new LstmDeclaration(arguments.Int(0, 0), location);

    protected override int Gates => 4;

    protected override LayerPlan Create(int number, Shape input, Shape output, int offset) => new LstmLayerPlan(number, input, output, offset);
}
