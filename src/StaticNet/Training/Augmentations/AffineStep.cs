using System;

namespace StaticNet.Training.Augmentations;

/// <summary>
/// Rotates an image by an angle drawn uniformly from [-maxDegrees, maxDegrees] and scales it by a factor drawn
/// uniformly from [minScale, maxScale], both about the image's centre, resampling bilinearly: each output pixel
/// takes the four input pixels around the point it came from, a pixel outside the image counting as the fill value.
/// </summary>
internal sealed class AffineStep(double maxDegrees, double minScale, double maxScale, float fill, double probability)
    : AugmentationStep(probability)
{
    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        double radians = maxDegrees == 0 ? 0 : ((random.NextDouble() * 2) - 1) * maxDegrees * Math.PI / 180;
        double scale = minScale == maxScale ? minScale : minScale + (random.NextDouble() * (maxScale - minScale));
        if (radians == 0 && scale == 1)
        {
            return;
        }

        sample.CopyTo(scratch);
        int height = shape.Height, width = shape.Width;
        double centreX = (width - 1) / 2.0, centreY = (height - 1) / 2.0;
        // The inverse map: where in the input each output pixel comes from (rotate back, then undo the scale).
        double cos = Math.Cos(radians) / scale, sin = Math.Sin(radians) / scale;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double dx = x - centreX, dy = y - centreY;
                double sourceX = (cos * dx) + (sin * dy) + centreX;
                double sourceY = (-sin * dx) + (cos * dy) + centreY;
                int left = (int)Math.Floor(sourceX), top = (int)Math.Floor(sourceY);
                float across = (float)(sourceX - left), down = (float)(sourceY - top);
                for (int channel = 0; channel < shape.Channels; channel++)
                {
                    Span<float> plane = scratch.Slice(channel * height * width, height * width);
                    float upper = Lerp(Pixel(plane, shape, left, top, fill), Pixel(plane, shape, left + 1, top, fill), across);
                    float lower = Lerp(Pixel(plane, shape, left, top + 1, fill), Pixel(plane, shape, left + 1, top + 1, fill), across);
                    sample[(((channel * height) + y) * width) + x] = Lerp(upper, lower, down);
                }
            }
        }
    }

    private static float Lerp(float from, float to, float amount) => from + ((to - from) * amount);

    private static float Pixel(ReadOnlySpan<float> plane, SampleShape shape, int x, int y, float fill) =>
        x >= 0 && x < shape.Width && y >= 0 && y < shape.Height ? plane[(y * shape.Width) + x] : fill;
}
