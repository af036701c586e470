using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A contiguous part of its input: features of a flat value, or whole channels of a volume (contiguous in CHW order);
/// or features of every step of a sequence (a gated WaveNet's halves). No parameters; its gradient goes back to that
/// part of the input, zero elsewhere.
/// </summary>
internal sealed record SliceLayerPlan(int Number, string Description, Shape InputShape, Shape OutputShape, int Offset, int Start)
    : ParameterlessLayerPlan(Number, Description, InputShape, OutputShape, Offset)
{
    public override string Kind => "Slice";

    /// <summary>Over a sequence, step by step: each step keeps its slice of that step's features.</summary>
    protected override StepRole StatelessStepRole => InputShape.IsSequence ? StepRole.PerStep : StepRole.AsInForward;

    /// <summary>The values of one row of the input (a sample's; a sequence's step's) and of its slice.</summary>
    private int Row => InputShape.IsSequence ? InputShape.Features : (int)InputShape.Size;

    private int Length => OutputShape.IsSequence ? OutputShape.Features : (int)OutputShape.Size;

    /// <summary>One step of a sequence (a streamed step) is a row: a flat slice of it.</summary>
    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line(InputShape.IsSequence
            ? $"{RuntimeCalls.GraphKernels}.Gather({input}, {Row}, {Start}, {Length}, {output}, add: false);"
            : $"{input}.Slice({Start}, {Length}).CopyTo({output});");

    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs) =>
        code.Line($"{RuntimeCalls.GraphKernels}.Gather({inputs}, {Row}, {Start}, {Length}, {outputs}, add: false);");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Open($"if (!{inputGradients}.IsEmpty)");
        code.Line($"{inputGradients}.Clear();");
        code.Line(InputShape.IsSequence
            ? $"{RuntimeCalls.GraphKernels}.Scatter({gradient}, {Length}, {inputGradients}, {Row}, {Start}, add: false);"
            : $"{gradient}.CopyTo({inputGradients}.Slice({Start}, {Length}));");
        code.Close();
    }

    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        if (inputGradients == LayerCalls.NoGradients)
        {
            code.Line("// Nothing to do: no parameters, and the input's gradients are not wanted.");
            return;
        }

        code.Line($"{inputGradients}.Clear();");
        code.Line($"{RuntimeCalls.GraphKernels}.Scatter({gradients}, {Length}, {inputGradients}, {Row}, {Start}, add: false);");
    }

    /// <summary><c>Slice</c> on axis 1 (features of a flat value, channels of a volume) or 2 (a sequence's features).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        int start = InputShape.IsFlat || InputShape.IsSequence ? Start : Start / (InputShape.Height * InputShape.Width);
        int length = InputShape.IsFlat || InputShape.IsSequence ? Length : OutputShape.Channels;
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Slice", null,
            ["graph.Current", Onnx.Int64s("starts", start), Onnx.Int64s("ends", start + length), Onnx.Int64s("axes", InputShape.IsSequence ? 2 : 1)],
            Onnx.Dimensions(OutputShape, streaming));
    }
}

/// <summary><c>[Slice(start, length)]</c>.</summary>
internal sealed record SliceDeclaration(Argument<int> Start, Argument<int> Length, LocationInfo? Location)
    : LayerDeclaration("Slice", Location)
{
    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this with { Start = set(Start), Length = set(Length) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new SliceDeclaration(arguments.Int(0, 0), arguments.Int(1, 0), location);

    /// <summary>A sequence keeps features of every step.</summary>
    public override bool TakesSequences => true;

    /// <summary>Features of a flat input or of a sequence's every step, or channels of a volume, inside it (SN0046).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int count = input.IsSequence ? input.Features : input.IsFlat ? (int)Math.Min(input.Size, int.MaxValue) : input.Channels;
        int start = Start.Value;
        int length = Length.Value;
        if (start < 0 || length <= 0 || (long)start + length > count)
        {
            planner.Report(DiagnosticDescriptors.SliceOutOfRange, Location, start, length, count, input.IsFlat || input.IsSequence ? "features" : "channels", input);

            // Planning goes on with the part of the input the slice could take, so no later layer reports a size this
            // one never had (Slice(2, int.MaxValue) is not also a network too large to compile).
            int from = Math.Min(Math.Max(start, 0), count - 1);
            int taken = (int)Math.Min(Math.Max(length, 1), count - from);
            return input.IsSequence ? Shape.Sequence(input.Steps, taken) : input.IsFlat ? Shape.Flat(taken) : Shape.Volume(taken, input.Height, input.Width);
        }

        int plane = input.IsFlat || input.IsSequence ? 1 : input.Height * input.Width;
        Shape output = input.IsSequence ? Shape.Sequence(input.Steps, length) : input.IsFlat ? Shape.Flat(length) : Shape.Volume(length, input.Height, input.Width);
        planner.Add(new SliceLayerPlan(planner.NextNumber, $"Slice({start}, {length})", input, output, planner.ParameterOffset, start * plane));
        return output;
    }
}
