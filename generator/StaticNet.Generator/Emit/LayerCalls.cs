using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The kernel calls of looped layers (dense, convolution, pooling), shared by Forward and Backward:
/// the weighted sums forward, and the gradients backward. Shapes are passed as named constants.
/// </summary>
internal static class LayerCalls
{
    private const string Conv2DKernels = "global::StaticNet.Runtime.Conv2DKernels";
    private const string PoolingKernels = "global::StaticNet.Runtime.PoolingKernels";
    private const string DropoutKernels = "global::StaticNet.Runtime.DropoutKernels";
    private const string BatchNormKernels = "global::StaticNet.Runtime.BatchNormKernels";

    /// <summary>The span holding a dropout layer's mask during Backward.</summary>
    public static string DropoutMask(int layer) => $"m{layer}";

    /// <summary>The empty span passed where no input gradients are wanted.</summary>
    public const string NoGradients = "global::System.Span<float>.Empty";

    /// <summary>Draws a dropout layer's mask and applies it; <paramref name="rate"/> is an expression (0 outside training).</summary>
    public static void DropoutForward(CodeWriter code, DropoutLayerPlan layer, string input, string output, string rate) =>
        code.Line($"{DropoutKernels}.Forward({input}, {output}, {DropoutMask(layer.Number)}, {rate}, ref random);");

    /// <summary>
    /// <see cref="Forward"/> over a batch of samples laid out one after another (<c>batch</c> in scope):
    /// dense layers and batch normalisation take the whole batch at once, the others loop over its samples.
    /// </summary>
    public static void ForwardBatch(CodeWriter code, LayerPlan layer, string inputs, string outputs)
    {
        switch (layer)
        {
            case DenseLayerPlan:
                code.Line($"{RuntimeCalls.DenseKernels}.ForwardBatch(");
                code.Line($"    {Weights(layer.Number)}, {Biases(layer.Number)},");
                code.Line($"    {inputs}, {outputs});");
                break;
            case BatchNormLayerPlan:
                Forward(code, layer, inputs, outputs);
                break;
            default:
                EachSample(code, (int)layer.InputShape.Size, (int)layer.OutputShape.Size, inputs, outputs, (input, output) => Forward(code, layer, input, output));
                break;
        }
    }

    /// <summary>
    /// <see cref="Backward"/> over a batch: parameter gradients summed over its samples, input gradients written
    /// per sample unless <paramref name="inputGradients"/> is <see cref="NoGradients"/>. Batch normalisation is
    /// not handled here: in training it goes through <see cref="BatchNormTrainingBackward"/>.
    /// </summary>
    public static void BackwardBatch(CodeWriter code, LayerPlan layer, string inputs, string gradients, string inputGradients)
    {
        int n = layer.Number;
        switch (layer)
        {
            case DenseLayerPlan:
                code.Line($"{RuntimeCalls.DenseKernels}.BackwardBatch({Weights(n)}, {inputs}, {gradients},");
                code.Line($"    {WeightGradients(n)}, {BiasGradients(n)}, {inputGradients});");
                break;
            case DropoutLayerPlan:
                Backward(code, layer, inputs, gradients, inputGradients);
                break;
            case { ParameterCount: 0 } when inputGradients == NoGradients:
                code.Line("// Nothing to do: no parameters, and the input's gradients are not wanted.");
                break;
            default:
                int inputSize = (int)layer.InputShape.Size;
                string inputGradientsOfSample = inputGradients == NoGradients ? NoGradients : $"{inputGradients}.Slice(sample * {inputSize}, {inputSize})";
                EachSample(code, inputSize, (int)layer.OutputShape.Size, inputs, gradients,
                    (input, gradient) => Backward(code, layer, input, gradient, inputGradientsOfSample));
                break;
        }
    }

