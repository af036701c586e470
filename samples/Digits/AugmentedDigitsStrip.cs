using System;
using System.Globalization;
using System.IO;
using System.Text;
using StaticNet.Training;

namespace Digits;

/// <summary>Draws a few digits as SVG, each followed by augmented copies of it as the trainer would see them.</summary>
public static class AugmentedDigitsStrip
{
    private const int Pixel = 6;
    private const int Gap = 8;

    public static void Write(Dataset digits, Augmentation augmentation, int rows, int copies, string path)
    {
        int side = 8 * Pixel;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{(copies + 1) * (side + Gap) + Gap}\" height=\"{rows * (side + Gap) + Gap}\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        var random = new SeededRandom(3);
        var image = new float[digits.InputSize];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column <= copies; column++)
            {
                digits.Input(row).CopyTo(image);
                if (column > 0)
                {
                    augmentation.Apply(image, ref random);
                }

                Draw(svg, image, Gap + (column * (side + Gap)), Gap + (row * (side + Gap)));
            }
        }

        svg.Append("</svg>\n");
        File.WriteAllText(path, svg.ToString());
    }

    private static void Draw(StringBuilder svg, float[] image, int left, int top)
    {
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 8; x++)
            {
                // Ink 0..1 as grey on white; noise may step outside that range.
                int grey = (int)Math.Round(255 * (1 - Math.Clamp(image[(y * 8) + x], 0f, 1f)));
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{left + (x * Pixel)}\" y=\"{top + (y * Pixel)}\" width=\"{Pixel}\" height=\"{Pixel}\" fill=\"rgb({grey},{grey},{grey})\"/>\n");
            }
        }
    }
}
