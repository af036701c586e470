using System.Collections.Generic;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>A 2-D convolution with a square kernel, always looped through the runtime's <c>Conv2DKernels</c>.</summary>
internal sealed record Conv2DLayerPlan(
    int Number,
    string Description,
    Shape InputShape,
    Shape OutputShape,
    int WeightOffset,
    int BiasOffset,
    int Kernel,
    int Stride,
    int Padding,
    ActivationKind Activation,
    float Slope,
    bool HasBias = true)
    : LayerPlan(
        Number, Description, InputShape, OutputShape, WeightOffset, OutputShape.Channels * InputShape.Channels * Kernel * Kernel,
        BiasOffset, HasBias ? OutputShape.Channels : 0, OutputShape.Size * InputShape.Channels * Kernel * Kernel)
{
    private const string Conv2DKernels = "global::StaticNet.Runtime.Conv2DKernels";

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    public override string Kind => "Conv2D";

    public override string WeightRole => $" [{OutputShape.Channels}, {InputShape.Channels}, {Kernel}, {Kernel}] (filters, input channels, kernel rows, kernel columns)";

    /// <summary>The convolution kernels fuse ReLU alone (<c>Conv2DKernels.ForwardReLU</c>), applied as each register block is written.</summary>
    public override bool FusesActivation => Unit.FusedKernel(this) == "ReLU";

    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{Conv2DKernels}.{(fuse ? "ForwardReLU" : "Forward")}(");
        code.Line($"    {LayerCalls.Weights(Number)}, {BiasValues(OutputShape.Channels)},");
        code.Line($"    {input}, {output},");
        code.Line($"    {Geometry});");
    }

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{Conv2DKernels}.Backward({LayerCalls.Weights(Number)}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(OutputShape.Channels)}, {inputGradients},");
        code.Line($"    {Geometry});");
    }

    /// <summary>One call for the batch: the kernel splits large batches over threads.</summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs)
    {
        code.Line($"{Conv2DKernels}.ForwardBatch(");
        code.Line($"    {LayerCalls.Weights(Number)}, {BiasValues(OutputShape.Channels)},");
        code.Line($"    {inputs}, {outputs},");
        code.Line($"    {Geometry});");
    }

    /// <summary>One call for the batch: the kernel sums the parameter gradients in sample order, on one thread or split by filters.</summary>
    public override void WriteBackwardBatch(CodeWriter code, string inputs, string gradients, string inputGradients)
    {
        code.Line($"{Conv2DKernels}.BackwardBatch({LayerCalls.Weights(Number)}, {inputs}, {gradients},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {BiasGradientTarget(OutputShape.Channels)}, {inputGradients},");
        code.Line($"    {Geometry});");
    }

    /// <summary><c>Conv</c> with a square kernel and zeros <see cref="Padding"/> wide on every side; a layer without biases is exported with zero ones.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        int filters = OutputShape.Channels;
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "Conv", null,
            [
                "graph.Current",
                Onnx.Initializer("weight", LayerCalls.Weights(Number), filters, InputShape.Channels, Kernel, Kernel),
                Onnx.Initializer("bias", BiasValues(filters), filters),
            ],
            Onnx.Dimensions(OutputShape, streaming),
            Onnx.Ints("kernel_shape", Kernel, Kernel), Onnx.Ints("strides", Stride, Stride), Onnx.Ints("pads", Padding, Padding, Padding, Padding));
    }

    /// <summary>
    /// He or Xavier by the activation that follows, biases zero (see <see cref="LayerPlan.WriteWeightInitialization"/>);
    /// PyTorch's fans count the kernel's taps in both.
    /// </summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated) =>
        WriteWeightInitialization(writer, activated, (InputShape.Channels * Kernel * Kernel, OutputShape.Channels * Kernel * Kernel));

    /// <summary><c>nn.Conv2d</c>: weight <c>[out, in, kH, kW]</c>, then bias unless <c>bias=False</c>.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module)
    {
        if (WeightOwner is null)
        {
            yield return new($"{module}.weight", Number, "weights", $"{OutputShape.Channels}, {InputShape.Channels}, {Kernel}, {Kernel}", false, WeightOffset, WeightCount);
        }

        if (HasBias && BiasOwner is null)
        {
            yield return new($"{module}.bias", Number, "biases", $"{OutputShape.Channels}", false, BiasOffset, BiasCount);
        }
    }

    private string Geometry =>
        $"inputChannels: {InputShape.Channels}, inputHeight: {InputShape.Height}, inputWidth: {InputShape.Width}, "
        + $"kernel: {Kernel}, stride: {Stride}, padding: {Padding}";
}