    /// <summary>
    /// Writes a loop over the batch's samples around <paramref name="call"/>, given one sample's slices of the two
    /// spans (<paramref name="firstSize"/> and <paramref name="secondSize"/> values per sample).
    /// </summary>
    public static void EachSample(CodeWriter code, int firstSize, int secondSize, string first, string second, System.Action<string, string> call)
    {
        code.Open("for (int sample = 0; sample < batch; sample++)");
        call($"{first}.Slice(sample * {firstSize}, {firstSize})", $"{second}.Slice(sample * {secondSize}, {secondSize})");
        code.Close();
    }

    /// <summary>
    /// Whether the layer's kernel applies its activation as it writes, saving a pass over the output. Only a
    /// convolution's ReLU: fusing tanh into the dense kernel measured slower (the JIT would not inline it there).
    /// </summary>
    public static bool FusesActivation(LayerPlan layer) => layer is Conv2DLayerPlan && layer.Activation == ActivationKind.ReLU;

    /// <summary>Writes <paramref name="output"/> = the layer's weighted sums (or pooled values) of <paramref name="input"/>.</summary>
    /// <remarks>With <paramref name="fuse"/>, the kernel applies the layer's activation as it writes (see <see cref="FusesActivation"/>).</remarks>
    public static void Forward(CodeWriter code, LayerPlan layer, string input, string output, bool fuse = false)
    {
        int n = layer.Number;
        switch (layer)
        {
            case DenseLayerPlan:
                code.Line($"{RuntimeCalls.DenseKernels}.Forward(");
                code.Line($"    {Weights(n)}, {Biases(n)},");
                code.Line($"    {input}, {output});");
                break;
            case Conv2DLayerPlan conv:
                code.Line($"{Conv2DKernels}.{(fuse ? "ForwardReLU" : "Forward")}(");
                code.Line($"    {Weights(n)}, {Biases(n)},");
                code.Line($"    {input}, {output},");
                code.Line($"    {Geometry(conv)});");
                break;
            case PoolLayerPlan pool:
                code.Line($"{PoolingKernels}.{(pool.IsMax ? "MaxForward" : "AverageForward")}({input}, {output}, {PoolGeometry(pool)});");
                break;
            case GlobalAveragePoolLayerPlan global:
                code.Line($"{PoolingKernels}.GlobalAverageForward({input}, {output}, {GlobalGeometry(global)});");
                break;
            case BatchNormLayerPlan batchNorm:
                code.Line($"{BatchNormKernels}.InferenceForward(");
                code.Line($"    {Weights(n)}, {Biases(n)},");
                code.Line($"    {RunningMean(n)}, {RunningVariance(n)},");
                code.Line($"    {input}, {output}, planeSize: {batchNorm.PlaneSize}, epsilon: {RuntimeCalls.Float(batchNorm.Epsilon)});");
                break;
        }
    }

    /// <summary>
    /// Training-mode batch normalisation of a whole batch: normalises with the batch's statistics, keeps them in
    /// <paramref name="statistics"/> (mean, then inverse standard deviation) and updates the running ones in <c>state</c>.
    /// </summary>
    public static void BatchNormTrainingForward(CodeWriter code, BatchNormLayerPlan layer, string inputs, string outputs, string statistics)
    {
        int n = layer.Number;
        code.Line($"{BatchNormKernels}.TrainingForward(");
        code.Line($"    {Weights(n)}, {Biases(n)},");
        code.Line($"    {RunningMean(n)}, {RunningVariance(n)},");
        code.Line($"    {inputs}, {outputs}, {statistics}Mean, {statistics}InverseStd,");
        code.Line($"    planeSize: {layer.PlaneSize}, momentum: {RuntimeCalls.Float(layer.Momentum)}, epsilon: {RuntimeCalls.Float(layer.Epsilon)});");
    }

