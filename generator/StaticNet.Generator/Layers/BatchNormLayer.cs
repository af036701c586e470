using System.Collections.Generic;
using System.Globalization;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Parsing;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// Batch normalisation of each feature (flat input) or channel (CHW input): gamma then beta as parameters,
/// running mean then running variance as state. Inference (Forward, Backward, ForwardBatch) uses the running
/// statistics; a training batch its own (<see cref="WriteTrainingForwardBatch"/>).
/// </summary>
internal sealed record BatchNormLayerPlan(
    int Number,
    string Description,
    Shape Shape,
    int WeightOffset,
    int StateOffset,
    float Momentum,
    float Epsilon,
    ActivationKind Activation,
    float Slope)
    : LayerPlan(
        Number, Description, Shape, Shape, WeightOffset, Shape.IsFlat ? (int)Shape.Size : Shape.Channels,
        WeightOffset + (Shape.IsFlat ? (int)Shape.Size : Shape.Channels), Shape.IsFlat ? (int)Shape.Size : Shape.Channels, Shape.Size),
    IBatchStatisticsLayer,
    IStatefulLayer
{
    private const string BatchNormKernels = "global::StaticNet.Runtime.BatchNormKernels";

    public override bool HasActivation => true;

    public override ActivationKind Activation { get; } = Activation;

    public override float Slope { get; } = Slope;

    /// <summary>The running means, then the running variances.</summary>
    public int StateCount => 2 * Features;

    /// <summary>How many means and variances: one per feature of a flat input, one per channel of a volume.</summary>
    public int Features => WeightCount;

    /// <summary>Values normalised with the same statistics in one sample: 1 for a flat input, H·W for a volume.</summary>
    public int PlaneSize => Shape.IsFlat ? 1 : Shape.Height * Shape.Width;

    /// <summary>Where the running means start in the state span; the variances follow.</summary>
    public int MeanOffset => StateOffset;

    public int VarianceOffset => StateOffset + Features;

    public override string Kind => "BatchNorm";

    public override string WeightRole => " (gamma)";

    /// <summary>It normalises a linear layer's sums and applies the activation that layer's initialisation should suit.</summary>
    public override bool ActivatesPreviousLayer => true;

    public override string GradientComment(string input) => $"dGamma{Number} += g{Number} · normalised {input}, dBeta{Number} += g{Number}, then the";

    public override string BiasRole => " (beta)";

    public override IEnumerable<(string Type, string Name, long Value, string Summary)> ExtraConstants =>
    [
        ("int", "Features", Features, "Features or channels normalised: the length of gamma, beta and each running statistic."),
        ("int", "StateOffset", StateOffset, "Where this layer's running statistics start in the state span."),
        ("int", "StateCount", StateCount, "Running means and variances together."),
        ("int", "RunningMeanOffset", MeanOffset, "Where the running means start in the state span."),
        ("int", "RunningVarianceOffset", VarianceOffset, "Where the running variances start in the state span."),
    ];

    /// <summary>Inference: normalised with the running statistics.</summary>
    public override void WriteForward(CodeWriter code, string input, string output, bool fuse = false)
    {
        code.Line($"{BatchNormKernels}.InferenceForward(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {RunningMean}, {RunningVariance},");
        code.Line($"    {input}, {output}, planeSize: {PlaneSize}, epsilon: {RuntimeCalls.Float(Epsilon)});");
    }

    /// <summary>The kernel normalises a whole batch with the running statistics at once.</summary>
    public override void WriteForwardBatch(CodeWriter code, string inputs, string outputs) => WriteForward(code, inputs, outputs);

    public override void WriteBackward(CodeWriter code, string input, string gradient, string inputGradients)
    {
        code.Line($"{BatchNormKernels}.InferenceBackward({LayerCalls.Weights(Number)}, {RunningMean}, {RunningVariance}, {input}, {gradient},");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients}, planeSize: {PlaneSize}, epsilon: {RuntimeCalls.Float(Epsilon)});");
    }

    /// <summary>
    /// Training-mode batch normalisation of a whole batch: normalises with the batch's statistics, keeps them in
    /// <paramref name="statistics"/> (mean, then inverse standard deviation) and updates the running ones in <c>state</c>.
    /// </summary>
    public void WriteTrainingForwardBatch(CodeWriter code, string inputs, string outputs, string statistics)
    {
        code.Line($"{BatchNormKernels}.TrainingForward(");
        code.Line($"    {LayerCalls.Weights(Number)}, {LayerCalls.Biases(Number)},");
        code.Line($"    {RunningMean}, {RunningVariance},");
        code.Line($"    {inputs}, {outputs}, {statistics}Mean, {statistics}InverseStd,");
        code.Line($"    planeSize: {PlaneSize}, momentum: {RuntimeCalls.Float(Momentum)}, epsilon: {RuntimeCalls.Float(Epsilon)});");
    }

    /// <summary>Backpropagates <see cref="WriteTrainingForwardBatch"/> through the batch statistics.</summary>
    public void WriteTrainingBackwardBatch(CodeWriter code, string inputs, string gradient, string statistics, string inputGradients)
    {
        code.Line($"{BatchNormKernels}.TrainingBackward({LayerCalls.Weights(Number)}, {inputs}, {gradient}, {statistics}Mean, {statistics}InverseStd,");
        code.Line($"    {LayerCalls.WeightGradients(Number)}, {LayerCalls.BiasGradients(Number)}, {inputGradients}, planeSize: {PlaneSize});");
    }

    /// <summary><c>BatchNormalization</c> in inference mode: the running statistics from the state span.</summary>
    public override void WriteOnnx(CodeWriter writer, bool streaming)
    {
        writer.Line(Onnx.BeginLayer);
        Onnx.WriteNode(writer, "BatchNormalization", null,
            [
                "graph.Current",
                Onnx.Initializer("weight", LayerCalls.Weights(Number), Features),
                Onnx.Initializer("bias", LayerCalls.Biases(Number), Features),
                Onnx.Initializer("running_mean", RunningMean, Features),
                Onnx.Initializer("running_var", RunningVariance, Features),
            ],
            Onnx.Dimensions(Shape, streaming), Onnx.Float("epsilon", Epsilon));
    }

    /// <summary><c>nn.BatchNorm1d/2d</c>: weight (gamma), bias (beta), then the running statistics as state.</summary>
    public override IEnumerable<TensorLayout.Tensor> Tensors(string module) =>
    [
        new($"{module}.weight", Number, "gamma", $"{Features}", false, WeightOffset, Features),
        new($"{module}.bias", Number, "beta", $"{Features}", false, BiasOffset, Features),
        new($"{module}.running_mean", Number, "running mean", $"{Features}", true, MeanOffset, Features),
        new($"{module}.running_var", Number, "running variance", $"{Features}", true, VarianceOffset, Features),
    ];

    /// <summary>Gamma one, beta zero: a plain normalisation to start with.</summary>
    public override void WriteInitialization(CodeWriter writer, LayerPlan activated)
    {
        writer.Line($"// Layer {Number}: {Description}: gamma one, beta zero, so it starts as a plain normalisation.");
        writer.Line($"{LayerCalls.Weights(Number)}.Fill(1f);");
        writer.Line($"{LayerCalls.Biases(Number)}.Clear();");
        WriteSlopeInitialization(writer);
    }

    /// <summary>Running means zero and running variances one, as PyTorch starts them.</summary>
    public void WriteStateInitialization(CodeWriter writer)
    {
        writer.Line($"{RunningMean}.Clear();");
        writer.Line($"{RunningVariance}.Fill(1f);");
    }

    private string RunningMean => $"state.Slice(Layer{Number}.RunningMeanOffset, Layer{Number}.Features)";

    private string RunningVariance => $"state.Slice(Layer{Number}.RunningVarianceOffset, Layer{Number}.Features)";
}

