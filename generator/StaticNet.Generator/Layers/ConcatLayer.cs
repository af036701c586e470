using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// Two or more values one after another: flat features, or CHW volumes along channels, which in CHW order is the same
/// thing; or sequences of one length along their features, step by step (each step's row of features, as a TCN's
/// branches meet). No parameters; each operand's gradient is its part of the join's gradient.
/// </summary>
internal sealed record ConcatLayerPlan(int Number, string Description, Shape OutputShape, int Offset, EquatableArray<int> Sizes)
    : ParameterlessLayerPlan(Number, Description, OutputShape, OutputShape, Offset),
    IJoinLayer
{
    public override string Kind => "Concat";

    /// <summary>Over sequences, step by step: each step joins the operands' features of that step.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PerStep : StepRole.AsInForward;

    /// <summary>
    /// The values of one row the operands' parts sit side by side in: a whole sample's (flat values, volumes), or one
    /// step's features (sequences, whose rows are the steps); <see cref="Sizes"/> are the operands' parts of a row.
    /// </summary>
    private int Row => OutputShape.IsSequence ? OutputShape.Features : (int)OutputShape.Size;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public void WriteJoin(CodeWriter code, IReadOnlyList<string> inputs, string output)
    {
        if (OutputShape.IsSequence)
        {
            WriteJoinBatch(code, inputs, output); // a sequence's rows are its steps, as a batch's are its samples
            return;
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            code.Line($"{inputs[i]}.CopyTo({output}.Slice({Start(i)}, {Sizes[i]}));");
        }
    }

    /// <summary>Each row's (sample's, or step's) operands go side by side in its part of the outputs.</summary>
    public void WriteJoinBatch(CodeWriter code, IReadOnlyList<string> inputs, string outputs)
    {
        for (int i = 0; i < inputs.Count; i++)
        {
            code.Line($"{RuntimeCalls.GraphKernels}.Scatter({inputs[i]}, {Sizes[i]}, {outputs}, {Row}, {Start(i)}, add: false);");
        }
    }

    public string OperandGradientRule => "its part of the join's";

    public bool GradientReadsOperands => false;

    public void WriteOperandGradient(CodeWriter code, string gradient, IReadOnlyList<string> operands, int operand, string target, bool add, bool batch)
    {
        if (batch || OutputShape.IsSequence)
        {
            code.Line($"{RuntimeCalls.GraphKernels}.Gather({gradient}, {Row}, {Start(operand)}, {Sizes[operand]}, {target}, add: {(add ? "true" : "false")});");
            return;
        }

        string part = $"{gradient}.Slice({Start(operand)}, {Sizes[operand]})";
        code.Line(add ? $"{RuntimeCalls.GraphKernels}.Accumulate({target}, {part});" : $"{part}.CopyTo({target});");
    }

    /// <summary><c>Concat</c> on axis 1 (flat features, volumes along their channels), or 2 (a sequence's features).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming) =>
        OnnxJoin.Write(writer, this, "Concat", Onnx.Dimensions(OutputShape, streaming), Onnx.Int("axis", OutputShape.IsSequence ? 2 : 1));

    private int Start(int operand) => Sizes.Take(operand).Sum();
}

/// <summary><c>[Concat("a", "b", ...)]</c>.</summary>
internal sealed record ConcatDeclaration(EquatableArray<Argument<string>> Operands, LocationInfo? Location)
    : LayerDeclaration("Concat", Location)
{
    public override bool NamesItsOperands => true;

    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((ConcatDeclaration)base.WithNames(name, reference)) with { Operands = References(Operands, reference) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new ConcatDeclaration(arguments.StringArray(0), location);

    /// <summary>Sequences of one length join along their features, step by step.</summary>
    public override bool TakesSequences => true;

    /// <summary>
    /// Two or more named values (SN0050, SN0041, SN0042), all flat, all volumes of one height and width, or all sequences
    /// of one length (SN0045).
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        if (planner.ResolveOperands(AttributeName, Operands, Location) is not { } operands)
        {
            return input;
        }

        Shape first = operands[0].Shape;
        long total = 0;
        foreach ((int _, Shape shape, Argument<string> name) in operands)
        {
            bool fits = first.IsSequence
                ? shape.IsSequence && shape.Steps == first.Steps
                : !shape.IsSequence && shape.IsFlat == first.IsFlat && (first.IsFlat || (shape.Height == first.Height && shape.Width == first.Width));
            if (!fits)
            {
                planner.Report(DiagnosticDescriptors.ConcatShapeMismatch, name.Location, operands[0].Name.Value, first, name.Value, shape);
                return first;
            }

            total += first.IsSequence ? shape.Features : first.IsFlat ? shape.Size : shape.Channels;
        }

        planner.CheckSize(total * (first.IsSequence ? first.Steps : first.IsFlat ? 1 : (long)first.Height * first.Width), "values in one layer");
        int count = (int)Math.Min(total, int.MaxValue);
        Shape output = first.IsSequence ? Shape.Sequence(first.Steps, count) : first.IsFlat ? Shape.Flat(count) : Shape.Volume(count, first.Height, first.Width);
        string names = string.Join(", ", operands.Select(operand => operand.Name.Value));
        var plan = new ConcatLayerPlan(planner.NextNumber, $"Concat({names})", output, planner.ParameterOffset,
            new EquatableArray<int>(operands.Select(operand => first.IsSequence ? operand.Shape.Features : (int)Math.Min(operand.Shape.Size, int.MaxValue)).ToImmutableArray()))
        {
            Sources = new EquatableArray<int>(operands.Select(operand => operand.Number).ToImmutableArray()),
        };
        planner.AddIfSized(plan);
        return output;
    }
}
