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
    // Fields rather than captured parameters: FuseWith reads another step's.
    private readonly double maxDegrees = maxDegrees;
    private readonly double minScale = minScale;
    private readonly double maxScale = maxScale;
    private readonly float fill = fill;

    /// <summary>
    /// A rotation followed by a scaling (or the other way round: about the same centre they commute), both applied to
    /// every sample with the same fill, as one resampling: half the work, and one bilinear blur instead of two. The
    /// angle is drawn before the factor either way.
    /// </summary>
    public AffineStep? FuseWith(AffineStep next)
    {
        bool rotationThenScale = minScale == 1 && maxScale == 1 && next.maxDegrees == 0;
        bool scaleThenRotation = maxDegrees == 0 && next.minScale == 1 && next.maxScale == 1;
        if (Probability < 1 || next.Probability < 1 || fill.CompareTo(next.fill) != 0 || !(rotationThenScale || scaleThenRotation))
        {
            return null;
        }

        return rotationThenScale
            ? new AffineStep(maxDegrees, next.minScale, next.maxScale, fill, 1)
            : new AffineStep(next.maxDegrees, minScale, maxScale, fill, 1);
    }

    public override void Apply(Span<float> sample, SampleShape shape, ref SeededRandom random, Span<float> scratch)
    {
        double radians = maxDegrees == 0 ? 0 : ((random.NextDouble() * 2) - 1) * maxDegrees * Math.PI / 180;
        double scale = minScale == maxScale ? minScale : minScale + (random.NextDouble() * (maxScale - minScale));
        if (radians == 0 && scale == 1)
        {
            return;
        }

        int height = shape.Height, width = shape.Width, plane = height * width;
        Span<float> source = scratch[..sample.Length];
        sample.CopyTo(source);
        double centreX = (width - 1) / 2.0, centreY = (height - 1) / 2.0;
        // The inverse map: where in the input each output pixel comes from (rotate back, then undo the scale). Along
        // a row it moves by (cos, -sin) per pixel.
        double cos = Math.Cos(radians) / scale, sin = Math.Sin(radians) / scale;
        for (int y = 0; y < height; y++)
        {
            double sourceX = (cos * -centreX) + (sin * (y - centreY)) + centreX;
            double sourceY = (-sin * -centreX) + (cos * (y - centreY)) + centreY;
            for (int x = 0; x < width; x++, sourceX += cos, sourceY -= sin)
            {
                int left = (int)Math.Floor(sourceX), top = (int)Math.Floor(sourceY);
                float across = (float)(sourceX - left), down = (float)(sourceY - top);
                int output = (y * width) + x;
                if (left >= 0 && top >= 0 && left < width - 1 && top < height - 1)
                {
                    // All four neighbours inside: most pixels, read without checks.
                    int at = (top * width) + left;
                    for (int channel = 0, offset = 0; channel < shape.Channels; channel++, offset += plane)
                    {
                        float upper = Lerp(source[offset + at], source[offset + at + 1], across);
                        float lower = Lerp(source[offset + at + width], source[offset + at + width + 1], across);
                        sample[offset + output] = Lerp(upper, lower, down);
                    }

                    continue;
                }

                for (int channel = 0, offset = 0; channel < shape.Channels; channel++, offset += plane)
                {
                    ReadOnlySpan<float> image = source.Slice(offset, plane);
                    float upper = Lerp(Pixel(image, shape, left, top), Pixel(image, shape, left + 1, top), across);
                    float lower = Lerp(Pixel(image, shape, left, top + 1), Pixel(image, shape, left + 1, top + 1), across);
                    sample[offset + output] = Lerp(upper, lower, down);
                }
            }
        }
    }

    private static float Lerp(float from, float to, float amount) => from + ((to - from) * amount);

    private float Pixel(ReadOnlySpan<float> image, SampleShape shape, int x, int y) =>
        x >= 0 && x < shape.Width && y >= 0 && y < shape.Height ? image[(y * shape.Width) + x] : fill;
}
