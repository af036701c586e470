using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A GRU (PyTorch's <c>nn.GRU</c>) through the runtime's <c>GruKernels</c>: three gates, r, z, n.</summary>
internal sealed record GruLayerPlan(int Number, Shape InputShape, Shape OutputShape, int Offset)
    : RecurrentLayerPlan(Number, $"Gru({OutputShape.Features})", InputShape, OutputShape, Offset, Gates: 3)
{
    public override string Kind => "GRU";

    protected override string Kernels => "global::StaticNet.Runtime.GruKernels";

    protected override string LanesKernel => "Gru";

    protected override string GateOrder => "r, z, n";

    protected override string OnnxOperator => "GRU";

    /// <summary>ONNX's z, r, h are PyTorch's z, r, n (PyTorch orders them r, z, n).</summary>
    protected override int[] OnnxGateOrder => [1, 0, 2];

    /// <summary><c>linear_before_reset</c>: PyTorch's <c>r ⊙ (W_hn h + b_hn)</c>.</summary>
    protected override string[] OnnxAttributes => [Onnx.Int("linear_before_reset", 1)];

    protected override int StateParts => 1;

    /// <summary>The hidden state.</summary>
    public override int StepStateCount => OutputShape.Features;

    public override string StepStateRole => "the hidden state";

    public override IEnumerable<StatePart> StepStateParts
    {
        get
        {
            yield return new StatePart("h", "hidden state", $"{Hidden}", Hidden);
        }
    }
}

/// <summary><c>[Gru(hidden)]</c>.</summary>
internal sealed record GruDeclaration(Argument<int> Hidden, LocationInfo? Location)
    : RecurrentDeclaration("Gru", Hidden, Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new GruDeclaration(arguments.Int(0, 0), location);

    protected override int Gates => 3;

    protected override LayerPlan Create(int number, Shape input, Shape output, int offset) => new GruLayerPlan(number, input, output, offset);
}
