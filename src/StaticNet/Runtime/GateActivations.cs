namespace StaticNet.Runtime;

/// <summary>A recurrent layer's gate activations over spans, inference's form or training's (the span path of its kernels).</summary>
internal static class GateActivations
{
    /// <summary>Sigmoid of every value, in place.</summary>
    public static void Sigmoid(System.Span<float> values, bool inference)
    {
        if (inference)
        {
            VectorMath.Map<GateSigmoidAtInference>(values, values);
        }
        else
        {
            VectorMath.Sigmoid(values, values);
        }
    }

    /// <summary>tanh of every value, from <paramref name="source"/> into <paramref name="destination"/> (they may be the same).</summary>
    public static void Tanh(System.ReadOnlySpan<float> source, System.Span<float> destination, bool inference)
    {
        if (inference)
        {
            VectorMath.Map<RationalTanhActivation>(source, destination);
        }
        else
        {
            VectorMath.Tanh(source, destination);
        }
    }

    /// <summary>tanh of every value, in place.</summary>
    public static void Tanh(System.Span<float> values, bool inference) => Tanh(values, values, inference);
}