/// <summary><c>[BatchNorm(activation)]</c> with its named properties, null where not set.</summary>
internal sealed record BatchNormDeclaration(
    Argument<int> Activation,
    Argument<float>? Slope,
    Argument<float>? Momentum,
    Argument<float>? Epsilon,
    LocationInfo? Location)
    : LayerDeclaration("BatchNorm", Location)
{
    public static LayerDeclaration Read(AttributeArguments arguments, LocationInfo? location) => new BatchNormDeclaration(
        arguments.Int(0, (int)ActivationKind.Identity),
        arguments.NamedFloat("Slope"),
        arguments.NamedFloat("Momentum"),
        arguments.NamedFloat("Epsilon"),
        location);

    /// <summary>
    /// Keeps the shape, normalising per feature of a flat input and per channel of a volume; not straight after the
    /// input (SN0028), momentum in (0, 1] and epsilon positive (SN0029).
    /// </summary>
    public override Shape Plan(NetworkPlanner planner, Shape input)
    {
        ActivationUnit activation = planner.CheckActivation(Activation, Slope);
        float slope = Slope?.Value ?? 0.01f;
        float momentum = Momentum?.Value ?? 0.1f;
        float epsilon = Epsilon?.Value ?? 1e-5f;
        if (planner.NextNumber == 1)
        {
            planner.Report(DiagnosticDescriptors.BatchNormFirst, Location, input);
        }

        if (Momentum is { } m && !(momentum > 0f && momentum <= 1f))
        {
            planner.Report(DiagnosticDescriptors.InvalidBatchNormSetting, m.Location, "Momentum", Text(momentum), "in (0, 1]");
        }

        if (Epsilon is { } e && !(epsilon > 0f && !float.IsInfinity(epsilon)))
        {
            planner.Report(DiagnosticDescriptors.InvalidBatchNormSetting, e.Location, "Epsilon", Text(epsilon), "positive and finite");
        }

        long features = input.IsFlat ? input.Size : input.Channels;
        int weightOffset = planner.ReserveParameters((2 * features) + (activation.LearnsSlopes ? features : 0));
        string settings = (momentum == 0.1f ? "" : $", momentum {Text(momentum)}") + (epsilon == 1e-5f ? "" : $", epsilon {Text(epsilon)}");
        planner.AddIfSized(new BatchNormLayerPlan(
            planner.NextNumber,
            NetworkPlanner.Describe("BatchNorm", features.ToString(CultureInfo.InvariantCulture), activation, slope, settings),
            input,
            weightOffset,
            planner.StateOffset,
            momentum,
            epsilon,
            activation.Kind,
            slope));
        return input;
    }

    private static string Text(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
