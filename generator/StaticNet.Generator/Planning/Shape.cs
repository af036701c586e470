namespace StaticNet.Generator.Planning;

/// <summary>
/// A layer's output shape: a flat vector of <see cref="Width"/> values, or a CHW volume.
/// Dimensions are positive once planned; <see cref="Size"/> is a long so that products never overflow.
/// </summary>
internal readonly record struct Shape(int Channels, int Height, int Width, bool IsFlat)
{
    public static Shape Flat(int size) => new(1, 1, size, IsFlat: true);

    public static Shape Volume(int channels, int height, int width) => new(channels, height, width, IsFlat: false);

    public long Size => (long)Channels * Height * Width;

    public override string ToString() => IsFlat ? $"({Width})" : $"({Channels}, {Height}, {Width})";
}
