using System;
using Xunit.Sdk;

namespace StaticNet.TestSupport;

/// <summary>
/// Comparison against float64 references: relative tolerance with an absolute floor, as the
/// fixtures' README prescribes (1e-4 for outputs and losses, 1e-3 for gradients, floor 1e-5).
/// </summary>
public static class Tolerance
{
    public const double Values = 1e-4;
    public const double Gradients = 1e-3;
    public const double Floor = 1e-5;

    public static void Close(double expected, double actual, double relative, string what, double floor = Floor)
    {
        if (!(Math.Abs(expected - actual) <= Math.Max(floor, relative * Math.Abs(expected))))
        {
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R} (relative tolerance {relative}).");
        }
    }

    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double relative, string what, double floor = Floor)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values, got {actual.Length}.");
        }

        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], relative, $"{what}[{i}]", floor);
        }
    }
}