    /// <summary>Backpropagates <see cref="BatchNormTrainingForward"/> through the batch statistics.</summary>
    public static void BatchNormTrainingBackward(CodeWriter code, BatchNormLayerPlan layer, string inputs, string gradient, string statistics, string inputGradients)
    {
        int n = layer.Number;
        code.Line($"{BatchNormKernels}.TrainingBackward({Weights(n)}, {inputs}, {gradient}, {statistics}Mean, {statistics}InverseStd,");
        code.Line($"    {WeightGradients(n)}, {BiasGradients(n)}, {inputGradients}, planeSize: {layer.PlaneSize});");
    }

    /// <summary>
    /// Adds the layer's parameter gradients from <paramref name="gradient"/> (dLoss/d its sums) and
    /// writes dLoss/d its input to <paramref name="inputGradients"/> (the kernels skip an empty span).
    /// </summary>
    public static void Backward(CodeWriter code, LayerPlan layer, string input, string gradient, string inputGradients)
    {
        int n = layer.Number;
        switch (layer)
        {
            case DenseLayerPlan:
                code.Line($"{RuntimeCalls.DenseKernels}.Backward({Weights(n)}, {input}, {gradient},");
                code.Line($"    {WeightGradients(n)}, {BiasGradients(n)}, {inputGradients});");
                break;
            case Conv2DLayerPlan conv:
                code.Line($"{Conv2DKernels}.Backward({Weights(n)}, {input}, {gradient},");
                code.Line($"    {WeightGradients(n)}, {BiasGradients(n)}, {inputGradients},");
                code.Line($"    {Geometry(conv)});");
                break;
            case PoolLayerPlan { IsMax: true } pool:
                code.Line($"{PoolingKernels}.MaxBackward({input}, {gradient}, {inputGradients}, {PoolGeometry(pool)});");
                break;
            case PoolLayerPlan pool:
                code.Line($"{PoolingKernels}.AverageBackward({gradient}, {inputGradients}, {PoolGeometry(pool)});");
                break;
            case DropoutLayerPlan:
                code.Line($"{DropoutKernels}.Backward({gradient}, {DropoutMask(n)}, {inputGradients});");
                break;
            case GlobalAveragePoolLayerPlan global:
                code.Line($"{PoolingKernels}.GlobalAverageBackward({gradient}, {inputGradients}, {GlobalGeometry(global)});");
                break;
            case BatchNormLayerPlan batchNorm:
                code.Line($"{BatchNormKernels}.InferenceBackward({Weights(n)}, {RunningMean(n)}, {RunningVariance(n)}, {input}, {gradient},");
                code.Line($"    {WeightGradients(n)}, {BiasGradients(n)}, {inputGradients}, planeSize: {batchNorm.PlaneSize}, epsilon: {RuntimeCalls.Float(batchNorm.Epsilon)});");
                break;
        }
    }

    private static string Weights(int n) => $"parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";

    private static string Biases(int n) => $"parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount)";

    private static string RunningMean(int n) => $"state.Slice(Layer{n}.RunningMeanOffset, Layer{n}.Features)";

    private static string RunningVariance(int n) => $"state.Slice(Layer{n}.RunningVarianceOffset, Layer{n}.Features)";

    private static string WeightGradients(int n) => $"parameterGradients.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";

    private static string BiasGradients(int n) => $"parameterGradients.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount)";

    private static string Geometry(Conv2DLayerPlan conv) =>
        $"inputChannels: {conv.InputShape.Channels}, inputHeight: {conv.InputShape.Height}, inputWidth: {conv.InputShape.Width}, "
        + $"kernel: {conv.Kernel}, stride: {conv.Stride}, padding: {conv.Padding}";

    private static string GlobalGeometry(GlobalAveragePoolLayerPlan global) =>
        $"channels: {global.InputShape.Channels}, planeSize: {global.InputShape.Height * global.InputShape.Width}";

    private static string PoolGeometry(PoolLayerPlan pool) =>
        $"channels: {pool.InputShape.Channels}, inputHeight: {pool.InputShape.Height}, inputWidth: {pool.InputShape.Width}, size: {pool.Size}";
}
