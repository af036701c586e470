using System.Collections.Generic;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Layers;

/// <summary>
/// A kind without parameters and without an activation (pooling, Flatten, Dropout, Slice, Concat): no tensors, nothing
/// to initialise, nothing applied after it. Kinds with parameters or an activation derive from <see cref="LayerPlan"/>
/// itself, which makes them state all of these.
/// </summary>
internal abstract record ParameterlessLayerPlan(int Number, string Description, Shape InputShape, Shape OutputShape, int Offset)
    : LayerPlan(Number, Description, InputShape, OutputShape, Offset, 0, Offset, 0, 0)
{
    public sealed override bool HasActivation => false;

    public sealed override ActivationKind Activation => ActivationKind.Identity;

    public sealed override float Slope => 0f;

    public sealed override IEnumerable<TensorLayout.Tensor> Tensors(string module) => [];

    public sealed override void WriteInitialization(CodeWriter writer, LayerPlan activated)
    {
    }
}
