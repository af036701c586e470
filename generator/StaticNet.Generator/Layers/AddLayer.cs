using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// The elementwise sum of two or more values of one shape, then an activation: a residual block's join. No parameters
/// but a PReLU's slopes; each operand's gradient is the sum's gradient.
/// </summary>
internal sealed record AddLayerPlan(int Number, string Description, Shape Shape, int Offset, ActivationKind Activation, float Slope)
    : LayerPlan(Number, Description, Shape, Shape, Offset, 0, Offset, 0, 0),
    IJoinLayer
{
    public override string Kind => "Add";

    /// <summary>Over sequences, step by step: each step joins the operands' values of that step.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PerStep : StepRole.AsInForward;

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public void WriteJoin(CodeWriter code, IReadOnlyList<string> inputs, string output)
    {
        code.Line($"{RuntimeCalls.GraphKernels}.Add({inputs[0]}, {inputs[1]}, {output});");
        for (int i = 2; i < inputs.Count; i++)
        {
            code.Line($"{RuntimeCalls.GraphKernels}.Add({output}, {inputs[i]}, {output});");
        }
    }

    /// <summary>The samples lie alike in every operand, so the whole batch is one sum.</summary>
    public void WriteJoinBatch(CodeWriter code, IReadOnlyList<string> inputs, string outputs) => WriteJoin(code, inputs, outputs);

    public string OperandGradientRule => "the sum's";

    public bool GradientReadsOperands => false;

    public void WriteOperandGradient(CodeWriter code, string gradient, IReadOnlyList<string> operands, int operand, string target, bool add, bool batch) =>
        code.Line(add ? $"{RuntimeCalls.GraphKernels}.Accumulate({target}, {gradient});" : $"{gradient}.CopyTo({target});");

    /// <summary><c>Sum</c> of the operands (read before the layer takes its number, which then names the sum).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming) => OnnxJoin.Write(writer, this, "Sum", Onnx.Dimensions(Shape, streaming));

    /// <summary>None of its own: its only parameters, a PReLU's slopes, are named as every layer's are (<see cref="TensorLayout"/>).</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module) => [];

    /// <summary>Only a PReLU's slopes, which start at 0.25.</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) => WriteSlopeInitialization(writer);
}

/// <summary><c>[Add("a", "b", ..., Activation = ...)]</c>.</summary>
internal sealed record AddDeclaration(
    EquatableArray<Argument<string>> Operands, Argument<int>? Activation, Argument<float>? Slope, LocationInfo? Location)
    : LayerDeclaration("Add", Location)
{
    public override bool NamesItsOperands => true;

    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((AddDeclaration)base.WithNames(name, reference)) with { Operands = References(Operands, reference) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new AddDeclaration(arguments.StringArray(0), arguments.NamedInt("Activation"), arguments.NamedFloat("Slope"), location);

    /// <summary>Sequences of one shape add step by step, as flat values do (a WaveNet block's residual and skip sums).</summary>
    public override bool TakesSequences => true;

    /// <summary>Two or more named values (SN0050, SN0041, SN0042) of one shape (SN0044).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        ActivationUnit activation = planner.CheckActivation(Activation ?? new Argument<int>((int)ActivationKind.Identity, Location), Slope);
        float slope = Slope?.Value ?? 0.01f;
        if (planner.ResolveElementwiseOperands(AttributeName, "adds", Operands, Location) is not { } join)
        {
            return input;
        }

        var operands = join.Operands;
        Shape shape = operands[0].Shape;
        if (!join.OneShape)
        {
            return shape;
        }

        if (shape.IsSequence && !activation.TakesSequences)
        {
            planner.Report(DiagnosticDescriptors.NotYetOnSequences, Location, "Add", $"Activation.{activation.Kind}");
            return shape;
        }

        int planes = shape.IsFlat ? (int)shape.Size : shape.Channels;
        int offset = planner.ReserveParameters(activation.LearnsSlopes ? planes : 0);
        string names = string.Join(", ", operands.Select(operand => operand.Name.Value));
        var plan = new AddLayerPlan(planner.NextNumber, NetworkPlanner.Describe("Add", names, activation, slope), shape, offset,
            activation.Kind, slope)
        {
            Sources = new EquatableArray<int>(operands.Select(operand => operand.Number).ToImmutableArray()),
        };
        planner.AddIfSized(plan);
        return shape;
    }
}
