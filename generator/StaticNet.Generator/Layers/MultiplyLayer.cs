using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// The elementwise product of two or more values of one shape: a gate (<c>tanh(a) * sigmoid(b)</c>). No parameters and
/// no activation of its own; an operand's gradient is the product's gradient times the other operands.
/// </summary>
internal sealed record MultiplyLayerPlan(int Number, string Description, Shape Shape)
    : LayerPlan(Number, Description, Shape, Shape, 0, 0, 0, 0, 0),
    IJoinLayer
{
    public override string Kind => "Multiply";

    /// <summary>Over sequences, step by step: each step joins the operands' values of that step.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PerStep : StepRole.AsInForward;

    public override bool HasActivation => false;

    public override ActivationKind Activation => ActivationKind.Identity;

    public override float Slope => 0f;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        throw new InvalidOperationException("a join is written through IJoinLayer");

    public void WriteJoin(CodeWriter code, IReadOnlyList<string> inputs, string output)
    {
        code.Line($"{RuntimeCalls.GraphKernels}.Multiply({inputs[0]}, {inputs[1]}, {output});");
        for (int i = 2; i < inputs.Count; i++)
        {
            code.Line($"{RuntimeCalls.GraphKernels}.Multiply({output}, {inputs[i]}, {output});");
        }
    }

    /// <summary>The samples lie alike in every operand, so the whole batch is one product.</summary>
    public void WriteJoinBatch(CodeWriter code, IReadOnlyList<string> inputs, string outputs) => WriteJoin(code, inputs, outputs);

    public string OperandGradientRule => "the product's times the other operands";

    public bool GradientReadsOperands => true;

    /// <summary>
    /// The product's gradient times the other operand (one kernel call for two operands); with more, one loop over the
    /// values multiplying every other operand in, so nothing is allocated for the partial products.
    /// </summary>
    public void WriteOperandGradient(CodeWriter code, string gradient, IReadOnlyList<string> operands, int operand, string target, bool add, bool batch)
    {
        string[] others = operands.Where((_, index) => index != operand).ToArray();
        if (others.Length == 1)
        {
            code.Line($"{RuntimeCalls.GraphKernels}.MultiplyGradient({gradient}, {others[0]}, {target}, add: {(add ? "true" : "false")});");
            return;
        }

        string count = batch ? $"batch * {Shape.Size}" : $"{Shape.Size}";
        string product = string.Concat(others.Select(other => $" * {other}[k]"));
        code.Open($"for (int k = 0; k < {count}; k++)");
        code.Line($"{target}[k] {(add ? "+=" : "=")} {gradient}[k]{product};");
        code.Close();
    }

    /// <summary><c>Mul</c> of the operands, two at a time (ONNX's <c>Mul</c> takes two).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming) => OnnxJoin.WriteChained(writer, this, "Mul", Onnx.Dimensions(Shape, streaming));

    public override IEnumerable<TensorLayout.Tensor> Tensors(string module) => [];

    /// <summary>Nothing to initialise: no parameters.</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated)
    {
    }
}

/// <summary><c>[Multiply("a", "b", ...)]</c>.</summary>
internal sealed record MultiplyDeclaration(EquatableArray<Argument<string>> Operands, LocationInfo? Location)
    : LayerDeclaration("Multiply", Location)
{
    public override bool NamesItsOperands => true;

    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((MultiplyDeclaration)base.WithNames(name, reference)) with { Operands = References(Operands, reference) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new MultiplyDeclaration(arguments.StringArray(0), location);

    /// <summary>Sequences of one shape multiply step by step, as flat values do (a gated WaveNet's tanh and sigmoid halves).</summary>
    public override bool TakesSequences => true;

    /// <summary>Two or more named values (SN0050, SN0041, SN0042) of one shape (SN0044).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        if (planner.ResolveElementwiseOperands(AttributeName, "multiplies", Operands, Location) is not { } join)
        {
            return input;
        }

        var operands = join.Operands;
        Shape shape = operands[0].Shape;
        if (!join.OneShape)
        {
            return shape;
        }

        string names = string.Join(", ", operands.Select(operand => operand.Name.Value));
        var plan = new MultiplyLayerPlan(planner.NextNumber, $"Multiply({names})", shape)
        {
            Sources = new EquatableArray<int>(operands.Select(operand => operand.Number).ToImmutableArray()),
        };
        planner.AddIfSized(plan);
        return shape;
    }
}
