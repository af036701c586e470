using System.Collections.Generic;
using System.Globalization;
using System.Text;
using StaticNet.Generator.Layers;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// A Keras-style table of the layers: output shape, parameters and multiply-accumulates. As in Keras, a layer's
/// parameters include its non-trainable state (batch-norm running statistics), and the totals split the two. A graph's
/// table has a column "From" naming what each layer reads, as Keras's functional models have "Connected to".
/// </summary>
internal static class SummaryBuilder
{
    public static string Build(NetworkPlan plan)
    {
        bool graph = plan.IsGraph;
        var rows = new List<string[]>
        {
            new[] { "Layer (type)", "Output shape", "Params", "MACs", "From" },
        };
        rows.Add(new[] { "input (Input)", plan.InputShape.ToString(), "0", "0", "" });
        foreach (LayerPlan layer in plan.Layers)
        {
            rows.Add(new[]
            {
                $"{Name(plan, layer.Number)} ({layer.Description})",
                layer.OutputShape.ToString(),
                Number(layer.ParameterCount + (layer is IStatefulLayer stateful ? stateful.StateCount : 0)),
                Number(layer.MultiplyAccumulates),
                string.Join(", ", System.Linq.Enumerable.Select(layer.Sources, source => Name(plan, source))),
            });
        }

        int[] widths = { 0, 0, 0, 0, 0 };
        foreach (string[] row in rows)
        {
            for (int c = 0; c < widths.Length; c++)
            {
                widths[c] = System.Math.Max(widths[c], row[c].Length);
            }
        }

        int total = widths[0] + widths[1] + widths[2] + widths[3] + 6 + (graph ? widths[4] + 2 : 0);
        var text = new StringBuilder();
        text.Append("Network: ").Append(plan.Target.FullName).Append('\n');
        text.Append(new string('_', total)).Append('\n');
        for (int r = 0; r < rows.Count; r++)
        {
            string[] row = rows[r];
            string line = row[0].PadRight(widths[0] + 2) + row[1].PadRight(widths[1] + 2) + row[2].PadLeft(widths[2]) + "  "
                + row[3].PadLeft(widths[3]) + (graph ? "  " + row[4] : "");
            text.Append(line.TrimEnd()).Append('\n');
            if (r == 0)
            {
                text.Append(new string('=', total)).Append('\n');
            }
        }

        text.Append(new string('=', total)).Append('\n');
        text.Append("Total params: ").Append(Number((long)plan.ParameterCount + plan.StateCount)).Append('\n');
        text.Append("Trainable params: ").Append(Number(plan.ParameterCount)).Append('\n');
        text.Append("Non-trainable params: ").Append(Number(plan.StateCount)).Append('\n');
        text.Append("Multiply-accumulates per sample: ").Append(Number(plan.MultiplyAccumulates)).Append('\n');
        if (!plan.HasHeads)
        {
            text.Append("Loss: ").Append(plan.Loss.ToString()).Append('\n');
            return text.ToString();
        }

        foreach (HeadPlan head in plan.Heads)
        {
            text.Append("Output ").Append(head.Number).Append(" '").Append(head.Name).Append("': ").Append(Name(plan, head.Layer))
                .Append(", values ").Append(head.Offset).Append("..").Append(head.Offset + head.Size).Append(", ").Append(head.Loss.ToString())
                .Append(head.Weight == 1f ? "" : " x " + head.Weight.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>How the table calls value <paramref name="number"/>: <c>input</c>, the layer's name, or <c>layerN</c>.</summary>
    private static string Name(NetworkPlan plan, int number) =>
        number == 0 ? "input" : plan.Layers[number - 1].LayerName ?? plan.Layers[number - 1].AutomaticName;

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
