using System;

namespace StaticNet;

/// <summary>
/// The shape of one sample: an image of <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/> values
/// (channel-major, then row-major: CHW, as PyTorch lays them out), or a flat vector of <see cref="Size"/> values.
/// A network's <c>InputShape</c> says which its input is.
/// </summary>
public readonly record struct SampleShape
{
    private SampleShape(int channels, int height, int width, bool isImage)
    {
        Channels = channels;
        Height = height;
        Width = width;
        IsImage = isImage;
    }

    /// <summary>Image channels; 1 for a flat vector.</summary>
    public int Channels { get; }

    /// <summary>Image rows; 1 for a flat vector.</summary>
    public int Height { get; }

    /// <summary>Image columns; the length of a flat vector.</summary>
    public int Width { get; }

    /// <summary>Whether the sample is an image (declared <c>[Input(channels, height, width)]</c>).</summary>
    public bool IsImage { get; }

    /// <summary>The number of values in one sample.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>A flat vector of <paramref name="size"/> values.</summary>
    public static SampleShape Flat(int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return new SampleShape(1, 1, size, isImage: false);
    }

    /// <summary>An image of <paramref name="channels"/> x <paramref name="height"/> x <paramref name="width"/> values.</summary>
    public static SampleShape Image(int channels, int height, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if ((long)channels * height * width > int.MaxValue)
        {
            throw new ArgumentException($"An image of {channels} x {height} x {width} values is larger than a span can hold.");
        }

        return new SampleShape(channels, height, width, isImage: true);
    }

    /// <summary>"(64)" for a flat vector, "(1, 8, 8)" for an image, as the network's Summary writes shapes.</summary>
    public override string ToString() => IsImage ? $"({Channels}, {Height}, {Width})" : $"({Width})";
}
