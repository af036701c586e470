using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// The second pipeline step: checks a declaration and infers each layer's shapes, parameter offsets
/// and cost. Every problem becomes a diagnostic on the attribute or argument at fault; planning goes
/// on after a problem where it can, so one build shows all of them.
/// </summary>
internal sealed class NetworkPlanner
{
    /// <summary>
    /// By default, dense layers with at most this many weights are unrolled into straight-line code. Measured
    /// (README, performance): with ReLU, unrolled Forward wins clearly at 32 and 128 weights, ties at 192 (where
    /// unrolled Backward still wins by 15%), and loses at 256 to the SIMD kernels.
    /// </summary>
    public const int UnrollLimit = 192;

    /// <summary>
    /// Tanh and sigmoid layers unroll only up to a quarter of the limit: one scalar tanh costs about as much as
    /// eight lanes of the vector one (measured: 8 -> 16 Tanh takes 93 ns unrolled, 35 ns looped).
    /// </summary>
    public const int CostlyActivationDivisor = 4;

    /// <summary>
    /// Unrolled weights in one network above which its methods grow so large that the JIT optimises them poorly
    /// or not at all (measured: N3 fully unrolled, 1,568 weights, runs Forward 7x and Backward 7x slower than looped).
    /// </summary>
    public const int UnrolledWeightsWarning = 1024;

    /// <summary>
    /// The most parameters and state values a network may have to be saved, exported and imported: 2^28 floats, 1 GiB,
    /// so that an ONNX model (a protobuf, at most 2 GB) and a safetensors file (read whole into one array) hold them.
    /// </summary>
    public const long StorageLimit = 1L << 28;

    /// <summary>The most parameters one network may have (a float array's maximum length).</summary>
    public const long ParameterLimit = 0x7FFFFFC7;

    private readonly NetworkDeclaration declaration;
    private readonly ImmutableArray<DiagnosticInfo>.Builder diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
    private readonly ImmutableArray<LayerPlan>.Builder layers = ImmutableArray.CreateBuilder<LayerPlan>();
    private long parameterCount;
    private long unrolledWeights;
    private bool tooLarge;

    private NetworkPlanner(NetworkDeclaration declaration) => this.declaration = declaration;

    public static NetworkPlan Plan(NetworkDeclaration declaration) => new NetworkPlanner(declaration).Run();

    private string Name => declaration.Target.Type.Name;

    /// <summary>The unrolling threshold: <c>[Network(Unroll = n)]</c> or the default; a negative one is reported.</summary>
    private int Unroll
    {
        get
        {
            if (declaration.Unroll is not { } unroll)
            {
                return UnrollLimit;
            }

            return unroll.Value >= 0 ? unroll.Value : 0;
        }
    }

