using System;

namespace StaticNet;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability <c>rate</c> and the kept ones
/// are scaled by <c>1 / (1 - rate)</c>; at inference (Forward, and the Backward without a random
/// generator) it passes values through unchanged. No parameters.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute : LayerAttribute
{
    /// <summary>Declares a dropout layer.</summary>
    /// <param name="rate">The probability of zeroing each value, in [0, 1).</param>
    public DropoutAttribute(float rate) => Rate = rate;

    /// <summary>The probability of zeroing each value.</summary>
    public float Rate { get; }
}
