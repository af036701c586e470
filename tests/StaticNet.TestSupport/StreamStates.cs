using System;
using System.Collections.Generic;
using StaticNet.Storage;

namespace StaticNet.TestSupport;

/// <summary>Streaming states that a stream could have reached, for tests that start streams somewhere other than a reset.</summary>
public static class StreamStates
{
    /// <summary>
    /// <paramref name="streams"/> states of uniform values in ±<paramref name="scale"/>, each causal convolution's ring
    /// position (a <c>.position</c> part of <paramref name="slots"/>) a whole number below its ring's length, as a step leaves it.
    /// </summary>
    public static float[] Random(Random random, IReadOnlyList<TensorSlot> slots, int stateCount, int streams, double scale)
    {
        float[] states = RandomData.Uniform(random, streams * stateCount, scale);
        for (int i = 0; i < slots.Count; i++)
        {
            if (slots[i].Name.EndsWith(".position", StringComparison.Ordinal))
            {
                int ringLength = slots[i - 1].Shape[0];
                for (int stream = 0; stream < streams; stream++)
                {
                    states[(stream * stateCount) + slots[i].Offset] = random.Next(ringLength);
                }
            }
        }

        return states;
    }
}