    private NetworkPlan Run()
    {
        diagnostics.AddRange(declaration.Diagnostics);
        if (declaration.HasInternalError)
        {
            return Result(LossKind.MeanSquaredError, Shape.Flat(1));
        }

        LossKind loss = CheckLoss();
        if (declaration.Unroll is { Value: < 0 } negative)
        {
            Report(DiagnosticDescriptors.NegativeUnroll, negative.Location, negative.Value);
        }

        Shape input = CheckInput(out InputDeclaration? inputDeclaration, out int firstLayer);

        Shape current = input;
        int lastComputing = LastComputingLayer();
        for (int i = firstLayer; i < declaration.Layers.Count; i++)
        {
            LayerDeclaration layer = declaration.Layers[i];
            bool isLast = i == lastComputing;
            switch (layer)
            {
                case InputDeclaration:
                    break;
                case DenseDeclaration dense:
                    current = PlanDense(dense, current, isLast);
                    break;
                case Conv2DDeclaration conv:
                    current = PlanConv(conv, current, isLast);
                    break;
                case PoolDeclaration pool:
                    current = PlanPool(pool, current);
                    break;
                case GlobalAveragePoolDeclaration global:
                    if (RequireVolume(global, current))
                    {
                        layers.Add(new GlobalAveragePoolLayerPlan(layers.Count + 1, current, (int)System.Math.Min(parameterCount, int.MaxValue)));
                        current = Shape.Flat(current.Channels);
                    }

                    break;
                case DropoutDeclaration dropout:
                    PlanDropout(dropout, current, isAfterLast: i > lastComputing);
                    break;
                case BatchNormDeclaration batchNorm:
                    PlanBatchNorm(batchNorm, current, isLast);
                    break;
                case FlattenDeclaration:
                    Shape flat = Shape.Flat((int)System.Math.Min(current.Size, int.MaxValue));
                    layers.Add(new FlattenLayerPlan(layers.Count + 1, current, flat, (int)parameterCount));
                    current = flat;
                    break;
                case UnreadableDeclaration unreadable:
                    Report(DiagnosticDescriptors.UnreadableAttribute, unreadable.Location, unreadable.Name, Name);
                    break;
            }
        }

        if (inputDeclaration is not null && lastComputing < 0)
        {
            Report(DiagnosticDescriptors.NoLayers, inputDeclaration.Location, Name);
        }

        CheckLossFitsOutput(loss);
        CheckWorkingMemory(input);
        CheckStorage();
        if (unrolledWeights > UnrolledWeightsWarning && declaration.Unroll is { } unroll)
        {
            Report(DiagnosticDescriptors.UnrolledTooLarge, unroll.Location, Name, unrolledWeights, UnrolledWeightsWarning);
        }

        return Result(loss, input);
    }

