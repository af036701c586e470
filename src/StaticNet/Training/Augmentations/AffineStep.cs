using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    public override AugmentationStep? FuseWith(AugmentationStep step)
    {
        if (step is not AffineStep next)
        {
            return null;
        }

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

        // The image with a border of one fill pixel: every position whose 2 x 2 neighbours touch the image reads them
        // from here without a test, and one further out is the fill alone.
        int paddedWidth = shape.Width + 2, paddedHeight = shape.Height + 2, paddedPlane = paddedWidth * paddedHeight;
        Span<float> padded = scratch[..(shape.Channels * paddedPlane)];
        Pad(sample, shape, padded);
        double centreX = (shape.Width - 1) / 2.0, centreY = (shape.Height - 1) / 2.0;
        // The inverse map: where in the input each output pixel comes from (rotate back, then undo the scale), plus
        // one for the border. Along a row it moves by (cos, -sin) per pixel.
        double cos = Math.Cos(radians) / scale, sin = Math.Sin(radians) / scale;
        // Fixed point needs every position to fit an int; only a scale near 0 (everything from far outside) does not.
        bool fixedPointFits = (Math.Abs(cos) + Math.Abs(sin)) * (paddedWidth + paddedHeight) < FixedPointReach;
        int plane = shape.Height * shape.Width;
        // Where output pixel (0, 0) comes from; a row down moves it by (sin, cos).
        double originX = (cos * -centreX) + (sin * -centreY) + centreX + 1, originY = (-sin * -centreX) + (cos * -centreY) + centreY + 1;
        // A channel at a time, its positions worked out again: a loop over one plane keeps its pointers in registers,
        // which a loop over all channels at each pixel did not (1.6 times slower for one channel).
        for (int channel = 0; channel < shape.Channels; channel++)
        {
            ReadOnlySpan<float> input = padded.Slice(channel * paddedPlane, paddedPlane);
            Span<float> output = sample.Slice(channel * plane, plane);
            if (fixedPointFits)
            {
                ResamplePlaneInFixedPoint(input, output, shape, originX, originY, cos, sin);
            }
            else
            {
                ResamplePlane(input, output, shape, originX, originY, cos, sin);
            }
        }
    }

    /// <summary>Each channel with a border of one fill pixel.</summary>
    public override int ScratchLength(SampleShape shape) => checked(shape.Channels * (shape.Height + 2) * (shape.Width + 2));

    private const double FixedPointReach = 1 << 30;

    private const double FixedPointOne = 4294967296.0;

    /// <summary>The top 24 bits of a 32-bit fraction, as a float in [0, 1).</summary>
    private const float FractionUnit = 1f / (1 << 24);

    private void Pad(ReadOnlySpan<float> sample, SampleShape shape, Span<float> padded)
    {
        int width = shape.Width, paddedWidth = width + 2, plane = shape.Height * width;
        for (int channel = 0, at = 0; channel < shape.Channels; channel++)
        {
            padded.Slice(at, paddedWidth + 1).Fill(fill);   // the top border and the first row's left
            at += paddedWidth + 1;
            for (int y = 0; y < shape.Height; y++, at += paddedWidth)
            {
                sample.Slice((channel * plane) + (y * width), width).CopyTo(padded[at..]);
                padded.Slice(at + width, 2).Fill(fill);       // this row's right and the next one's left
            }

            padded.Slice(at, paddedWidth - 1).Fill(fill);   // the rest of the bottom border
            at += paddedWidth - 1;
        }
    }

    /// <summary>
    /// One channel from its padded input plane, the source positions in 32.32 fixed point: exact steps along a row and
    /// down the rows, the floor a shift and the fraction the low bits, twice as fast as the same in doubles (positions
    /// agree to 1e-8 of a pixel).
    /// </summary>
    private void ResamplePlaneInFixedPoint(
        ReadOnlySpan<float> input, Span<float> output, SampleShape shape, double originX, double originY, double cos, double sin)
    {
        long rowX = ToFixedPoint(originX), rowY = ToFixedPoint(originY);
        long acrossX = ToFixedPoint(cos), acrossY = ToFixedPoint(-sin), downX = ToFixedPoint(sin), downY = ToFixedPoint(cos);
        int width = shape.Width, height = shape.Height, paddedWidth = width + 2;
        float outside = fill;
        ref float first = ref MemoryMarshal.GetReference(input);
        ref float pixel = ref MemoryMarshal.GetReference(output);   // steps through the plane: the output is the plane's size
        for (int y = 0; y < height; y++, rowX += downX, rowY += downY)
        {
            long positionX = rowX, positionY = rowY;
            for (int x = 0; x < width; x++, positionX += acrossX, positionY += acrossY, pixel = ref Unsafe.Add(ref pixel, 1))
            {
                int left = (int)(positionX >> 32), top = (int)(positionY >> 32);
                if ((uint)left <= (uint)width && (uint)top <= (uint)height)
                {
                    float across = (int)((uint)positionX >> 8) * FractionUnit, down = (int)((uint)positionY >> 8) * FractionUnit;
                    pixel = Blend(ref Unsafe.Add(ref first, (top * paddedWidth) + left), paddedWidth, across, down);
                }
                else
                {
                    pixel = outside;
                }
            }
        }
    }

    private static long ToFixedPoint(double value) => (long)Math.Round(value * FixedPointOne);

    /// <summary>One channel, the source positions in doubles: for scales too small for fixed point.</summary>
    private void ResamplePlane(
        ReadOnlySpan<float> input, Span<float> output, SampleShape shape, double originX, double originY, double cos, double sin)
    {
        int width = shape.Width, height = shape.Height, paddedWidth = width + 2;
        for (int y = 0; y < height; y++)
        {
            double positionX = originX + (y * sin), positionY = originY + (y * cos);
            for (int x = 0; x < width; x++, positionX += cos, positionY -= sin)
            {
                double left = Math.Floor(positionX), top = Math.Floor(positionY);
                // Beyond what an int holds is far outside, as is any position two pixels out: the fill.
                output[(y * width) + x] = left >= 0 && left <= width && top >= 0 && top <= height
                    ? Blend(
                        ref MemoryMarshal.GetReference(input[(((int)top * paddedWidth) + (int)left)..]),
                        paddedWidth,
                        (float)(positionX - left),
                        (float)(positionY - top))
                    : fill;
            }
        }
    }

    /// <summary>
    /// The bilinear blend of the 2 x 2 pixels from <paramref name="corner"/> (top left; the caller has checked all four
    /// lie inside the padded plane) in a plane this wide.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Blend(ref float corner, int width, float across, float down)
    {
        float topLeft = corner, topRight = Unsafe.Add(ref corner, 1);
        float bottomLeft = Unsafe.Add(ref corner, width), bottomRight = Unsafe.Add(ref corner, width + 1);
        float upper = MathF.FusedMultiplyAdd(topRight - topLeft, across, topLeft);
        float lower = MathF.FusedMultiplyAdd(bottomRight - bottomLeft, across, bottomLeft);
        return MathF.FusedMultiplyAdd(lower - upper, down, upper);
    }
}
