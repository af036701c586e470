using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>Max or average pooling, window and stride <see cref="Size"/>, no parameters.</summary>
internal sealed record PoolLayerPlan(int Number, bool IsMax, int Size, Shape InputShape, Shape OutputShape, int Offset)
    : ParameterlessLayerPlan(Number, $"{(IsMax ? "MaxPool2D" : "AvgPool2D")}({Size})", InputShape, OutputShape, Offset)
{
    public override string Kind => IsMax ? "MaxPool2D" : "AvgPool2D";

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false) =>
        code.Line($"{LayerCalls.PoolingKernels}.{(IsMax ? "MaxForward" : "AverageForward")}({input}, {output}, {Geometry});");

    /// <summary>Max pooling routes each gradient to its window's first maximum; average pooling spreads it evenly.</summary>
    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients) =>
        code.Line(IsMax
            ? $"{LayerCalls.PoolingKernels}.MaxBackward({input}, {gradient}, {inputGradients}, {Geometry});"
            : $"{LayerCalls.PoolingKernels}.AverageBackward({gradient}, {inputGradients}, {Geometry});");

    /// <summary>One call for the batch: the kernel splits large batches by samples over threads.</summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs) =>
        code.Line($"{LayerCalls.PoolingKernels}.{(IsMax ? "MaxForwardBatch" : "AverageForwardBatch")}({inputs}, {outputs}, {Geometry});");

    /// <summary>One call for the batch (nothing when the input's gradients are not wanted: pooling has no parameters).</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        if (inputGradients == LayerCalls.NoGradients)
        {
            base.WriteBackwardBatch(code, inputs, gradients, inputGradients);
            return;
        }

        code.Line(IsMax
            ? $"{LayerCalls.PoolingKernels}.MaxBackwardBatch({inputs}, {gradients}, {inputGradients}, {Geometry});"
            : $"{LayerCalls.PoolingKernels}.AverageBackwardBatch({gradients}, {inputGradients}, {Geometry});");
    }

    /// <summary><c>MaxPool</c> or <c>AveragePool</c>, window and stride <see cref="Size"/>, no padding (sizes rounded down).</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, IsMax ? "MaxPool" : "AveragePool", null, ["graph.Current"], Onnx.Dimensions(OutputShape, streaming),
            Onnx.Ints("kernel_shape", Size, Size), Onnx.Ints("strides", Size, Size));
    }

    private string Geometry =>
        $"channels: {InputShape.Channels}, inputHeight: {InputShape.Height}, inputWidth: {InputShape.Width}, size: {Size}";
}

/// <summary><c>[MaxPool2D(size)]</c> or <c>[AvgPool2D(size)]</c>.</summary>
internal sealed record PoolDeclaration(bool IsMax, Argument<int> Size, LocationInfo? Location)
    : LayerDeclaration(IsMax ? "MaxPool2D" : "AvgPool2D", Location)
{
    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) => this with { Size = set(Size) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location, bool isMax) =>
        new PoolDeclaration(isMax, arguments.Int(0, 0), location);

    /// <summary>Needs an image (SN0022) at least one window high and wide (SN0025); stride = size, floor.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int size = planner.Positive(Size, $"{AttributeName} size");
        if (!planner.RequireVolume(this, input))
        {
            return input;
        }

        if (size > input.Height || size > input.Width)
        {
            planner.Report(DiagnosticDescriptors.PoolLargerThanInput, Size.Location, AttributeName, size, input.Height, input.Width, input);
            return input;
        }

        var output = Shape.Volume(input.Channels, input.Height / size, input.Width / size);
        planner.Add(new PoolLayerPlan(planner.NextNumber, IsMax, size, input, output, planner.ParameterOffset));
        return output;
    }
}
