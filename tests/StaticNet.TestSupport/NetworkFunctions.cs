using System;

namespace StaticNet.TestSupport;

/// <summary>A generated network's <c>Forward</c>, as a delegate so tests can treat networks alike.</summary>
public delegate void ForwardFunction(ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, Span<float> output);

/// <summary>A generated network's <c>Backward</c>, as a delegate.</summary>
public delegate float BackwardFunction(
    ReadOnlySpan<float> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> target,
    Span<float> parameterGradients, Span<float> inputGradients);

/// <summary>A generated network's sizes and methods.</summary>
public sealed record NetworkFunctions(
    string Name, int ParameterCount, int InputSize, int OutputSize, ForwardFunction Forward, BackwardFunction Backward)
{
    /// <summary>
    /// <c>PackParameters</c> then <c>ForwardPacked</c>, where the network has them (dense layers, no state): the same
    /// contract as <see cref="Forward"/>.
    /// </summary>
    public ForwardFunction? ForwardThroughPacked { get; init; }

    public override string ToString() => Name;
}
