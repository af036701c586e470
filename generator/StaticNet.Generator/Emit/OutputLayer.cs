using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>The layer that produces the outputs: the last one with weights (Flatten after it only relabels).</summary>
internal static class OutputLayer
{
    public static int Number(NetworkPlan plan)
    {
        for (int i = plan.Layers.Count - 1; i >= 0; i--)
        {
            if (!plan.Layers[i].IsView)
            {
                return plan.Layers[i].Number;
            }
        }

        return 0;
    }
}
