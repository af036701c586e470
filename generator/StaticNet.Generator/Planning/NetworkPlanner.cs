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
    private int currentIndex;
    private int lastComputing;

    private NetworkPlanner(NetworkDeclaration declaration) => this.declaration = declaration;

    public static NetworkPlan Plan(NetworkDeclaration declaration) => new NetworkPlanner(declaration).Run();

    /// <summary>The network type's name, for messages.</summary>
    public string Name => declaration.Target.Type.Name;

    /// <summary>The unrolling threshold: <c>[Network(Unroll = n)]</c> or the default; a negative one is reported.</summary>
    public int Unroll
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
        lastComputing = LastComputingLayer();
        for (currentIndex = firstLayer; currentIndex < declaration.Layers.Count; currentIndex++)
        {
            current = declaration.Layers[currentIndex].Plan(this, current);
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
            if (declaration.Layers[i].Computes)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Convolution and pooling need a CHW volume; reports and returns false after a flat layer.</summary>
    public bool RequireVolume(LayerDeclaration layer, Shape input)
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

    /// <summary>The activation if it is defined (SN0015), a slope only with LeakyReLU and finite (SN0018, SN0019).</summary>
    public ActivationKind CheckActivation(Argument<int> value, Argument<float>? slope)
    {
        if (!System.Enum.IsDefined(typeof(ActivationKind), value.Value))
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, value.Location, $"(Activation){value.Value}", "Activation");
            return ActivationKind.Identity;
        }

        var activation = (ActivationKind)value.Value;
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
        for (int i = layers.Count - 1; i > 0 && last.IsView; i--)
        {
            last = layers[i - 1];
        }

        ActivationKind? actual = last.HasActivation ? last.Activation : null;
        if (actual != required)
        {
            Report(DiagnosticDescriptors.LossDoesNotFitOutput, declaration.Loss.Location, loss, name, last.Description,
                actual is null ? "no activation" : $"{actual} activation");
        }
    }

    /// <summary>The value if positive; otherwise SN0006 and 1, so planning goes on.</summary>
    public int Positive(Argument<int> argument, string what)
    {
        if (argument.Value > 0)
        {
            return argument.Value;
        }

        Report(DiagnosticDescriptors.NonPositiveSize, argument.Location, what, argument.Value);
        return 1;
    }

    /// <summary>The number the next layer gets: layers count from 1 after the input.</summary>
    public int NextNumber => layers.Count + 1;

    /// <summary>Where the next parameters start in the flat span.</summary>
    public int ParameterOffset => (int)System.Math.Min(parameterCount, int.MaxValue);

    /// <summary>Where the next state values start in the state span.</summary>
    public int StateOffset => layers.Sum(layer => layer.StateCount);

    /// <summary>Whether the layer being planned comes after the last one that computes (nothing after it to feed).</summary>
    public bool IsAfterLastComputingLayer => currentIndex > lastComputing;

    /// <summary>Claims <paramref name="count"/> parameters for the next layer (SN0017 past the limit); returns where they start.</summary>
    public int ReserveParameters(long count)
    {
        int offset = ParameterOffset;
        parameterCount += count;
        CheckSize(parameterCount, "parameters");
        return offset;
    }

    /// <summary>Adds a layer without parameters.</summary>
    public void Add(LayerPlan layer) => layers.Add(layer);

    /// <summary>Adds a layer with parameters unless the network already passed a size limit (its offsets would not fit); returns whether it did.</summary>
    public bool AddIfSized(LayerPlan layer)
    {
        if (!tooLarge)
        {
            layers.Add(layer);
        }

        return !tooLarge;
    }

    /// <summary>Counts weights written as straight-line code, for the SN0031 warning.</summary>
    public void CountUnrolled(long weights) => unrolledWeights += weights;

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

    /// <summary>SN0017 once, when <paramref name="size"/> passes what one array can hold.</summary>
    public void CheckSize(long size, string what)
    {
        if (size > ParameterLimit && !tooLarge)
        {
            tooLarge = true;
            Report(DiagnosticDescriptors.NetworkTooLarge, declaration.NetworkLocation, Name,
                size.ToString(CultureInfo.InvariantCulture), what, ParameterLimit.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>How a layer is named in comments and the summary, e.g. <c>Conv2D(8, 3x3, ReLU, stride 2)</c>.</summary>
    public static string Describe(string kind, string sizes, ActivationKind activation, float slope, string geometry = "")
    {
        string function = activation switch
        {
            ActivationKind.Identity => "",
            ActivationKind.LeakyReLU => $", LeakyReLU {slope.ToString("R", CultureInfo.InvariantCulture)}",
            _ => $", {activation}",
        };
        return $"{kind}({sizes}{function}{geometry})";
    }

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
