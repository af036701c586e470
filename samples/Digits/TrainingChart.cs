using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Training;

namespace Digits;

/// <summary>Writes the loss and accuracy curves of a training run as a standalone SVG file.</summary>
public static class TrainingChart
{
    private const int Width = 420;
    private const int Height = 260;
    private const int Margin = 40;

    public static void Write(TrainingHistory history, string path)
    {
        IReadOnlyList<EpochReport> epochs = history.Epochs;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{2 * Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        Panel(svg, 0, "Loss", epochs, e => e.TrainingLoss, e => e.ValidationLoss, history.BestEpoch);
        Panel(svg, Width, "Accuracy", epochs, e => e.TrainingAccuracy, e => e.ValidationAccuracy, history.BestEpoch);
        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Panel(StringBuilder svg, int left, string title, IReadOnlyList<EpochReport> epochs,
        Func<EpochReport, float> training, Func<EpochReport, float?> validation, int bestEpoch)
    {
        float[] values = epochs.Select(training).Concat(epochs.Select(validation).Where(v => v.HasValue).Select(v => v!.Value)).ToArray();
        float low = Math.Min(0f, values.Min());
        float high = values.Max() * 1.05f;
        double X(int epoch) => left + Margin + ((Width - (2 * Margin)) * (epoch - 1) / (double)Math.Max(1, epochs.Count - 1));
        double Y(float value) => Height - Margin - ((Height - (2 * Margin)) * (value - low) / (high - low));

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + Margin}\" y=\"20\" font-size=\"14\">{title} per epoch</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + Margin}\" y1=\"{Height - Margin}\" x2=\"{left + Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{left + Margin}\" y1=\"{Margin}\" x2=\"{left + Margin}\" y2=\"{Height - Margin}\" stroke=\"#444\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + 4}\" y=\"{Y(high) + 4:F1}\">{high:G3}</text><text x=\"{left + 4}\" y=\"{Y(low) + 4:F1}\">{low:G3}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{left + Width - Margin - 40}\" y=\"{Height - Margin + 16}\">epoch {epochs.Count}</text>\n");
        if (bestEpoch > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(bestEpoch):F1}\" y1=\"{Margin}\" x2=\"{X(bestEpoch):F1}\" y2=\"{Height - Margin}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>\n");
        }

        Series(svg, epochs.Select((e, i) => (i + 1, (float?)training(e))), X, Y, "#1f77b4", "training", left + Margin + 10, 34);
        Series(svg, epochs.Select((e, i) => (i + 1, validation(e))), X, Y, "#d62728", "validation", left + Margin + 90, 34);
    }

    private static void Series(StringBuilder svg, IEnumerable<(int Epoch, float? Value)> points, Func<int, double> x, Func<float, double> y,
        string colour, string label, int legendX, int legendY)
    {
        string[] coordinates = points.Where(p => p.Value.HasValue && float.IsFinite(p.Value.Value))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{x(p.Epoch):F1},{y(p.Value!.Value):F1}"))
            .ToArray();
        if (coordinates.Length == 0)
        {
            return;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', coordinates)}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{legendY - 8}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{legendX + 14}\" y=\"{legendY + 1}\">{label}</text>\n");
    }
}
