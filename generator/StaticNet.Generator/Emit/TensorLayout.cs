using System.Collections.Generic;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// A network's tensors in PyTorch's <c>state_dict</c> order, named as the equivalent <c>nn.Sequential</c> names them:
/// every layer one module and every activation other than the identity another right after it, so the 4-6-2
/// network's tensors are <c>0.weight</c>, <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>. Parameters come in the
/// order of the parameter span, state (batch-norm running statistics) in the order of the state span.
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
            foreach (Tensor tensor in layer.Tensors(module))
            {
                yield return tensor;
            }

            if (layer.SlopeCount > 0)
            {
                // nn.PReLU(num_parameters) is the module after the layer's: its one tensor is "weight".
                yield return new Tensor($"{module + 1}.weight", layer.Number, "PReLU slopes", $"{layer.SlopeCount}", false, layer.SlopeOffset, layer.SlopeCount);
            }

            module += layer.Activation == ActivationKind.Identity ? 1 : 2;
        }
    }
}