    private NetworkPlan Result(LossKind loss, Shape input) => new(
        declaration.Target, loss, input, new EquatableArray<LayerPlan>(layers.ToImmutable()),
        new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()))
    {
        Location = declaration.NetworkLocation,
        GenerateInstanceApi = declaration.GenerateInstanceApi,
        Weights = declaration.Weights,
        UserMembers = declaration.UserMembers,
    };

    /// <summary>The index of the last layer that computes (not Input or Flatten), or -1.</summary>
    private int LastComputingLayer()
    {
        for (int i = declaration.Layers.Count - 1; i >= 0; i--)
        {
            if (declaration.Layers[i] is DenseDeclaration or Conv2DDeclaration or PoolDeclaration or GlobalAveragePoolDeclaration or BatchNormDeclaration
                or UnreadableDeclaration)
            {
                return i;
            }
        }

        return -1;
    }

    private Shape PlanConv(Conv2DDeclaration conv, Shape input, bool isLast)
    {
        int filters = Positive(conv.Filters, "Conv2D filters");
        int kernel = Positive(conv.Kernel, "Conv2D kernel");
        int stride = Positive(conv.Stride, "Stride");
        ActivationKind activation = CheckActivation(conv.Activation, conv.Slope, isLast, "Conv2D");
        float slope = conv.Slope?.Value ?? 0.01f;
        int padding = conv.Padding.Value;
        if (padding < 0 || padding >= kernel)
        {
            Report(DiagnosticDescriptors.InvalidPadding, conv.Padding.Location, kernel, padding);
            padding = 0;
        }

        if (!RequireVolume(conv, input))
        {
            return Shape.Volume(filters, 1, 1);
        }

        long paddedHeight = input.Height + (2L * padding);
        long paddedWidth = input.Width + (2L * padding);
        if (kernel > paddedHeight || kernel > paddedWidth)
        {
            Report(DiagnosticDescriptors.KernelLargerThanInput, conv.Kernel.Location, "Conv2D", kernel, paddedHeight, paddedWidth, input, padding);
            return Shape.Volume(filters, 1, 1);
        }

        var output = Shape.Volume(filters, (int)(((paddedHeight - kernel) / stride) + 1), (int)(((paddedWidth - kernel) / stride) + 1));
        long weights = (long)filters * input.Channels * kernel * kernel;
        int weightOffset = (int)System.Math.Min(parameterCount, int.MaxValue);
        AddParameters(weights + filters);
        CheckSize(output.Size, "values in one layer");
        string geometry = (stride == 1 ? "" : $", stride {stride}") + (padding == 0 ? "" : $", padding {padding}");
        var plan = new Conv2DLayerPlan(
            layers.Count + 1,
            Describe("Conv2D", $"{filters}, {kernel}x{kernel}", activation, slope, geometry),
            input,
            output,
            weightOffset,
            (int)System.Math.Min(weightOffset + weights, int.MaxValue),
            kernel,
            stride,
            padding,
            activation,
            slope);
        if (!tooLarge)
        {
            layers.Add(plan);
        }

        return output;
    }

    private void PlanDropout(DropoutDeclaration dropout, Shape input, bool isAfterLast)
    {
        float rate = dropout.Rate.Value;
        if (!(rate >= 0f && rate < 1f))
        {
            Report(DiagnosticDescriptors.InvalidDropoutRate, dropout.Rate.Location, rate.ToString("R", CultureInfo.InvariantCulture));
        }

        if (isAfterLast)
        {
            Report(DiagnosticDescriptors.DropoutLast, dropout.Location);
        }

        layers.Add(new DropoutLayerPlan(layers.Count + 1, rate, input, (int)System.Math.Min(parameterCount, int.MaxValue)));
    }

    /// <summary>Batch normalisation keeps the shape; it normalises per feature of a flat input, per channel of a volume.</summary>
    private void PlanBatchNorm(BatchNormDeclaration batchNorm, Shape input, bool isLast)
    {
        ActivationKind activation = CheckActivation(batchNorm.Activation, batchNorm.Slope, isLast, "BatchNorm");
        float slope = batchNorm.Slope?.Value ?? 0.01f;
        float momentum = batchNorm.Momentum?.Value ?? 0.1f;
        float epsilon = batchNorm.Epsilon?.Value ?? 1e-5f;
        if (layers.Count == 0)
        {
            Report(DiagnosticDescriptors.BatchNormFirst, batchNorm.Location, input);
        }

        if (batchNorm.Momentum is { } m && !(momentum > 0f && momentum <= 1f))
        {
            Report(DiagnosticDescriptors.InvalidBatchNormSetting, m.Location, "Momentum", Text(momentum), "in (0, 1]");
        }

        if (batchNorm.Epsilon is { } e && !(epsilon > 0f && !float.IsInfinity(epsilon)))
        {
            Report(DiagnosticDescriptors.InvalidBatchNormSetting, e.Location, "Epsilon", Text(epsilon), "positive and finite");
        }

        long features = input.IsFlat ? input.Size : input.Channels;
        int weightOffset = (int)System.Math.Min(parameterCount, int.MaxValue);
        AddParameters(2 * features);
        string settings = (momentum == 0.1f ? "" : $", momentum {Text(momentum)}") + (epsilon == 1e-5f ? "" : $", epsilon {Text(epsilon)}");
        var plan = new BatchNormLayerPlan(
            layers.Count + 1,
            Describe("BatchNorm", features.ToString(CultureInfo.InvariantCulture), activation, slope, settings),
            input,
            weightOffset,
            layers.Sum(layer => layer.StateCount),
            momentum,
            epsilon,
            activation,
            slope);
        if (!tooLarge)
        {
            layers.Add(plan);
        }
    }

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private Shape PlanPool(PoolDeclaration pool, Shape input)
    {
        int size = Positive(pool.Size, $"{pool.AttributeName} size");
        if (!RequireVolume(pool, input))
        {
            return input;
        }

        if (size > input.Height || size > input.Width)
        {
            Report(DiagnosticDescriptors.PoolLargerThanInput, pool.Size.Location, pool.AttributeName, size, input.Height, input.Width, input);
            return input;
        }

        var output = Shape.Volume(input.Channels, input.Height / size, input.Width / size);
        layers.Add(new PoolLayerPlan(layers.Count + 1, pool.IsMax, size, input, output, (int)System.Math.Min(parameterCount, int.MaxValue)));
        return output;
    }

    /// <summary>Convolution and pooling need a CHW volume; reports and returns false after a flat layer.</summary>
    private bool RequireVolume(LayerDeclaration layer, Shape input)
    {
        if (input.IsFlat)
        {
            Report(DiagnosticDescriptors.ImageLayerAfterFlatInput, layer.Location, layer.AttributeName, input);
            return false;
        }

        return true;
    }

    private LossKind CheckLoss()
    {
        Argument<int> loss = declaration.Loss;
        if (loss.Value is < (int)LossKind.MeanSquaredError or > (int)LossKind.BinaryCrossEntropy)
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, loss.Location, $"(Loss){loss.Value}", "Loss");
            return LossKind.MeanSquaredError;
        }

        return (LossKind)loss.Value;
    }

    /// <summary>Checks that exactly one [Input] comes first; returns its shape and the index of the first layer after it.</summary>
    private Shape CheckInput(out InputDeclaration? input, out int firstLayer)
    {
        firstLayer = 0;
        input = null;
        for (int i = 0; i < declaration.Layers.Count; i++)
        {
            if (declaration.Layers[i] is not InputDeclaration candidate)
            {
                continue;
            }

            if (input is null)
            {
                input = candidate;
                firstLayer = i + 1;
            }
            else
            {
                Report(DiagnosticDescriptors.DuplicateInput, candidate.Location, Name);
            }
        }

        if (input is null)
        {
            Report(DiagnosticDescriptors.MissingInput, declaration.NetworkLocation, Name);
            return Shape.Flat(1);
        }

        if (!ReferenceEquals(declaration.Layers[0], input))
        {
            Report(DiagnosticDescriptors.InputNotFirst, input.Location, declaration.Layers[0].AttributeName);
        }

        EquatableArray<Argument<int>> dimensions = input.Shape;
        if (dimensions.Count is not (1 or 3))
        {
            Report(DiagnosticDescriptors.InvalidInputRank, input.Location, dimensions.Count);
            return Shape.Flat(1);
        }

        string[] names = dimensions.Count == 1 ? ["Input size"] : ["Input channels", "Input height", "Input width"];
        var sizes = new int[dimensions.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = Positive(dimensions[i], names[i]);
        }

        Shape shape = sizes.Length == 1 ? Shape.Flat(sizes[0]) : Shape.Volume(sizes[0], sizes[1], sizes[2]);
        CheckSize(shape.Size, "input values");
        return shape;
    }

    private Shape PlanDense(DenseDeclaration dense, Shape input, bool isLast)
    {
        int units = Positive(dense.Units, "Dense units");
        ActivationKind activation = CheckActivation(dense.Activation, dense.Slope, isLast, "Dense");
        float slope = dense.Slope?.Value ?? 0.01f;

        if (!input.IsFlat)
        {
            Report(DiagnosticDescriptors.FlattenRequired, dense.Location, "Dense", input);
            input = Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        }

        if (dense.InputSize is { } declared)
        {
            int expected = Positive(declared, "InputSize");
            if (expected != input.Size)
            {
                Report(DiagnosticDescriptors.InputSizeMismatch, declared.Location, "Dense", expected, input.Size, input);
            }
        }

        Shape output = Shape.Flat(units);
        long weights = input.Size * units;
        int weightOffset = (int)System.Math.Min(parameterCount, int.MaxValue);
        AddParameters(weights + units);
        var plan = new DenseLayerPlan(
            layers.Count + 1,
            Describe("Dense", units.ToString(CultureInfo.InvariantCulture), activation, slope),
            input,
            output,
            weightOffset,
            (int)System.Math.Min(weightOffset + weights, int.MaxValue),
            activation,
            slope,
            Unrolled: weights <= (activation is ActivationKind.Tanh or ActivationKind.Sigmoid ? Unroll / CostlyActivationDivisor : Unroll));
        if (!tooLarge)
        {
            layers.Add(plan);
            unrolledWeights += plan.Unrolled ? weights : 0;
        }

        return output;
    }

    private ActivationKind CheckActivation(Argument<int> value, Argument<float>? slope, bool isLast, string layerName)
    {
        if (value.Value is < (int)ActivationKind.Identity or > (int)ActivationKind.Softmax)
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, value.Location, $"(Activation){value.Value}", "Activation");
            return ActivationKind.Identity;
        }

        var activation = (ActivationKind)value.Value;
        if (activation == ActivationKind.Softmax && !isLast)
        {
            Report(DiagnosticDescriptors.SoftmaxNotLast, value.Location, layers.Count + 1, layerName);
        }

        if (slope is { } s)
        {
            if (float.IsNaN(s.Value) || float.IsInfinity(s.Value))
            {
                Report(DiagnosticDescriptors.InvalidSlope, s.Location, s.Value.ToString(CultureInfo.InvariantCulture));
            }
            else if (activation != ActivationKind.LeakyReLU)
            {
                Report(DiagnosticDescriptors.SlopeWithoutLeakyReLU, s.Location, activation);
            }
        }

        return activation;
    }

    private void CheckLossFitsOutput(LossKind loss)
    {
        (ActivationKind required, string name) = loss switch
        {
            LossKind.CrossEntropy => (ActivationKind.Softmax, "Softmax"),
            LossKind.BinaryCrossEntropy => (ActivationKind.Sigmoid, "Sigmoid"),
            _ => (ActivationKind.Identity, ""),
        };
        if (name.Length == 0 || layers.Count == 0)
        {
            return;
        }

        LayerPlan last = layers[layers.Count - 1];
        for (int i = layers.Count - 1; i > 0 && last is FlattenLayerPlan; i--)
        {
            last = layers[i - 1];
        }

        ActivationKind? actual = last is DenseLayerPlan or Conv2DLayerPlan or BatchNormLayerPlan ? last.Activation : null;
        if (actual != required)
        {
            Report(DiagnosticDescriptors.LossDoesNotFitOutput, declaration.Loss.Location, loss, name, last.Description,
                actual is null ? "no activation" : $"{actual} activation");
        }
    }

    private int Positive(Argument<int> argument, string what)
    {
        if (argument.Value > 0)
        {
            return argument.Value;
        }

        Report(DiagnosticDescriptors.NonPositiveSize, argument.Location, what, argument.Value);
        return 1;
    }

    private void AddParameters(long count)
    {
        parameterCount += count;
        CheckSize(parameterCount, "parameters");
    }

    /// <summary>
    /// Backward keeps a few vectors per layer (weighted sums, outputs, gradients, a dropout mask) in
    /// one scratch span; this bounds them generously so that the span's length cannot overflow.
    /// </summary>
    private void CheckWorkingMemory(Shape input)
    {
        long scratch = 2 * input.Size;
        foreach (LayerPlan layer in layers)
        {
            scratch += (5 * layer.OutputShape.Size) + layer.InputShape.Size;
        }

        CheckSize(scratch, "floats of working memory");
    }

    /// <summary>Weight files, safetensors and ONNX models all hold the parameters and state; ONNX's protobuf ends at 2 GB.</summary>
    private void CheckStorage()
    {
        long stored = parameterCount + layers.Sum(layer => (long)layer.StateCount);
        if (stored > StorageLimit && !tooLarge)
        {
            Report(DiagnosticDescriptors.NetworkTooLargeToSave, declaration.NetworkLocation, Name,
                stored.ToString(CultureInfo.InvariantCulture), StorageLimit.ToString(CultureInfo.InvariantCulture));
        }
    }

    private void CheckSize(long size, string what)
    {
        if (size > ParameterLimit && !tooLarge)
        {
            tooLarge = true;
            Report(DiagnosticDescriptors.NetworkTooLarge, declaration.NetworkLocation, Name,
                size.ToString(CultureInfo.InvariantCulture), what, ParameterLimit.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>How a layer is named in comments and the summary, e.g. <c>Conv2D(8, 3x3, ReLU, stride 2)</c>.</summary>
    private static string Describe(string kind, string sizes, ActivationKind activation, float slope, string geometry = "")
    {
        string function = activation switch
        {
            ActivationKind.Identity => "",
            ActivationKind.LeakyReLU => $", LeakyReLU {slope.ToString("R", CultureInfo.InvariantCulture)}",
            _ => $", {activation}",
        };
        return $"{kind}({sizes}{function}{geometry})";
    }

    private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
