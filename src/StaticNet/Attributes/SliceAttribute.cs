using System;

namespace StaticNet;

/// <summary>
/// A contiguous part of one value: features <c>[start, start + length)</c> of a flat value, or those channels of a CHW
/// volume. With <see cref="LayerAttribute.From"/> it picks parts of the input, e.g. the two halves a Siamese pair compares.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class SliceAttribute : LayerAttribute
{
    /// <summary>Declares a slice.</summary>
    /// <param name="start">The first feature (or channel) kept.</param>
    /// <param name="length">How many features (or channels) are kept.</param>
    public SliceAttribute(int start, int length)
    {
        Start = start;
        Length = length;
    }

    /// <summary>The first feature (or channel) kept.</summary>
    public int Start { get; }

    /// <summary>How many features (or channels) are kept.</summary>
    public int Length { get; }
}
