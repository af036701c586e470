using StaticNet.Generator.Model;

namespace StaticNet.Generator.Planning;

/// <summary>
/// One output of the network: the layer whose values it is, its loss and that loss's weight, and where its values sit
/// in each sample's <c>output</c> and <c>target</c>. A chain has one, its last layer with <c>[Network(Loss)]</c>; a graph
/// has one per <c>[Output]</c>, numbered from 1 in their order.
/// </summary>
internal sealed record HeadPlan(int Number, int Layer, LossKind Loss, float Weight, string Name, int Offset, int Size);
