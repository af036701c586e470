using System.Collections.Generic;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// A network's tensors in PyTorch's <c>state_dict</c> order, named as the equivalent <c>nn.Sequential</c> names them:
/// every layer one module and every activation other than the identity another right after it, so the 4-6-2
/// network's tensors are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>. A graph's are named by its
/// layers' names (<c>trunk.weight</c>; <c>layer3.bias</c> for an unnamed one), as attributes of a custom module would
/// be. Parameters come in the order of the parameter span, state (batch-norm running statistics) in the order of the
/// state span; a layer that shares another's tensors has none of its own.
/// </summary>
internal static class TensorLayout
{
    /// <param name="Shape">Comma-separated sizes, as in <c>8, 4</c>.</param>
    /// <param name="Offset">Where it starts in the parameter span, or in the state span when <paramref name="IsState"/>.</param>
    internal readonly record struct Tensor(string Name, int Layer, string Role, string Shape, bool IsState, int Offset, int Count);

    public static IEnumerable<Tensor> Of(NetworkPlan plan)
    {
        int module = 0;
        foreach (LayerPlan layer in plan.Layers)
        {
            // A graph is a module with a submodule per layer, named as the layer is (layerN without a name), its
            // activation the submodule "<name>.activation"; a chain is an nn.Sequential, activations modules of their own.
            string name = plan.IsGraph ? layer.LayerName ?? $"layer{layer.Number}" : Index(module);
            foreach (Tensor tensor in layer.Tensors(name))
            {
                yield return tensor;
            }

            if (layer.SlopeCount > 0)
            {
                // nn.PReLU(num_parameters): its one tensor is "weight".
                string activation = plan.IsGraph ? name + ".activation" : Index(module + 1);
                yield return new Tensor($"{activation}.weight", layer.Number, "PReLU slopes", $"{layer.SlopeCount}", false, layer.SlopeOffset, layer.SlopeCount);
            }

            module += layer.Activation == ActivationKind.Identity ? 1 : 2;
        }
    }

    private static string Index(int module) => module.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
