using System.Collections.Generic;
using System.Globalization;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A dense layer, unrolled into straight-line code or looped over constant bounds through <c>DenseKernels</c>.</summary>
internal sealed record DenseLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    ActivationKind Activation,
    float Slope,
    bool Unrolled)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, (int)(InputShape.Size * OutputShape.Size),
        BiasOffset, (int)OutputShape.Size, InputShape.Size * OutputShape.Size)
{
    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override bool Unrolled { get; } = Unrolled;

    public int Inputs => (int)InputShape.Size;

    public int Outputs => (int)OutputShape.Size;

    public override string Kind => "Dense";

    public override string WeightRole => $" [{Outputs}, {Inputs}] row-major";

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.Forward(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {input}, {output});");
    }

    /// <summary>The whole batch in one kernel call, which reuses each weight for several samples.</summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.ForwardBatch(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {inputs}, {outputs});");
    }

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.Backward({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients});");
    }

    /// <summary>The batch's weight gradients summed in registers by one kernel call.</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        code.Line($"{RuntimeCalls.DenseKernels}.BackwardBatch({LayerCalls.Weights(Number)}, {inputs}, {gradients},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients});");
    }

    public override string OnnxCall() => $"graph.Dense({LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)}, {OnnxActivation});";

    /// <summary><c>nn.Linear</c>: weight <c>[out, in]</c>, then bias.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(int module) =>
    [
        new($"{module}.weight", Number, "weights", $"{Outputs}, {Inputs}", false, WeightOffset, WeightCount),
        new($"{module}.bias", Number, "biases", $"{Outputs}", false, BiasOffset, BiasCount),
    ];
}

/// <summary><c>[Dense(units, activation)]</c> with its named properties, null where not set.</summary>
internal sealed record DenseDeclaration(
    Argument<int> Units,
    Argument<int> Activation,
    Argument<float>? Slope,
    Argument<int>? InputSize,
    LocationInfo? Location)
    : LayerDeclaration("Dense", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new DenseDeclaration(
        arguments.Int(0, 0),
        arguments.Int(1, (int)ActivationKind.Identity),
        arguments.NamedFloat("Slope"),
        arguments.NamedInt("InputSize"),
        location);

    /// <summary>
    /// Needs a flat input (SN0007), checks a declared <c>InputSize</c> (SN0008), and unrolls when its weights are within
    /// the network's threshold (a quarter of it for tanh and sigmoid, whose scalar form costs as much as eight vector lanes).
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input, bool isLast)
    {
        int units = planner.Positive(Units, "Dense units");
        ActivationKind activation = planner.CheckActivation(Activation, Slope, isLast, "Dense");
        float slope = Slope?.Value ?? 0.01f;

        if (!input.IsFlat)
        {
            planner.Report(DiagnosticDescriptors.FlattenRequired, Location, "Dense", input);
            input = Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        }

        if (InputSize is { } declared)
        {
            int expected = planner.Positive(declared, "InputSize");
            if (expected != input.Size)
            {
                planner.Report(DiagnosticDescriptors.InputSizeMismatch, declared.Location, "Dense", expected, input.Size, input);
            }
        }

        Shape output = Shape.Flat(units);
        long weights = input.Size * units;
        int weightOffset = planner.ReserveParameters(weights + units);
        bool costly = activation is ActivationKind.Tanh or ActivationKind.Sigmoid;
        var plan = new DenseLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("Dense", units.ToString(CultureInfo.InvariantCulture), activation, slope),
            input,
            output,
            weightOffset,
            (int)System.Math.Min(weightOffset + weights, int.MaxValue),
            activation,
            slope,
            Unrolled: weights <= (costly ? planner.Unroll / NetworkPlanner.CostlyActivationDivisor : planner.Unroll));
        if (planner.AddIfSized(plan) && plan.Unrolled)
        {
            planner.CountUnrolled(weights);
        }

        return output;
    }
}
