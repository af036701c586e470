using System;

namespace StaticNet;

/// <summary>
/// The shape of one sample: an image of <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/> values
/// (channel-major, then row-major: CHW, as PyTorch lays them out), a sequence of <see cref="Steps"/> steps of
/// <see cref="Features"/> values (step-major), or a flat vector of <see cref="Size"/> values.
/// A network's <c>InputShape</c> says which its input is.
/// </summary>
public readonly record struct SampleShape
{
    private SampleShape(int channels, int height, int width, bool isImage, bool isSequence = false)
    {
        Channels = channels;
        Height = height;
        Width = width;
        IsImage = isImage;
        IsSequence = isSequence;
    }

    /// <summary>Image channels; 1 for a flat vector.</summary>
    public int Channels { get; }

    /// <summary>Image rows; 1 for a flat vector.</summary>
    public int Height { get; }

    /// <summary>Image columns; the length of a flat vector.</summary>
    public int Width { get; }

    /// <summary>Whether the sample is an image (declared <c>[Input(channels, height, width)]</c>).</summary>
    public bool IsImage { get; }

    /// <summary>Whether the sample is a sequence (declared <c>[Input(steps, features)]</c>): <see cref="Height"/> steps of <see cref="Width"/> features.</summary>
    public bool IsSequence { get; }

    /// <summary>A sequence's time steps (its <see cref="Height"/>).</summary>
    public int Steps => Height;

    /// <summary>A sequence's values per step (its <see cref="Width"/>).</summary>
    public int Features => Width;

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

    /// <summary>A sequence of <paramref name="steps"/> steps of <paramref name="features"/> values, step-major.</summary>
    public static SampleShape Sequence(int steps, int features)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if ((long)steps * features > int.MaxValue)
        {
            throw new ArgumentException($"A sequence of {steps} x {features} values is larger than a span can hold.");
        }

        return new SampleShape(1, steps, features, isImage: false, isSequence: true);
    }

    /// <summary>"(64)" for a flat vector, "(32, 1)" for a sequence, "(1, 8, 8)" for an image, as the network's Summary writes shapes.</summary>
    public override string ToString() => IsImage ? $"({Channels}, {Height}, {Width})" : IsSequence ? $"({Steps}, {Features})" : $"({Width})";
}
