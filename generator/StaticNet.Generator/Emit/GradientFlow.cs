using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// How gradients reach each value of a network (0 is the input, n the outputs of layer n; a view's values are its
/// source's): from how many uses, and whether one of them is a join or the loss. A value with one plain reader gets its
/// gradient straight from that reader, through its activation in the same step, as in any chain; every other value
/// sums the gradients of its uses first.
/// </summary>
internal sealed class GradientFlow
{
    private readonly int[] readers;
    private readonly bool[] readByJoin;
    private readonly bool[] isHead;

    public GradientFlow(NetworkPlan plan)
    {
        readers = new int[plan.Layers.Count + 1];
        readByJoin = new bool[plan.Layers.Count + 1];
        isHead = new bool[plan.Layers.Count + 1];
        foreach (LayerPlan layer in plan.Layers)
        {
            if (layer.IsView)
            {
                continue;
            }

            foreach (int source in layer.Sources)
            {
                int value = plan.Holder(source);
                readers[value]++;
                readByJoin[value] |= layer is IJoinLayer;
            }
        }

        foreach (HeadPlan head in plan.Heads)
        {
            isHead[head.Layer] = true;
        }
    }

    /// <summary>Whether later layers that compute read the value (directly or through views).</summary>
    public bool IsReadByLayers(int value) => readers[value] > 0;

    /// <summary>Whether exactly one layer reads the value, not as a join's operand, and it is no output: a chain's case.</summary>
    public bool HasOneReader(int value) => readers[value] == 1 && !readByJoin[value] && !isHead[value];
}
