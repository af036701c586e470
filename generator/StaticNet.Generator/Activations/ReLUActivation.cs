using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary><c>max(0, z)</c>; PyTorch's gradient at 0 is 0.</summary>
internal sealed class ReLUActivation() : KernelActivation(
    ActivationKind.ReLU, kernel: "ReLU", gradientReadsInput: true, isCostly: false, heInitialized: true, fusedKernel: "ReLU")
{
    /// <summary>The vector <c>Max</c> has <c>MathF.Max</c>'s IEEE semantics (NaN stays NaN, -0 becomes 0): the same bits.</summary>
    public override string? ApplyVector(LayerPlan layer, string vector, string vectorType) => $"{vectorType}.Max({vector}, {vectorType}<float>.Zero)";

    public override void WriteOnnx(CodeWriter writer, LayerPlan layer)
    {
        writer.Line("graph.Node(\"Relu\");");
    }
}
