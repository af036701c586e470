using System;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Layers;

namespace StaticNet.Generator.Activations;

/// <summary>An activation of each value on its own: its unrolled code is one scalar expression per value, forward and back.</summary>
internal abstract class ElementwiseActivation : ActivationUnit
{
    /// <summary>The activation of <paramref name="layer"/>'s output <paramref name="index"/> applied to the scalar expression <paramref name="z"/>.</summary>
    public abstract string Apply(LayerPlan layer, string z, int index);

    /// <summary>dLoss/dz of output <paramref name="index"/> from dLoss/dy = <paramref name="gradient"/>, reading <paramref name="source"/> (z or y).</summary>
    public abstract string Gradient(LayerPlan layer, string source, string gradient, int index);

    /// <summary>Each output right after its sum (kept in a local when asked).</summary>
    public sealed override void WriteUnrolled(CodeWriter code, LayerPlan layer, int count, Func<int, string> sum, Func<int, string> target, bool keepSums)
    {
        for (int i = 0; i < count; i++)
        {
            string z = sum(i);
            if (keepSums)
            {
                z = $"z{layer.Number}_{i}";
                RuntimeCalls.Statement(code, $"float {z} = {sum(i)};");
            }

            RuntimeCalls.Statement(code, $"{target(i)} = {Apply(layer, z, i)};");
        }
    }

    public sealed override void WriteSpans(CodeWriter code, LayerPlan layer, string source, string destination, bool batch) =>
        WriteIfAny(code, ApplySpan(layer, source, destination));

    public sealed override void WriteGradientSpans(CodeWriter code, LayerPlan layer, string source, string gradient, bool batch) =>
        WriteIfAny(code, GradientSpan(layer, source, gradient));

    private static void WriteIfAny(CodeWriter code, string statement)
    {
        if (statement.Length > 0)
        {
            code.Line(statement);
        }
    }

    /// <summary>One gradient per output; a unit that learns parameters (PReLU) writes their gradients too and overrides this.</summary>
    public override void WriteUnrolledGradient(CodeWriter code, LayerPlan layer, LayerValues source, Func<int, string> upstream, int count)
    {
        for (int j = 0; j < count; j++)
        {
            RuntimeCalls.Statement(code, $"float g{layer.Number}_{j} = {Gradient(layer, source.Element(j), upstream(j), j)};");
        }
    }
}