/// <summary><c>[Conv2D(filters, kernel, activation)]</c> with its named properties.</summary>
internal sealed record Conv2DDeclaration(
    Argument<int> Filters,
    Argument<int> Kernel,
    Argument<int> Activation,
    Argument<int> Stride,
    Argument<int> Padding,
    Argument<float>? Slope,
    Argument<bool>? Bias,
    Argument<string>? Shares,
    LocationInfo? Location)
    : LayerDeclaration("Conv2D", Location)
{
    public override LayerDeclaration WithNames(System.Func<string, string> name, System.Func<string, string> reference) =>
        ((Conv2DDeclaration)base.WithNames(name, reference)) with { Shares = Shares is { } shares ? shares with { Value = reference(shares.Value) } : null };

    public override LayerDeclaration WithParameters(System.Func<Argument<int>, Argument<int>> set) =>
        this with { Filters = set(Filters), Kernel = set(Kernel), Stride = set(Stride), Padding = set(Padding) };

    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new Conv2DDeclaration(
        arguments.Int(0, 0),
        arguments.Int(1, 0),
        arguments.Int(2, (int)ActivationKind.Identity),
        arguments.NamedInt("Stride") ?? new Argument<int>(1, location),
        arguments.NamedInt("Padding") ?? new Argument<int>(0, location),
        arguments.NamedFloat("Slope"),
        arguments.NamedBool("Bias"),
        arguments.NamedString("Shares"),
        location);

    /// <summary>Needs an image (SN0022), padding below the kernel (SN0024), a kernel within the padded input (SN0023); PyTorch's floor division of sizes.</summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        int filters = planner.Positive(Filters, "Conv2D filters");
        int kernel = planner.Positive(Kernel, "Conv2D kernel");
        int stride = planner.Positive(Stride, "Stride");
        ActivationUnit activation = planner.CheckActivation(Activation, Slope);
        float slope = Slope?.Value ?? 0.01f;
        int padding = Padding.Value;
        if (padding < 0 || padding >= kernel)
        {
            planner.Report(DiagnosticDescriptors.InvalidPadding, Padding.Location, kernel, padding);
            padding = 0;
        }

        if (!planner.RequireVolume(this, input))
        {
            return Shape.Volume(filters, 1, 1);
        }

        long paddedHeight = input.Height + (2L * padding);
        long paddedWidth = input.Width + (2L * padding);
        if (kernel > paddedHeight || kernel > paddedWidth)
        {
            planner.Report(DiagnosticDescriptors.KernelLargerThanInput, Kernel.Location, "Conv2D", kernel, paddedHeight, paddedWidth, input, padding);
            return Shape.Volume(filters, 1, 1);
        }

        var output = Shape.Volume(filters, (int)(((paddedHeight - kernel) / stride) + 1), (int)(((paddedWidth - kernel) / stride) + 1));
        long weights = (long)filters * input.Channels * kernel * kernel;
        bool bias = Bias?.Value ?? true;
        int slopes = activation.LearnsSlopes ? filters : 0;
        LayerPlan? owner = Shares is { } shares
            ? planner.WeightOwner("Shares", shares, $"a Conv2D layer of {input.Channels} input channels, {filters} filters {kernel}x{kernel} {(bias ? "with" : "without")} biases",
                candidate => candidate is Conv2DLayerPlan conv && conv.InputShape.Channels == input.Channels && conv.OutputShape.Channels == filters
                    && conv.Kernel == kernel && conv.HasBias == bias)
            : null;
        int own = planner.ReserveParameters((owner is null ? weights + (bias ? filters : 0) : 0) + slopes);
        planner.CheckSize(output.Size, "values in one layer");
        string geometry = (stride == 1 ? "" : $", stride {stride}") + (padding == 0 ? "" : $", padding {padding}") + (bias ? "" : ", no bias")
            + (owner is null ? "" : $", shares {Shares!.Value.Value}");
        int weightOffset = owner?.WeightOffset ?? own;
        planner.AddIfSized(new Conv2DLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("Conv2D", $"{filters}, {kernel}x{kernel}", activation, slope, geometry),
            input,
            output,
            weightOffset,
            owner?.BiasOffset ?? (int)System.Math.Min(weightOffset + weights, int.MaxValue),
            kernel,
            stride,
            padding,
            activation.Kind,
            slope,
            HasBias: bias)
        {
            WeightOwner = owner?.Number,
            BiasOwner = owner?.Number,
            OwnSlopeOffset = owner is null || slopes == 0 ? null : own,
        });
        return output;
    }
}
