namespace StaticNet.Generator.Planning;

/// <summary>
/// A layer's output shape: a flat vector of <see cref="Width"/> values, a CHW volume, or a sequence of
/// <see cref="Steps"/> steps of <see cref="Features"/> values each (stored step-major, <see cref="Height"/> by
/// <see cref="Width"/>). Dimensions are positive once planned; <see cref="Size"/> is a long so that products never overflow.
/// </summary>
internal readonly record struct Shape(int Channels, int Height, int Width, bool IsFlat)
{
    public static Shape Flat(int size) => new(1, 1, size, IsFlat: true);

    public static Shape Volume(int channels, int height, int width) => new(channels, height, width, IsFlat: false);

    public static Shape Sequence(int steps, int features) => new(1, steps, features, IsFlat: false) { IsSequence = true };

    /// <summary>Whether this is a sequence: <see cref="Steps"/> rows of <see cref="Features"/> values.</summary>
    public bool IsSequence { get; init; }

    /// <summary>Whether this is a CHW volume (an image or feature maps).</summary>
    public bool IsVolume => !IsFlat && !IsSequence;

    /// <summary>A sequence's time steps.</summary>
    public int Steps => Height;

    /// <summary>A sequence's values per step.</summary>
    public int Features => Width;

    public long Size => (long)Channels * Height * Width;

    public override string ToString() => IsFlat ? $"({Width})" : IsSequence ? $"({Steps}, {Features})" : $"({Channels}, {Height}, {Width})";
}
