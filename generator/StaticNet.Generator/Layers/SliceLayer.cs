using System;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A contiguous part of its input: features of a flat value, or whole channels of a volume (contiguous in CHW order).
/// No parameters; its gradient goes back to that part of the input, zero elsewhere.
/// </summary>
internal sealed record SliceLayerPlan(int Number, string Description, Shape InputShape, Shape OutputShape, int Offset, int Start)
    : ParameterlessLayerPlan(Number, Description, InputShape, OutputShape, Offset)
{
    public override string Kind => "Slice";

    private int Length => (int)OutputShape.Size;

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{input}.Slice({Start}, {Length}).CopyTo({output});");

    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs) =>
        code.Line($"{RuntimeCalls.GraphKernels}.Gather({inputs}, {InputShape.Size}, {Start}, {Length}, {outputs}, add: false);");

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Open($"if (!{inputGradients}.IsEmpty)");
        code.Line($"{inputGradients}.Clear();");
        code.Line($"{gradient}.CopyTo({inputGradients}.Slice({Start}, {Length}));");
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
        code.Line($"{RuntimeCalls.GraphKernels}.Scatter({gradients}, {Length}, {inputGradients}, {InputShape.Size}, {Start}, add: false);");
    }

    /// <summary><c>Slice</c> on axis 1: features of a flat value, channels of a volume.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        int start = InputShape.IsFlat ? Start : Start / (InputShape.Height * InputShape.Width);
        int length = InputShape.IsFlat ? Length : OutputShape.Channels;
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Slice", null,
            ["graph.Current", Onnx.Int64s("starts", start), Onnx.Int64s("ends", start + length), Onnx.Int64s("axes", 1)],
            Onnx.Dimensions(OutputShape, streaming));
    }
}

/// <summary><c>[Slice(start, length)]</c>.</summary>
internal sealed record SliceDeclaration(Argument<int> Start, Argument<int> Length, LocationInfo? Location)
    : LayerDeclaration("Slice", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) =>
        new SliceDeclaration(arguments.Int(0, 0), arguments.Int(1, 0), location);

    /// <summary>Features of a flat input or channels of a volume, inside it (SN0046).</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int count = input.IsFlat ? (int)Math.Min(input.Size, int.MaxValue) : input.Channels;
        int start = Start.Value;
        int length = Length.Value;
        if (start < 0 || length <= 0 || (long)start + length > count)
        {
            planner.Report(DiagnosticDescriptors.SliceOutOfRange, Location, start, length, count, input.IsFlat ? "features" : "channels", input);

            // Planning goes on with the part of the input the slice could take, so no later layer reports a size this
            // one never had (Slice(2, int.MaxValue) is not also a network too large to compile).
            int from = Math.Min(Math.Max(start, 0), count - 1);
            int taken = (int)Math.Min(Math.Max(length, 1), count - from);
            return input.IsFlat ? Shape.Flat(taken) : Shape.Volume(taken, input.Height, input.Width);
        }

        int plane = input.IsFlat ? 1 : input.Height * input.Width;
        Shape output = input.IsFlat ? Shape.Flat(length) : Shape.Volume(length, input.Height, input.Width);
        planner.Add(new SliceLayerPlan(planner.NextNumber, $"Slice({start}, {length})", input, output, planner.ParameterOffset, start * plane));
        return output;
    }
}
