using System;

namespace StaticNet.TestSupport;

/// <summary>Seeded random parameters, inputs and targets that suit a network's loss.</summary>
public static class RandomData
{
    public static float[] Uniform(Random random, int count, double scale)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return values;
    }

    /// <summary>A target that suits <paramref name="loss"/>: one-hot, probabilities, or any values.</summary>
    public static float[] Target(Random random, Loss loss, int count) => loss switch
    {
        Loss.CrossEntropy => OneHot(random, count),
        Loss.BinaryCrossEntropy => Probabilities(random, count),
        _ => Uniform(random, count, 1.0),
    };

    /// <summary>One sample's target for a network's heads: each head's part suits its loss.</summary>
    public static float[] Target(Random random, System.Collections.Generic.IReadOnlyList<OutputHead> heads)
    {
        var values = new System.Collections.Generic.List<float>();
        foreach (OutputHead head in heads)
        {
            values.AddRange(Target(random, head.Loss, head.Size));
        }

        return values.ToArray();
    }

    /// <summary>A probability vector (sums to one) for cross-entropy.</summary>
    public static float[] OneHot(Random random, int count)
    {
        var values = new float[count];
        values[random.Next(count)] = 1f;
        return values;
    }

    /// <summary>Values in [0, 1] for binary cross-entropy (soft labels test the general formula).</summary>
    public static float[] Probabilities(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        return values;
    }
}
