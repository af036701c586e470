using System;

namespace StaticNet.Training;

/// <summary>
/// Whether a network's losses can score a sample: finite inputs and targets, and for a cross-entropy or binary
/// cross-entropy head, targets that are probabilities in [0, 1] (a target of 2 or -1 trains towards nothing a sigmoid
/// or softmax can give, and its loss can go negative without end). Problems read as the end of a sentence naming the
/// sample: <c>, because its target contains NaN</c>.
/// </summary>
internal static class SampleCheck
{
    /// <summary>The first problem of sample <paramref name="row"/>, or "".</summary>
    public static string Problem(INetwork network, Dataset data, int row)
    {
        foreach (float value in data.Input(row))
        {
            if (!float.IsFinite(value))
            {
                return $", because its input contains {value}";
            }
        }

        foreach (float value in data.Target(row))
        {
            if (!float.IsFinite(value))
            {
                return $", because its target contains {value}";
            }
        }

        return RangeProblem(network, data, row);
    }

    /// <summary>A finite target outside [0, 1] for a head whose loss takes probabilities, or "".</summary>
    public static string RangeProblem(INetwork network, Dataset data, int row)
    {
        ReadOnlySpan<float> target = data.Target(row);
        foreach (OutputHead head in network.Heads)
        {
            if (head.Loss == Loss.MeanSquaredError)
            {
                continue;
            }

            foreach (float value in target.Slice(head.Offset, head.Size))
            {
                if (value is < 0f or > 1f)
                {
                    return $", because its target {value} for {(network.Heads.Count > 1 ? $"head '{head.Name}' " : "")}({head.Loss}) is not a probability in [0, 1]";
                }
            }
        }

        return "";
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> on <paramref name="parameter"/> naming the first sample with a problem:
    /// <see cref="Problem"/> by default, or the narrower <paramref name="problemOf"/> (<see cref="RangeProblem"/>).
    /// </summary>
    public static void RequireScorable(INetwork network, Dataset data, string parameter, string what, Func<INetwork, Dataset, int, string>? problemOf = null)
    {
        problemOf ??= Problem;
        for (int row = 0; row < data.Count; row++)
        {
            string problem = problemOf(network, data, row);
            if (problem.Length > 0)
            {
                throw new ArgumentException($"{what} sample {row} cannot be scored{problem}.", parameter);
            }
        }
    }
}
