namespace StaticNet.Generator.Emit;

/// <summary>
/// Names the layers' code shares: the views of a layer's parameters and gradients by its <c>LayerN</c> constants,
/// the runtime's kernel classes, and the loop over a batch's samples.
/// </summary>
internal static class LayerCalls
{
    public const string PoolingKernels = "global::StaticNet.Runtime.PoolingKernels";
    public const string DropoutKernels = "global::StaticNet.Runtime.DropoutKernels";

    /// <summary>The empty span passed where no input gradients are wanted.</summary>
    public const string NoGradients = "global::System.Span<float>.Empty";

    /// <summary>The span holding a dropout layer's mask during Backward.</summary>
    public static string DropoutMask(int layer) => $"m{layer}";

    public static string Weights(int n) => $"parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";

    public static string Biases(int n) => $"parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount)";

    /// <summary>A PReLU layer's slopes in the parameters.</summary>
    public static string Slopes(int n) => $"parameters.Slice(Layer{n}.SlopeOffset, Layer{n}.SlopeCount)";

    public static string WeightGradients(int n) => $"parameterGradients.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount)";

    public static string BiasGradients(int n) => $"parameterGradients.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount)";

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
}
