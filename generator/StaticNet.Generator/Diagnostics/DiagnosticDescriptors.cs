using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StaticNet.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. IDs are stable: never reuse or renumber one. Each has a
/// section in generator/DIAGNOSTICS.md (anchor = lower-case ID) showing wrong and fixed code.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "StaticNet";
    public const string HelpLinkBase = RepositoryLinks.FileBase + "generator/DIAGNOSTICS.md#";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SN0001", "Network type must be partial",
        "'{0}' must be declared partial so that the generator can add the network's members to it");

    public static readonly DiagnosticDescriptor GenericNetwork = Error(
        "SN0002", "Network type cannot be generic",
        "'{0}' is generic{1}; a network's layer sizes are fixed at compile time, so declare it in a non-generic type");

    public static readonly DiagnosticDescriptor MissingInput = Error(
        "SN0003", "Network has no [Input]",
        "Network '{0}' has no [Input] attribute; start its layers with [Input(n)] or [Input(channels, height, width)]");

    public static readonly DiagnosticDescriptor DuplicateInput = Error(
        "SN0004", "Network has more than one [Input]",
        "Network '{0}' already has an [Input]; a network has exactly one input");

    public static readonly DiagnosticDescriptor InputNotFirst = Error(
        "SN0005", "[Input] is not the first layer attribute",
        "[Input] must come before every other layer attribute, but [{0}] comes first");

    public static readonly DiagnosticDescriptor NonPositiveSize = Error(
        "SN0006", "Size is zero or negative",
        "{0} must be positive, but it is {1}");

    public static readonly DiagnosticDescriptor FlattenRequired = Error(
        "SN0007", "Layer needs a flat input",
        "[{0}] needs a flat input, but the previous layer outputs shape {1}; add [Flatten] before it");

    public static readonly DiagnosticDescriptor InputSizeMismatch = Error(
        "SN0008", "Layer input size does not match the previous layer",
        "[{0}] declares InputSize = {1}, but the previous layer outputs {2} values (shape {3})");

    // SN0009 (Softmax only on the last layer) is retired: a hidden softmax is allowed, its Jacobian applied in Backward.

    public static readonly DiagnosticDescriptor LossDoesNotFitOutput = Error(
        "SN0010", "Loss does not fit the output layer",
        "Loss.{0} needs a last layer with {1} activation, but the last layer is [{2}] with {3}");

    public static readonly DiagnosticDescriptor LayersWithoutNetwork = Error(
        "SN0011", "Layer attributes on a type without [Network]",
        "'{0}' has layer attributes but no [Network] attribute, so no network is generated; add [Network]");

    public static readonly DiagnosticDescriptor NoLayers = Error(
        "SN0012", "Network has no layers",
        "Network '{0}' has an [Input] but no layers after it; add at least one layer such as [Dense(...)]");

    public static readonly DiagnosticDescriptor InvalidInputRank = Error(
        "SN0013", "[Input] needs one, two or three sizes",
        "[Input] takes one size (n), two (steps, features) or three (channels, height, width), but has {0}");

    public static readonly DiagnosticDescriptor LayersSplitAcrossDeclarations = Error(
        "SN0014", "Layer attributes are split across partial declarations",
        "The layer attributes of '{0}' are spread over {1} partial declarations, so their order is undefined; put them all on one declaration");

    public static readonly DiagnosticDescriptor UndefinedEnumValue = Error(
        "SN0015", "Undefined enum value",
        "{0} is not a defined {1} value");

    public static readonly DiagnosticDescriptor UnreadableAttribute = Error(
        "SN0016", "Layer attribute arguments cannot be read",
        "The arguments of [{0}] cannot be read, so network '{1}' is not generated; fix the errors reported on this attribute");

    public static readonly DiagnosticDescriptor NetworkTooLarge = Error(
        "SN0017", "Network is too large",
        "Network '{0}' needs {1} {2}, more than the limit of {3}");

    public static readonly DiagnosticDescriptor SlopeWithoutLeakyReLU = Warning(
        "SN0018", "Slope has no effect",
        "Slope only applies to Activation.LeakyReLU, but this layer uses {0}; remove Slope or use LeakyReLU");

    public static readonly DiagnosticDescriptor InvalidSlope = Error(
        "SN0019", "Slope is not a finite number",
        "Slope must be a finite number, but it is {0}");

    public static readonly DiagnosticDescriptor InstanceApiSkipped = Warning(
        "SN0021", "Instance members are not generated",
        "The instance members of network '{0}' (constructors, Parameters, Predict, Save, Load, INetwork) are not generated because {1}; the static members are");

    public static readonly DiagnosticDescriptor ImageLayerAfterFlatInput = Error(
        "SN0022", "Layer needs an image input",
        "[{0}] needs an image input (channels, height, width), but the previous layer outputs shape {1}");

    public static readonly DiagnosticDescriptor KernelLargerThanInput = Error(
        "SN0023", "Kernel is larger than the padded input",
        "[{0}] has a {1}x{1} kernel, larger than its padded input of {2}x{3} (input shape {4}, padding {5}), so its output would be empty");

    public static readonly DiagnosticDescriptor InvalidPadding = Error(
        "SN0024", "Padding is out of range",
        "Padding must be at least 0 and smaller than the kernel ({0}), but it is {1}");

    public static readonly DiagnosticDescriptor PoolLargerThanInput = Error(
        "SN0025", "Pooling window is larger than its input",
        "[{0}] has a {1}x{1} window, larger than its {2}x{3} input (shape {4}), so its output would be empty");

    public static readonly DiagnosticDescriptor InvalidDropoutRate = Error(
        "SN0026", "Dropout rate is out of range",
        "A dropout rate must be at least 0 and below 1, but it is {0}");

    public static readonly DiagnosticDescriptor DropoutLast = Error(
        "SN0027", "Dropout cannot be the last layer",
        "[Dropout] must be followed by a layer that computes; as the last layer it would randomly zero the outputs the loss compares");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "SN9999", "The StaticNet generator failed",
        "The StaticNet generator failed on '{0}' and generated nothing for it: {1}. Please report this with the declaration.");

    public static readonly DiagnosticDescriptor BatchNormFirst = Error(
        "SN0028", "BatchNorm cannot be the first layer",
        "[BatchNorm] must follow a layer that computes, such as [Dense] or [Conv2D], but it comes straight after [Input] (shape {0}); "
        + "standardise the data instead, or put first the layer it should normalise");

    public static readonly DiagnosticDescriptor InvalidBatchNormSetting = Error(
        "SN0029", "BatchNorm setting is out of range",
        "BatchNorm {0} must be {2}, but it is {1}");

    public static readonly DiagnosticDescriptor NegativeUnroll = Error(
        "SN0030", "Unroll is negative",
        "Unroll is the largest number of weights a dense layer may have to be unrolled (0: never), but it is {0}");

    public static readonly DiagnosticDescriptor UnrolledTooLarge = Warning(
        "SN0031", "Unrolled code may be too large to optimise",
        "'{0}' unrolls {1} weights, more than {2}: its Backward may pass the size past which the JIT compiles a method "
        + "without optimisation, and run slower than looped code; lower Unroll");

    public static readonly DiagnosticDescriptor WeightFileNotListed = Error(
        "SN0032", "Weight file is not an AdditionalFiles item",
        "'{0}' bakes the weight file '{1}', which is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{1}\" /> to the project file");

    public static readonly DiagnosticDescriptor WeightFileUnreadable = Error(
        "SN0033", "Weight file cannot be baked",
        "The weight file '{0}' cannot be baked into '{1}': {2}");

    public static readonly DiagnosticDescriptor WeightFileMismatch = Error(
        "SN0034", "Weight file does not fit the network",
        "The weight file '{0}' holds {1} parameters and {2} state values for \"{3}\", but '{4}' has {5} parameters and {6} state values "
        + "for \"{7}\"; save the file from this architecture, or bake another file");

    public static readonly DiagnosticDescriptor WeightFileAmbiguous = Error(
        "SN0035", "Weight file name matches several AdditionalFiles",
        "Weights = \"{0}\" names {1} AdditionalFiles items ({2}); write more of the path to pick one");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Error(
        "SN0036", "C# 8 or newer is needed",
        "Network '{0}' is generated as C# 8 code (nullable annotations), but this project compiles C# {1}; set <LangVersion> to 8.0 or newer, or remove it (.NET 8 defaults to C# 12)");

    public static readonly DiagnosticDescriptor MemberClash = Error(
        "SN0037", "Member has the name of a generated member",
        "'{0}' declares '{1}', which the generator writes into every network like it; rename '{1}'");

    public static readonly DiagnosticDescriptor InheritedMemberClash = Error(
        "SN0038", "Inherited member has the name of a generated member",
        "'{0}' inherits '{1}' from '{2}', which the generated member of that name would hide; rename it in '{2}'");

    public static readonly DiagnosticDescriptor NetworkDerivesFromNetwork = Error(
        "SN0039", "A network cannot derive from another network",
        "'{0}' derives from network '{1}', whose generated members it would hide and whose constructors it cannot call; derive both from a base class that is not a network, or give '{0}' a field of type '{1}'");

    public static readonly DiagnosticDescriptor NetworkTooLargeToSave = Error(
        "SN0040", "Network is too large to save",
        "Network '{0}' has {1} parameters and state values, more than the {2} (1 GiB of float32) that weight files, safetensors and ONNX models hold; make the network smaller");

    public static readonly DiagnosticDescriptor UnknownLayerName = Error(
        "SN0041", "No layer has this name",
        "No layer is named '{0}'{1}; name a layer above this one with Name = \"{0}\", or write \"input\" for the network's input");

    public static readonly DiagnosticDescriptor LaterLayerName = Error(
        "SN0042", "Layer refers to a layer below it",
        "'{0}' is declared below this attribute; a layer takes values only from layers above it, so a network has no cycles");

    public static readonly DiagnosticDescriptor DuplicateLayerName = Error(
        "SN0043", "Layer name is taken",
        "{0}; give this layer another name");

    public static readonly DiagnosticDescriptor JoinShapeMismatch = Error(
        "SN0044", "Added or multiplied layers differ in shape",
        "[{0}] {1} values of one shape, but '{2}' is {3} and '{4}' is {5}");

    public static readonly DiagnosticDescriptor ConcatShapeMismatch = Error(
        "SN0045", "Concatenated layers do not fit together",
        "[Concat] joins flat values, volumes of one height and width along channels, or sequences of one length along features, but '{0}' is {1} and '{2}' is {3}");

    public static readonly DiagnosticDescriptor SliceOutOfRange = Error(
        "SN0046", "Slice is outside its input",
        "[Slice({0}, {1})] needs 0 <= start, 0 < length and start + length <= {2}, the {3} of its input {4}");

    public static readonly DiagnosticDescriptor UnusedLayerOutput = Error(
        "SN0047", "Layer's output goes nowhere",
        "The output of {0} goes nowhere: no layer takes it and it is not an output; take it with From, [Add] or [Concat], mark it with [Output], or remove it");

    public static readonly DiagnosticDescriptor MisplacedOutput = Error(
        "SN0048", "[Output] does not mark a layer that computes",
        "[Output] marks the layer written directly above it, {0}");

    public static readonly DiagnosticDescriptor InvalidHeadWeight = Error(
        "SN0049", "Output weight is out of range",
        "An output's Weight scales its loss and its gradients and must lie between 0 and 1000000, but it is {0}");

    public static readonly DiagnosticDescriptor TooFewOperands = Error(
        "SN0050", "Join needs two or more layers",
        "[{0}] joins two or more layers, but it names {1}");

    public static readonly DiagnosticDescriptor MeanSquaredErrorOnSoftmax = Warning(
        "SN0059", "Mean squared error on a softmax",
        "Loss.MeanSquaredError on the softmax of [{0}]: its gradient fades as the probabilities saturate, so the network learns slowly or stalls; use Loss.CrossEntropy to train class probabilities, or leave the softmax out to regress values");

    public static readonly DiagnosticDescriptor NoStep = Info(
        "SN0060", "Network gets no streaming Step",
        "'{0}' takes a sequence but gets no streaming Step: [{1}] stops it, because {2}");

    public static readonly DiagnosticDescriptor HeadLossDoesNotFit = Error(
        "SN0051", "Output's loss does not fit its layer",
        "Loss.{0} needs a layer with {1} activation, but [Output] marks [{2}] with {3}");

    public static readonly DiagnosticDescriptor InvalidLayerName = Error(
        "SN0052", "Name is not usable",
        "'{0}' cannot name a layer or output: use letters, digits, '_', '-' and '.', starting with a letter or '_'");

    public static readonly DiagnosticDescriptor SharedWeightsDoNotFit = Error(
        "SN0053", "Shared weights do not fit",
        "{0} = \"{1}\" needs {2}, but '{1}' is {3}");

    public static readonly DiagnosticDescriptor SequenceNotTaken = Error(
        "SN0054", "Layer does not take a sequence",
        "[{0}] does not take a sequence, but the previous layer outputs the sequence {1} (steps, features); add [LastStep] or [Flatten] before it");

    public static readonly DiagnosticDescriptor SequenceRequired = Error(
        "SN0055", "Layer needs a sequence",
        "[{0}] needs a sequence (steps, features), but the previous layer outputs shape {1}; declare [Input(steps, features)]");

    public static readonly DiagnosticDescriptor NotYetOnSequences = Error(
        "SN0056", "Not yet built for sequences",
        "[{0}] with {1} is not built for sequences yet; add [LastStep] or [Flatten] before it");

    public static readonly DiagnosticDescriptor KernelSpansMoreSteps = Error(
        "SN0057", "Kernel spans more steps than the padded sequence",
        "[Conv1D] spans {0} steps (kernel {1}, dilation {2}), more than the {3} steps of its input (shape {4}) with padding {5}, so {6}");

    public static readonly DiagnosticDescriptor CausalWithPadding = Error(
        "SN0058", "Causal convolution with padding",
        "[Conv1D] is Causal, which pads (kernel - 1) x Dilation = {0} steps before the first and none after, so Padding = {1} cannot also apply; remove Padding");

    public static readonly DiagnosticDescriptor NotABlock = Error(
        "SN0061", "Use of a class that is not a block",
        "[Use] names {0}, which is not marked [Block]; mark the class whose layer attributes make the block with [Block(inputs)]");

    public static readonly DiagnosticDescriptor BlockInputCount = Error(
        "SN0062", "Use gives a block the wrong number of inputs",
        "[Use] of {0} gives {1} input{2}, but the block reads {3} ({4}); name one earlier layer (or \"input\") for each");

    public static readonly DiagnosticDescriptor InvalidBlockParameters = Error(
        "SN0063", "Use sets a block parameter that is not there",
        "[Use] of {0}: With = \"{1}\" {2}; write \"Name = value, ...\" with the block's parameters ({3})");

    public static readonly DiagnosticDescriptor NotInBlock = Error(
        "SN0064", "Attribute that belongs to the network in a block",
        "[{0}] belongs to the network, not to the block {1}: a block holds layers only, its inputs named by [Block(...)]");

    private static readonly Dictionary<string, DiagnosticDescriptor> byId = Index(
        NotPartial, GenericNetwork, MissingInput, DuplicateInput, InputNotFirst, NonPositiveSize,
        FlattenRequired, InputSizeMismatch, LossDoesNotFitOutput, LayersWithoutNetwork,
        NoLayers, InvalidInputRank, LayersSplitAcrossDeclarations, UndefinedEnumValue, UnreadableAttribute,
        NetworkTooLarge, SlopeWithoutLeakyReLU, InvalidSlope, InstanceApiSkipped, ImageLayerAfterFlatInput, KernelLargerThanInput,
        InvalidPadding, PoolLargerThanInput, InvalidDropoutRate, DropoutLast, BatchNormFirst, InvalidBatchNormSetting, NegativeUnroll, UnrolledTooLarge,
        WeightFileNotListed, WeightFileUnreadable, WeightFileMismatch, WeightFileAmbiguous, LanguageVersionTooLow, MemberClash,
        InheritedMemberClash, NetworkDerivesFromNetwork, NetworkTooLargeToSave, UnknownLayerName, LaterLayerName, DuplicateLayerName,
        JoinShapeMismatch, ConcatShapeMismatch, SliceOutOfRange, UnusedLayerOutput, MisplacedOutput, InvalidHeadWeight, TooFewOperands,
        HeadLossDoesNotFit, MeanSquaredErrorOnSoftmax, NoStep, InvalidLayerName, SharedWeightsDoNotFit, SequenceNotTaken, SequenceRequired, NotYetOnSequences,
        KernelSpansMoreSteps, CausalWithPadding, NotABlock, BlockInputCount, InvalidBlockParameters, NotInBlock,
        InternalError);

    /// <summary>All descriptors, for documentation tests.</summary>
    public static IEnumerable<DiagnosticDescriptor> All => byId.Values;

    public static DiagnosticDescriptor ById(string id) => byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Warning);

    /// <summary>A fact about what was generated, not a mistake: shown in the IDE, never failing a build.</summary>
    private static DiagnosticDescriptor Info(string id, string title, string message) =>
        Create(id, title, message, DiagnosticSeverity.Info);

    /// <summary>
    /// Errors cannot be switched off or downgraded in <c>.editorconfig</c> (as the Regex generator's): the generator emits
    /// nothing for the network, so a silenced error would only move to the code that uses it. Warnings stay configurable.
    /// </summary>
    private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id.ToLowerInvariant(),
            customTags: severity == DiagnosticSeverity.Error ? [WellKnownDiagnosticTags.NotConfigurable] : []);

    private static Dictionary<string, DiagnosticDescriptor> Index(params DiagnosticDescriptor[] descriptors)
    {
        var index = new Dictionary<string, DiagnosticDescriptor>();
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            index.Add(descriptor.Id, descriptor);
        }

        return index;
    }
}
