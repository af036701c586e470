using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Baking;

/// <summary>
/// What the emitter writes one network from: its plan, the weights baked into it (null when it asks for none, or
/// when its weight file does not fit: then the rest is still generated, so the one diagnostic is the only error),
/// and every diagnostic about it, the plan's and the weight file's.
/// </summary>
internal sealed record NetworkBuild(NetworkPlan Plan, BakedWeights? Weights, EquatableArray<DiagnosticInfo> Diagnostics);
