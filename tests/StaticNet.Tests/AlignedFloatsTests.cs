using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StaticNet.Benchmarks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary><see cref="AlignedFloats"/>: zeroed, of the length asked, on a 64-byte boundary that a collection does not move, and usable where a network's spans go.</summary>
public class AlignedFloatsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1633)]
    public void It_holds_zeroed_floats_from_a_64_byte_boundary_that_stays_put(int length)
    {
        var floats = new AlignedFloats(length);
        Assert.Equal(length, floats.Length);
        Assert.Equal(length, floats.Span.Length);
        Assert.True(floats.Span.IndexOfAnyExcept(0f) < 0);
        if (RuntimeBuild.IsPortable)
        {
            return; // netstandard2.1 has no pinned heap: no boundary to keep there
        }

        long before = Address(floats.Span);
        Assert.Equal(0, before % 64);

        // Garbage and a full collection around it: pinned memory keeps its place, so the boundary stays where it was.
        for (int i = 0; i < 1000; i++)
        {
            _ = new float[100 + i];
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        Assert.Equal(before, Address(floats.Span));
    }

    [Fact]
    public void A_negative_length_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlignedFloats(-1));
    }

    [Fact]
    public void A_packed_copy_in_it_gives_the_bits_of_one_in_an_array()
    {
        var parameters = new float[N3.ParameterCount];
        N3.Initialize(parameters, seed: 3);
        var packedArray = new float[N3.ParameterCount];
        N3.PackParameters(parameters, packedArray);
        var packed = new AlignedFloats(N3.ParameterCount);
        N3.PackParameters(parameters, packed.Span);
        float[] input = RandomData.Uniform(new Random(4), N3.InputSize, 1.0);
        var fromArray = new float[N3.OutputSize];
        var fromAligned = new float[N3.OutputSize];
        N3.ForwardPacked(packedArray, input, fromArray);
        N3.ForwardPacked(packed.Span, input, fromAligned);
        Assert.Equal(FloatBits.Of(fromArray), FloatBits.Of(fromAligned));
    }

    private static unsafe long Address(Span<float> span) => (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
