using System.Collections.Generic;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>How a layer takes part in one forward pass.</summary>
internal enum LayerRole
{
    /// <summary>It views its input's values differently (Flatten): no code, its output is its input.</summary>
    View,

    /// <summary>It passes its values through unchanged in this pass (Dropout at inference): no code.</summary>
    PassThrough,

    /// <summary>It draws a random mask and keeps it for the backward pass (Dropout in training).</summary>
    Masked,

    /// <summary>It computes: kernel calls or unrolled code, then its activation.</summary>
    Computing,
}

/// <summary>
/// The one walk over a network's layers that Forward, Backward, ForwardBatch and BackwardBatch share: which layers take
/// part in the forward pass and how, and which, output layer first, in the backward pass. The methods differ in how
/// they write a step (locals or spans, one sample or a batch), never in which steps there are.
/// </summary>
internal static class LayerWalk
{
    /// <summary>
    /// Every layer in order with its role, the head it is (null for a hidden layer), and whether later layers read its
    /// values too (a head they read is computed as a hidden layer, then copied out).
    /// </summary>
    /// <param name="training">Whether dropout draws masks (training) or passes values through (inference).</param>
    public static IEnumerable<(LayerPlan Layer, LayerRole Role, HeadPlan? Head, bool IsRead)> Forward(NetworkPlan plan, bool training)
    {
        var flow = new GradientFlow(plan);
        foreach (LayerPlan layer in plan.Layers)
        {
            LayerRole role = layer.IsView ? LayerRole.View
                : training && layer is IMaskedLayer ? LayerRole.Masked
                : !training && layer.IsIdentityAtInference ? LayerRole.PassThrough
                : LayerRole.Computing;
            HeadPlan? head = null;
            foreach (HeadPlan candidate in plan.Heads)
            {
                head = candidate.Layer == layer.Number ? candidate : head;
            }

            yield return (training ? layer : layer with { AtInference = true }, role, head, flow.IsReadByLayers(layer.Number));
        }
    }

    /// <summary>The layers the backward pass goes through, the last first; views have nothing to do.</summary>
    public static IEnumerable<LayerPlan> Backward(NetworkPlan plan)
    {
        for (int number = plan.Layers.Count; number >= 1; number--)
        {
            LayerPlan layer = plan.Layers[number - 1];
            if (!layer.IsView)
            {
                yield return layer;
            }
        }
    }
}
