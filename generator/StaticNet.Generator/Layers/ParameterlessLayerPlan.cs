using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A kind without parameters (pooling, Flatten, Dropout, joins that only move values): no tensors, nothing to
/// initialise. Kinds with parameters derive from <see cref="LayerPlan"/> itself, which makes them state both.
/// </summary>
internal abstract record ParameterlessLayerPlan(int Number, string Description, Shape InputShape, Shape OutputShape, int Offset)
    : LayerPlan(Number, Description, InputShape, OutputShape, Offset, 0, Offset, 0, 0)
{
    public sealed override IEnumerable<TensorLayout.Tensor> Tensors(string module) => [];

    public sealed override void WriteInitialization(CodeWriter writer, LayerPlan activated)
    {
    }
}
