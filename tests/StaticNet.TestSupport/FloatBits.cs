using System;
using System.Linq;

namespace StaticNet.TestSupport;

/// <summary>Floats as their bit patterns, for tests that expect two computations to agree to the bit (and tell -0 from 0).</summary>
public static class FloatBits
{
    public static int[] Of(ReadOnlySpan<float> values) => values.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
}
