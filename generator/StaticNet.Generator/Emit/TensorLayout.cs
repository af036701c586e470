using System.Collections.Generic;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// A network's tensors in PyTorch's <c>state_dict</c> order, named as PyTorch names a module's attributes (API.md
/// "Tensor names"): a layer with a <c>Name</c> is the module of that name (<c>fc.weight</c>; a dotted name is a nested
/// module, <c>trunk.0.weight</c>), in a chain as in a graph. An unnamed layer of a chain keeps its index in the equivalent
/// <c>nn.Sequential</c>, every activation other than the identity a module of its own right after it (the 4-6-2
/// network's tensors are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>); an unnamed layer of a graph is
/// <c>layerN</c>. Parameters come in the order of the parameter span, state (batch-norm running statistics) in the order
/// of the state span; a layer that shares another's tensors has none of its own.
/// </summary>
internal static class TensorLayout
{
    /// <param name="Shape">Comma-separated sizes, as in <c>8, 4</c>.</param>
    /// <param name="Offset">Where it starts in the parameter span, or in the state span when <paramref name="IsState"/>.</param>
    internal readonly record struct Tensor(string Name, int Layer, string Role, string Shape, bool IsState, int Offset, int Count);

    public static IEnumerable<Tensor> Of(NetworkPlan plan) => Of(plan.Layers, plan.IsGraph);

    public static IEnumerable<Tensor> Of(IReadOnlyList<LayerPlan> layers, bool isGraph)
    {
        int module = 0;
        foreach (LayerPlan layer in layers)
        {
            string name = ModuleName(layer, isGraph, module);
            foreach (Tensor tensor in layer.Tensors(name))
            {
                yield return tensor;
            }

            if (layer.SlopeCount > 0)
            {
                // nn.PReLU(num_parameters): its one tensor is "weight". A named (or graph) layer's activation is its
                // submodule "activation"; an unnamed chain layer's is the next module of the nn.Sequential.
                string activation = layer.IsActivationModule ? name : layer.LayerName is null && !isGraph ? Index(module + 1) : name + ".activation";
                yield return new Tensor($"{activation}.weight", layer.Number, "PReLU slopes", $"{layer.SlopeCount}", false, layer.SlopeOffset, layer.SlopeCount);
            }

            module += layer.IsActivationModule || layer.Activation == ActivationKind.Identity ? 1 : 2;
        }
    }

    /// <summary>
    /// The named parts of a streaming state (<c>StreamStateSlots</c>), in the order of the state span: each streaming
    /// layer's parts (a GRU's <c>h</c>, an LSTM's <c>h</c> and <c>c</c>, a causal convolution's <c>history</c>) after its
    /// module name, as its tensors are named.
    /// </summary>
    public static IEnumerable<Tensor> StreamState(NetworkPlan plan)
    {
        int module = 0;
        int offset = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer is IStreamingLayer streaming)
            {
                string name = ModuleName(layer, plan.IsGraph, module);
                foreach (StatePart part in streaming.StepStateParts)
                {
                    yield return new Tensor($"{name}.{part.Suffix}", layer.Number, part.Role, part.Shape, true, offset, part.Count);
                    offset += part.Count;
                }
            }

            module += layer.IsActivationModule || layer.Activation == ActivationKind.Identity ? 1 : 2;
        }
    }

    /// <summary>The module a layer's tensors belong to: its Name, else its nn.Sequential index (a chain) or layerN (a graph).</summary>
    private static string ModuleName(LayerPlan layer, bool isGraph, int module) =>
        layer.LayerName ?? (isGraph ? layer.AutomaticName : Index(module));

    private static string Index(int module) => module.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
