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

    /// <summary>The span holding a dropout layer's mask during Backward.</summary>
    public static string DropoutMask(int layer) => $"m{layer}";

    /// <summary>Draws a dropout layer's mask (rate 0 outside training) and applies it.</summary>
    public static void DropoutForward(CodeWriter code, DropoutLayerPlan layer, string input, string output) =>
        code.Line($"{DropoutKernels}.Forward({input}, {output}, {DropoutMask(layer.Number)}, training ? {RuntimeCalls.Float(layer.Rate)} : 0f, ref random);");

    /// <summary>Writes <paramref name="output"/> = the layer's weighted sums (or pooled values) of <paramref name="input"/>.</summary>
    public static void Forward(CodeWriter code, LayerPlan layer, string input, string output)
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
                code.Line($"{Conv2DKernels}.Forward(");
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
        }
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
        }
    }

    private static string Weights(int n) => $"parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";

    private static string Biases(int n) => $"parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount)";

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
