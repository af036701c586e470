using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Training;

namespace Residual;

/// <summary>Validation accuracy per epoch of several training runs, one line each, as a standalone SVG file.</summary>
public static class ComparisonChart
{
    private const int Width = 560;
    private const int Height = 300;
    private const int Margin = 44;
    private static readonly string[] Colours = ["#d62728", "#1f77b4", "#2ca02c", "#9467bd"];

    public static void Write(string path, params (string Label, TrainingHistory History)[] runs)
    {
        int epochs = runs.Max(run => run.History.Epochs.Count);
        double X(int epoch) => Margin + ((Width - (2 * Margin)) * (epoch - 1) / (double)System.Math.Max(1, epochs - 1));
        double Y(double accuracy) => Height - Margin - ((Height - (2 * Margin)) * accuracy);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"20\" font-size=\"14\">Validation accuracy per epoch</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" y1=\"{Margin}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"6\" y=\"{Y(1) + 4:F1}\">100%</text><text x=\"14\" y=\"{Y(0) + 4:F1}\">0%</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Margin - 40}\" y=\"{Height - Margin + 16}\">epoch {epochs}</text>\n");
        for (int r = 0; r < runs.Length; r++)
        {
            IEnumerable<string> points = runs[r].History.Epochs
                .Where(e => e.ValidationAccuracy is { } a && float.IsFinite(a))
                .Select(e => string.Create(CultureInfo.InvariantCulture, $"{X(e.Epoch):F1},{Y(e.ValidationAccuracy!.Value):F1}"));
            string colour = Colours[r % Colours.Length];
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', points)}\"/>\n");
            int legendX = Margin + 10 + (r * 170);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"30\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{legendX + 14}\" y=\"39\">{runs[r].Label}</text>\n");
        }

        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }
}
