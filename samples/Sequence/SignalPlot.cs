using System;
using System.Globalization;
using System.IO;
using System.Text;

/// <summary>Writes a few signals of one length as an SVG line chart: one polyline each, a legend, a zero line.</summary>
internal static class SignalPlot
{
    public static void Write(string path, string title, params (string Name, string Color, float[] Values)[] series)
    {
        const int Width = 900, Height = 300, Margin = 30;
        int length = series[0].Values.Length;
        float low = -1f, high = 1f;
        foreach ((_, _, float[] values) in series)
        {
            foreach (float value in values)
            {
                low = Math.Min(low, value);
                high = Math.Max(high, value);
            }
        }

        string X(int t) => (Margin + ((Width - (2.0 * Margin)) * t / Math.Max(length - 1, 1))).ToString("F1", CultureInfo.InvariantCulture);
        string Y(float v) => (Margin + ((Height - (2.0 * Margin)) * (high - v) / (high - low))).ToString("F1", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.AppendLine($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>");
        svg.AppendLine($"<text x=\"{Margin}\" y=\"18\">{title}</text>");
        svg.AppendLine($"<line x1=\"{Margin}\" y1=\"{Y(0)}\" x2=\"{Width - Margin}\" y2=\"{Y(0)}\" stroke=\"#ccc\"/>");
        for (int s = 0; s < series.Length; s++)
        {
            (string name, string color, float[] values) = series[s];
            svg.Append($"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.2\" points=\"");
            for (int t = 0; t < length; t++)
            {
                svg.Append(X(t)).Append(',').Append(Y(values[t])).Append(' ');
            }

            svg.AppendLine("\"/>");
            svg.AppendLine($"<text x=\"{Width - Margin - 220 + (s * 75)}\" y=\"18\" fill=\"{color}\">{name}</text>");
        }

        svg.AppendLine("</svg>");
        File.WriteAllText(path, svg.ToString());
    }
}
