using System.Collections.Generic;
using System.Text;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>Code pieces for dense layers shared by Forward and Backward.</summary>
internal static class DenseCode
{
    /// <summary>Terms per line in long unrolled sums.</summary>
    private const int TermsPerLine = 8;

    public static string Weights(int layer) => "w" + layer;

    public static string Biases(int layer) => "b" + layer;

    /// <summary>A comment naming the layer, its shapes, and how its code is shaped.</summary>
    public static string Comment(LayerPlan layer) =>
        $"// Layer {layer.Number}: {layer.Description}, {layer.InputShape} -> {layer.OutputShape}, "
        + (layer.Unrolled ? "unrolled." : "looped.");

    /// <summary>Declares the layer's weight and bias views into <c>parameters</c>.</summary>
    public static void DeclareParameters(CodeWriter code, DenseLayerPlan layer)
    {
        int n = layer.Number;
        code.Line($"// Weights [{layer.Outputs}, {layer.Inputs}] row-major at parameters[{layer.WeightOffset}..{layer.BiasOffset}), "
            + $"biases at parameters[{layer.BiasOffset}..{layer.BiasOffset + layer.BiasCount}).");
        code.Line($"{RuntimeCalls.ReadOnlySpan} {Weights(n)} = parameters.Slice(Layer{n}.WeightOffset, Layer{n}.WeightCount);");
        code.Line($"{RuntimeCalls.ReadOnlySpan} {Biases(n)} = parameters.Slice(Layer{n}.BiasOffset, Layer{n}.BiasCount);");
    }

    /// <summary><c>b[row] + sum_j w[row, j] * x_j</c>, wrapped over lines for wide layers.</summary>
    public static string WeightedSum(DenseLayerPlan layer, Vector input, int row)
    {
        var terms = new List<string> { $"{Biases(layer.Number)}[{row}]" };
        for (int j = 0; j < layer.Inputs; j++)
        {
            terms.Add($"{Weights(layer.Number)}[{(row * layer.Inputs) + j}] * {input.Element(j)}");
        }

        return Join(terms);
    }

    /// <summary><c>sum_i w[i, column] * g_i</c>: one element of <c>Wᵀ g</c>.</summary>
    public static string TransposedSum(DenseLayerPlan layer, Vector gradient, int column)
    {
        var terms = new List<string>();
        for (int i = 0; i < layer.Outputs; i++)
        {
            terms.Add($"{Weights(layer.Number)}[{(i * layer.Inputs) + column}] * {gradient.Element(i)}");
        }

        return Join(terms);
    }

    /// <summary>Joins terms with " + ", starting a new indented line every few terms.</summary>
    private static string Join(List<string> terms)
    {
        var text = new StringBuilder();
        for (int i = 0; i < terms.Count; i++)
        {
            if (i > 0)
            {
                text.Append(i % TermsPerLine == 0 ? "\n    + " : " + ");
            }

            text.Append(terms[i]);
        }

        return text.ToString();
    }

    /// <summary>Writes a statement whose expression may span several lines.</summary>
    public static void Statement(CodeWriter code, string text)
    {
        foreach (string line in text.Split('\n'))
        {
            code.Line(line);
        }
    }
}
