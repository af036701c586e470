using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
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

    /// <summary>
    /// The largest <c>[Output(Weight)]</c>: the weight scales a head's loss and every gradient from it, and a loss of a few
    /// hundred (cross-entropy of a confident mistake) times more than this nears float's range in the gradient sums.
    /// </summary>
    public const float MaxHeadWeight = 1e6f;

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

    /// <summary>Each name given so far: the value it names (a layer number, 0 for the input) and that value's shape.</summary>
    private readonly Dictionary<string, (int Number, Shape Shape)> names = new(System.StringComparer.Ordinal);

    /// <summary>Each layer's declaration, by layer number - 1: where to report a problem with the layer as a whole.</summary>
    private readonly List<LayerDeclaration> layerDeclarations = [];

    private readonly ImmutableArray<HeadPlan>.Builder heads = ImmutableArray.CreateBuilder<HeadPlan>();

    /// <summary>The value the declaration being planned reads: the layer above, or the one its From names.</summary>
    private int currentSource;

    /// <summary>The value the last layer declaration produced (a layer number, 0 for the input), -1 before the input.</summary>
    private int previousValue = -1;

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

        names["input"] = (0, input);
        previousValue = 0;
        Shape current = input;
        lastComputing = LastComputingLayer();
        for (currentIndex = firstLayer; currentIndex < declaration.Layers.Count; currentIndex++)
        {
            current = PlanLayer(declaration.Layers[currentIndex], current);
        }

        for (int i = 0; i < layers.Count; i++)
        {
            layers[i] = layers[i].Settled(layers);
        }

        CheckEveryOutputIsUsed();
        CheckTensorNames();

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

        NetworkPlan plan = Result(loss, input);
        if (plan.HasErrors || !input.IsSequence || plan.StepBlocker is not { } blocker)
        {
            return plan;
        }

        Report(DiagnosticDescriptors.NoStep, layerDeclarations[blocker.Layer - 1].Location, Name, layers[blocker.Layer - 1].Description, blocker.Reason);
        return Result(loss, input);
    }

    /// <summary>
    /// Plans one declaration after the value of shape <paramref name="previous"/>: it reads that value or the one its
    /// <c>From</c> names, adds its layer (if it makes one) under its name, and returns the shape the next layer reads.
    /// </summary>
    private Shape PlanLayer(LayerDeclaration layer, Shape previous)
    {
        currentSource = previousValue;
        Shape input = previous;
        if (layer.From is { } from && Resolve(from) is { } source)
        {
            (currentSource, input) = source;
        }

        if (input.IsSequence && !layer.TakesSequences)
        {
            Report(DiagnosticDescriptors.SequenceNotTaken, layer.Location, layer.AttributeName, input);
            input = Shape.Flat((int)System.Math.Min(input.Size, int.MaxValue));
        }

        int before = layers.Count;
        Shape output = layer.Plan(this, input);
        if (!layer.AddsLayer)
        {
            return previous;
        }

        int value = currentSource;
        if (layers.Count > before)
        {
            value = layers[layers.Count - 1].Number;
            layerDeclarations.Add(layer);
        }

        if (layer.Name is { } name)
        {
            if (names.ContainsKey(name.Value))
            {
                Report(DiagnosticDescriptors.DuplicateLayerName, name.Location, name.Value == "input"
                    ? "\"input\" names the network's input"
                    : $"Another layer above is already named '{name.Value}'");
            }
            else if (IsUsableName(name))
            {
                names[name.Value] = (value, output);
            }
        }

        previousValue = value;
        return output;
    }

    /// <summary>
    /// Names appear in generated comments, constants, the summary and state_dict-like tensor names, so they keep to
    /// letters, digits, '_', '-' and '.', starting with a letter or '_'; a dot separates nested modules
    /// (<c>trunk.0</c>), so no part between dots is empty. Reports any other (SN0052).
    /// </summary>
    private bool IsUsableName(Argument<string> name)
    {
        string text = name.Value;
        bool usable = text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text[text.Length - 1] != '.'
            && text.IndexOf("..", System.StringComparison.Ordinal) < 0;
        foreach (char c in text)
        {
            usable &= char.IsLetterOrDigit(c) || c is '_' or '-' or '.';
        }

        if (!usable)
        {
            Report(DiagnosticDescriptors.InvalidLayerName, name.Location, text);
        }

        return usable;
    }

    /// <summary>
    /// The value <paramref name="name"/> refers to and its shape: <c>"input"</c> or a layer named above the one being
    /// planned. Reports a name declared below (SN0042) or nowhere (SN0041) and returns null.
    /// </summary>
    public (int Number, Shape Shape)? Resolve(Argument<string> name)
    {
        if (names.TryGetValue(name.Value, out (int Number, Shape Shape) value))
        {
            return value;
        }

        bool later = false;
        for (int i = currentIndex; i < declaration.Layers.Count && !later; i++)
        {
            later = declaration.Layers[i].Name?.Value == name.Value;
        }

        if (later)
        {
            Report(DiagnosticDescriptors.LaterLayerName, name.Location, name.Value);
        }
        else
        {
            string? meant = ClosestName.Find(name.Value, names.Keys);
            Report(DiagnosticDescriptors.UnknownLayerName, name.Location, name.Value, meant is null ? "" : $" (did you mean '{meant}'?)");
        }

        return null;
    }

    /// <summary>
    /// The layer whose weights <c>Shares</c> or <c>TransposeOf</c> (<paramref name="property"/>) names: a layer above, of the
    /// kind and shape <paramref name="fits"/> accepts (<paramref name="needed"/> says which, SN0053), whose weights are its
    /// own. A layer that itself shares stands for the layer it shares with.
    /// </summary>
    public LayerPlan? WeightOwner(string property, Argument<string> name, string needed, System.Func<LayerPlan, bool> fits)
    {
        if (Resolve(name) is not { } value)
        {
            return null;
        }

        if (value.Number == 0)
        {
            Report(DiagnosticDescriptors.SharedWeightsDoNotFit, name.Location, property, name.Value, needed, "the network's input");
            return null;
        }

        LayerPlan owner = layers[value.Number - 1];
        if (owner is { WeightOwner: { } shared, BiasOwner: not null })
        {
            owner = layers[shared - 1];
        }

        if (!fits(owner) || owner.WeightOwner is not null)
        {
            Report(DiagnosticDescriptors.SharedWeightsDoNotFit, name.Location, property, name.Value, needed,
                owner.WeightOwner is null ? owner.Label : $"{owner.Label}, whose weights are another layer's transpose");
            return null;
        }

        return owner;
    }

    /// <summary>
    /// A join's operands, resolved in order: null after reporting fewer than two (SN0050) or a name that does not
    /// resolve (each reported where it is written).
    /// </summary>
    public IReadOnlyList<(int Number, Shape Shape, Argument<string> Name)>? ResolveOperands(
        string attribute, EquatableArray<Argument<string>> operands, LocationInfo? location)
    {
        if (operands.Count < 2)
        {
            Report(DiagnosticDescriptors.TooFewOperands, location, attribute, operands.Count == 0 ? "none" : $"only '{operands[0].Value}'");
            return null;
        }

        var resolved = new List<(int, Shape, Argument<string>)>();
        bool failed = false;
        foreach (Argument<string> operand in operands)
        {
            if (Resolve(operand) is { } value)
            {
                resolved.Add((value.Number, value.Shape, operand));
            }
            else
            {
                failed = true;
            }
        }

        return failed ? null : resolved;
    }

    /// <summary>
    /// An elementwise join's operands (<c>[Add]</c>, <c>[Multiply]</c>), resolved as <see cref="ResolveOperands"/>, and
    /// whether they are all of the first one's shape; the first that is not is reported where it is written (SN0044,
    /// <paramref name="verb"/> saying what the join does to them). Null where they do not resolve.
    /// </summary>
    public (IReadOnlyList<(int Number, Shape Shape, Argument<string> Name)> Operands, bool OneShape)? ResolveElementwiseOperands(
        string attribute, string verb, EquatableArray<Argument<string>> operands, LocationInfo? location)
    {
        if (ResolveOperands(attribute, operands, location) is not { } resolved)
        {
            return null;
        }

        (int _, Shape first, Argument<string> firstName) = resolved[0];
        foreach ((int _, Shape shape, Argument<string> name) in resolved)
        {
            if (shape != first)
            {
                Report(DiagnosticDescriptors.JoinShapeMismatch, name.Location, attribute, verb, firstName.Value, first, name.Value, shape);
                return (resolved, false);
            }
        }

        return (resolved, true);
    }

    /// <summary>
    /// <c>[Output]</c>: marks the layer the declaration above it added as a head, after checking that there is one, that
    /// it computes, that it is not marked twice, that its loss fits its activation and that its weight is usable.
    /// </summary>
    public void MarkHead(Argument<int> lossArgument, Argument<float>? weight, Argument<string>? name, LocationInfo? location)
    {
        LayerDeclaration? above = currentIndex > 0 ? declaration.Layers[currentIndex - 1] : null;
        LayerPlan? layer = above is { AddsLayer: true } && layers.Count > 0 && ReferenceEquals(layerDeclarations[layerDeclarations.Count - 1], above)
            ? layers[layers.Count - 1] : null;
        if (layer is null)
        {
            Report(DiagnosticDescriptors.MisplacedOutput, location,
                above is null or InputDeclaration ? "but none is: it must come after a layer, not first or right after [Input]"
                : above is HeadDeclaration ? "but another [Output] is there: a layer is one output at most"
                : "but that attribute added none (see its other errors)");
            return;
        }

        if (layer.IsView || layer.IsIdentityAtInference)
        {
            Report(DiagnosticDescriptors.MisplacedOutput, location,
                $"but {layer.Label} does not compute new values; put [Output] after the layer that computes them");
            return;
        }

        LossKind loss = LossKind.MeanSquaredError;
        if (lossArgument.Value is < (int)LossKind.MeanSquaredError or > (int)LossKind.BinaryCrossEntropy)
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, lossArgument.Location, $"(Loss){lossArgument.Value}", "Loss");
        }
        else
        {
            loss = (LossKind)lossArgument.Value;
            CheckLossFits(loss, layer, (required, actual) => Report(DiagnosticDescriptors.HeadLossDoesNotFit, lossArgument.Location,
                loss, required, layer.Description, actual));
            WarnOfSquaredErrorOnSoftmax(loss, layer, lossArgument.Location);
        }

        if (name is { } headName)
        {
            IsUsableName(headName);
        }

        float factor = weight?.Value ?? 1f;
        if (!(factor >= 0f && factor <= MaxHeadWeight))
        {
            Report(DiagnosticDescriptors.InvalidHeadWeight, weight?.Location ?? location, factor.ToString("R", CultureInfo.InvariantCulture));
        }

        int offset = heads.Sum(head => head.Size);
        heads.Add(new HeadPlan(heads.Count + 1, layer.Number, loss, factor, name?.Value ?? layer.LayerName ?? $"output{heads.Count + 1}",
            offset, (int)System.Math.Min(layer.OutputShape.Size, int.MaxValue)));
    }

    /// <summary>
    /// Every layer's output must go somewhere (SN0047): to a later layer, or out of the network as a head (or, without
    /// heads, as the last layer). Views count as taking their source's values.
    /// </summary>
    private void CheckEveryOutputIsUsed()
    {
        if (tooLarge || layers.Count == 0)
        {
            return;
        }

        var used = new bool[layers.Count + 1];
        foreach (LayerPlan layer in layers)
        {
            foreach (int source in layer.Sources)
            {
                used[source] = true;
            }
        }

        if (heads.Count == 0)
        {
            used[layers.Count] = true;
        }

        foreach (HeadPlan head in heads)
        {
            used[head.Layer] = true;
        }

        for (int number = 1; number <= layers.Count; number++)
        {
            if (!used[number])
            {
                Report(DiagnosticDescriptors.UnusedLayerOutput, layerDeclarations[number - 1].Location, layers[number - 1].Label);
            }
        }
    }

    /// <summary>
    /// Every tensor name is unique, and so PyTorch could hold them (SN0043, on the <c>Name</c> that causes the clash): a
    /// Name may not be another layer's automatic name (<c>layer3</c>), no two tensors may share a name, and no tensor's name
    /// may be a layer's or a module's on the way to one (<c>Name = "fc.weight"</c> beside a Dense named <c>fc</c>).
    /// </summary>
    private void CheckTensorNames()
    {
        if (tooLarge)
        {
            return;
        }

        // What each name is: the tensor's layer, or (for layers and the modules their dotted names pass through) the layer.
        var tensors = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var modules = new Dictionary<string, int>(System.StringComparer.Ordinal);
        var automatic = new Dictionary<string, int>(System.StringComparer.Ordinal);
        foreach (LayerPlan layer in layers)
        {
            if (layer.LayerName is null)
            {
                automatic[layer.AutomaticName] = layer.Number;
            }
        }

        var reported = new HashSet<int>();
        foreach (LayerPlan layer in layers)
        {
            if (layer.LayerName is { } name && automatic.TryGetValue(name, out int unnamed) && unnamed != layer.Number)
            {
                ReportNameClash(layer.Number, unnamed, reported, $"'{name}' is what the summary and tensor names call {layers[unnamed - 1].Label}, which has no Name");
            }
        }

        foreach (TensorLayout.Tensor tensor in TensorLayout.Of(layers, NetworkPlan.FormsGraph(layers, heads.Count > 0)))
        {
            if (tensors.TryGetValue(tensor.Name, out int other))
            {
                ReportNameClash(tensor.Layer, other, reported, $"Tensor '{tensor.Name}' would belong to both {layers[other - 1].Label} and {layers[tensor.Layer - 1].Label}");
            }
            else if (modules.TryGetValue(tensor.Name, out other))
            {
                ReportNameClash(tensor.Layer, other, reported, $"'{tensor.Name}' would be both a tensor of {layers[tensor.Layer - 1].Label} and a module holding {layers[other - 1].Label}'s tensors");
            }

            tensors[tensor.Name] = tensor.Layer;
            for (int dot = tensor.Name.LastIndexOf('.'); dot > 0; dot = tensor.Name.LastIndexOf('.', dot - 1))
            {
                string module = tensor.Name.Substring(0, dot);
                if (tensors.TryGetValue(module, out other))
                {
                    ReportNameClash(tensor.Layer, other, reported, $"'{module}' would be both a tensor of {layers[other - 1].Label} and a module holding '{tensor.Name}'");
                }

                modules[module] = tensor.Layer;
            }
        }
    }

    /// <summary>
    /// Reports a clash between layers <paramref name="a"/> and <paramref name="b"/> on the Name of the later one that has a
    /// Name, once per layer, unless that Name repeats another layer's (already reported as it was declared).
    /// </summary>
    private void ReportNameClash(int a, int b, HashSet<int> reported, string why)
    {
        int later = System.Math.Max(a, b);
        int blamed = layers[later - 1].LayerName is not null ? later : System.Math.Min(a, b);
        string? name = layers[blamed - 1].LayerName;
        if (layerDeclarations[blamed - 1].Name is not { } argument || !reported.Add(blamed)
            || layers.Any(layer => layer.Number != blamed && layer.LayerName == name))
        {
            return;
        }

        Report(DiagnosticDescriptors.DuplicateLayerName, argument.Location, why);
    }

    private NetworkPlan Result(LossKind loss, Shape input) => new(
        declaration.Target, loss, input, new EquatableArray<LayerPlan>(layers.ToImmutable()),
        new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()))
    {
        Heads = new EquatableArray<HeadPlan>(heads.Count > 0 ? heads.ToImmutable() : ImplicitHead(loss)),
        HasHeads = heads.Count > 0,
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

    /// <summary>Recurrent layers and <c>[LastStep]</c> need a sequence; reports and returns false after anything else.</summary>
    public bool RequireSequence(LayerDeclaration layer, Shape input)
    {
        if (!input.IsSequence)
        {
            Report(DiagnosticDescriptors.SequenceRequired, layer.Location, layer.AttributeName, input);
            return false;
        }

        return true;
    }

    /// <summary>Convolution and pooling need a CHW volume; reports and returns false after a flat layer.</summary>
    public bool RequireVolume(LayerDeclaration layer, Shape input)
    {
        if (!input.IsVolume)
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
        if (dimensions.Count is not (1 or 2 or 3))
        {
            Report(DiagnosticDescriptors.InvalidInputRank, input.Location, dimensions.Count);
            return Shape.Flat(1);
        }

        string[] names = dimensions.Count switch
        {
            1 => ["Input size"],
            2 => ["Input steps", "Input features"],
            _ => ["Input channels", "Input height", "Input width"],
        };
        var sizes = new int[dimensions.Count];
        for (int i = 0; i < sizes.Length; i++)
        {
            sizes[i] = Positive(dimensions[i], names[i]);
        }

        Shape shape = sizes.Length switch
        {
            1 => Shape.Flat(sizes[0]),
            2 => Shape.Sequence(sizes[0], sizes[1]),
            _ => Shape.Volume(sizes[0], sizes[1], sizes[2]),
        };
        CheckSize(shape.Size, "input values");
        return shape;
    }

    /// <summary>The activation's unit if it is defined (SN0015), a slope only where it takes one and finite (SN0018, SN0019).</summary>
    public ActivationUnit CheckActivation(Argument<int> value, Argument<float>? slope)
    {
        if (!ActivationUnits.IsDefined(value.Value))
        {
            Report(DiagnosticDescriptors.UndefinedEnumValue, value.Location, $"(Activation){value.Value}", "Activation");
            return ActivationUnits.Of(ActivationKind.Identity);
        }

        ActivationUnit activation = ActivationUnits.Of((ActivationKind)value.Value);
        if (slope is { } s)
        {
            if (float.IsNaN(s.Value) || float.IsInfinity(s.Value))
            {
                Report(DiagnosticDescriptors.InvalidSlope, s.Location, s.Value.ToString(CultureInfo.InvariantCulture));
            }
            else if (!activation.TakesSlope)
            {
                Report(DiagnosticDescriptors.SlopeWithoutLeakyReLU, s.Location, activation.Kind);
            }
        }

        return activation;
    }

    /// <summary>The network's loss on its last layer, when it has no [Output] heads.</summary>
    private void CheckLossFitsOutput(LossKind loss)
    {
        if (heads.Count > 0 || layers.Count == 0)
        {
            return;
        }

        LayerPlan last = layers[layers.Count - 1];
        for (int i = layers.Count - 1; i > 0 && last.IsView; i--)
        {
            last = layers[i - 1];
        }

        CheckLossFits(loss, last, (required, actual) => Report(DiagnosticDescriptors.LossDoesNotFitOutput, declaration.Loss.Location,
            loss, required, last.Description, actual));
        WarnOfSquaredErrorOnSoftmax(loss, last, declaration.Loss.Location);
    }

    /// <summary>Mean squared error on a softmax trains, but badly: a warning with the two fixes (SN0059).</summary>
    private void WarnOfSquaredErrorOnSoftmax(LossKind loss, LayerPlan layer, LocationInfo? location)
    {
        if (loss == LossKind.MeanSquaredError && layer.HasActivation && layer.Activation == ActivationKind.Softmax)
        {
            Report(DiagnosticDescriptors.MeanSquaredErrorOnSoftmax, location, layer.Description);
        }
    }

    /// <summary>Cross-entropy needs a softmax, binary cross-entropy a sigmoid; calls <paramref name="report"/> with both activations otherwise.</summary>
    private static void CheckLossFits(LossKind loss, LayerPlan layer, System.Action<string, string> report)
    {
        (ActivationKind required, string name) = loss switch
        {
            LossKind.CrossEntropy => (ActivationKind.Softmax, "Softmax"),
            LossKind.BinaryCrossEntropy => (ActivationKind.Sigmoid, "Sigmoid"),
            _ => (ActivationKind.Identity, ""),
        };
        ActivationKind? actual = layer.HasActivation ? layer.Activation : null;
        if (name.Length > 0 && actual != required)
        {
            report(name, actual is null ? "no activation" : $"{actual} activation");
        }
    }

    /// <summary>Without [Output], the one head: the last layer that computes (a Flatten after it only relabels), whole.</summary>
    private ImmutableArray<HeadPlan> ImplicitHead(LossKind loss)
    {
        if (layers.Count == 0)
        {
            return ImmutableArray<HeadPlan>.Empty;
        }

        int number = layers.Count;
        while (number > 1 && layers[number - 1].IsView)
        {
            number--;
        }

        return ImmutableArray.Create(
            new HeadPlan(1, number, loss, 1f, "output", 0, (int)System.Math.Min(layers[layers.Count - 1].OutputShape.Size, int.MaxValue)));
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
    public int StateOffset => layers.OfType<IStatefulLayer>().Sum(layer => layer.StateCount);

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
    public void Add(LayerPlan layer) => layers.Add(Placed(layer));

    /// <summary>Adds a layer with parameters unless the network already passed a size limit (its offsets would not fit); returns whether it did.</summary>
    public bool AddIfSized(LayerPlan layer)
    {
        if (!tooLarge)
        {
            layers.Add(Placed(layer));
        }

        return !tooLarge;
    }

    /// <summary>The layer reading the current source (unless it names its operands itself, as a join does), under its name.</summary>
    private LayerPlan Placed(LayerPlan layer) => layer with
    {
        Sources = layer.Sources.Count > 0 ? layer.Sources : new EquatableArray<int>(ImmutableArray.Create(currentSource)),
        LayerName = declaration.Layers[currentIndex].Name?.Value,
    };

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
        long stored = parameterCount + layers.OfType<IStatefulLayer>().Sum(layer => (long)layer.StateCount);
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
    public static string Describe(string kind, string sizes, ActivationUnit activation, float slope, string geometry = "") =>
        $"{kind}({sizes}{activation.Describe(slope)}{geometry})";

    public void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params object[] arguments) =>
        diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));
}
