namespace StaticNet;

/// <summary>The per-sample loss that <c>Backward</c> returns and differentiates.</summary>
public enum Loss
{
    /// <summary>Mean over the outputs of <c>(y - t)^2</c>.</summary>
    MeanSquaredError,

    /// <summary><c>-sum(t * log(p))</c> with <c>p</c> the softmax output; the last layer must be Softmax.</summary>
    CrossEntropy,

    /// <summary>Mean over the outputs of <c>-(t log y + (1 - t) log(1 - y))</c>; the last layer must be Sigmoid.</summary>
    BinaryCrossEntropy,
}
