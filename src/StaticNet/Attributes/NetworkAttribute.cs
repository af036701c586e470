using System;

namespace StaticNet;

/// <summary>
/// Marks a partial class as a network. Its layers are the layer attributes on the class, in source
/// order, starting with <see cref="InputAttribute"/>. The StaticNet generator adds the network's
/// constants and its <c>Forward</c> and <c>Backward</c> methods to the class.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss <c>Backward</c> computes. Default: <see cref="StaticNet.Loss.MeanSquaredError"/>.</summary>
    public Loss Loss { get; set; } = Loss.MeanSquaredError;

    /// <summary>
    /// Dense layers with at most this many weights (a quarter as many with Tanh or Sigmoid, whose scalar forms
    /// cost more than their vector forms) are unrolled into straight-line code; larger ones loop through SIMD
    /// kernels. Default 192, where unrolled and looped code break even on a 2-core AMD EPYC (see the README's
    /// performance section); 0 never unrolls. Large values make large methods: the generator warns (SN0031)
    /// past 1,024 unrolled weights, where the JIT optimises them poorly.
    /// </summary>
    public int Unroll { get; set; } = 192;

    /// <summary>
    /// A weight file (saved by <c>SaveWeights</c>) to compile into the network: list it as an <c>AdditionalFiles</c>
    /// item of the project and name it here by its path or the end of it. The generator checks it against the
    /// architecture at compile time (SN0032 to SN0035) and adds <c>TrainedParameters</c> (and <c>TrainedState</c>),
    /// constant data in the assembly, and <c>PredictTrained</c>, <c>PredictTrainedBatch</c> and
    /// <c>PredictTrainedClass</c>, which run the network on them. Default: none.
    /// </summary>
    public string? Weights { get; set; }
}
