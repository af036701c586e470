using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using StaticNet.Runtime;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The one-value forms of the vector activations, which run where vectors are not accelerated (and are all there is on
/// netstandard2.1), against the lanes they stand in for: the piecewise ones bit for bit, the ones built on exp and tanh
/// within a few units in the last place of 1 or the value (their scalar exp and tanh round on their own, not fused as the
/// lanes are).
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
public class ScalarFormTests
{
    private const int SmoothUlps = 4;

    public static TheoryData<string> Piecewise => ["Hardtanh", "HardSigmoid", "HardSwish", "SigmoidFromOutput", "TanhFromOutput"];

    public static TheoryData<string> Smooth => ["GELU", "GELUTanh", "SiLU"];

    [Theory]
    [MemberData(nameof(Piecewise))]
    public void Piecewise_activations_give_the_lanes_bits(string name)
    {
        foreach (float z in Points())
        {
            (float scalar, float lanes, float scalarGradient, float lanesGradient) = Both(name, z, gradY: 0.75f);
            Assert.True(Same(scalar, lanes), $"{name}({z:R}): {scalar:R} against {lanes:R}");
            Assert.True(Same(scalarGradient, lanesGradient), $"{name}'({z:R}): {scalarGradient:R} against {lanesGradient:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Smooth))]
    public void Smooth_activations_stay_within_a_few_ulps_of_the_lanes(string name)
    {
        foreach (float z in Points())
        {
            (float scalar, float lanes, float scalarGradient, float lanesGradient) = Both(name, z, gradY: 0.75f);
            Assert.True(Close(scalar, lanes), $"{name}({z:R}): {scalar:R} against {lanes:R}");
            // At an infinite input the gradient is infinity times the density's exp: the lanes clamp that exp to a tiny
            // number (infinity), the scalar exp gives 0 (NaN). Neither is the limit; no network's sums reach it.
            Assert.True(Close(scalarGradient, lanesGradient) || float.IsInfinity(z), $"{name}'({z:R}): {scalarGradient:R} against {lanesGradient:R}");
        }
    }

    private static (float Scalar, float Lanes, float ScalarGradient, float LanesGradient) Both(string name, float z, float gradY) => name switch
    {
        "Hardtanh" => Of<HardtanhVector>(z, gradY),
        "HardSigmoid" => Of<HardSigmoidVector>(z, gradY),
        "HardSwish" => Of<HardSwishVector>(z, gradY),
        "GELU" => Of<GELUVector>(z, gradY),
        "GELUTanh" => Of<GELUTanhVector>(z, gradY),
        "SiLU" => Of<SiLUVector>(z, gradY),
        "SigmoidFromOutput" => GradientOf<Activations.SigmoidFromOutput>(z, gradY, Activations.SigmoidGradient),
        "TanhFromOutput" => GradientOf<Activations.TanhFromOutput>(z, gradY, Activations.TanhGradient),
        _ => throw new ArgumentException(name),
    };

    private static (float, float, float, float) Of<T>(float z, float gradY)
        where T : struct, IVectorActivation, IVectorGradient, IElementwiseActivation
    {
        T form = default;
        return (form.Apply(z), form.Apply(Vector256.Create(z)).ToScalar(), form.Gradient(z, gradY), form.Gradient(Vector256.Create(z), Vector256.Create(gradY)).ToScalar());
    }

    /// <summary>A gradient from the output (no value to compare): its one-value form against its lanes, which the span form runs.</summary>
    private static (float, float, float, float) GradientOf<T>(float y, float gradY, SpanGradientForm span)
        where T : struct, IVectorGradient, IElementwiseGradient
    {
        T form = default;
        float lanes = form.Gradient(Vector256.Create(y), Vector256.Create(gradY)).ToScalar();
        var result = new float[1];
        span([y], [gradY], result);
        Assert.Equal(Bits(lanes), Bits(result[0]));
        return (0f, 0f, form.Gradient(y, gradY), lanes);
    }

    private delegate void SpanGradientForm(ReadOnlySpan<float> y, ReadOnlySpan<float> gradY, Span<float> gradZ);

    private static IEnumerable<float> Points()
    {
        foreach (float special in new[] { 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f })
        {
            yield return special;
        }

        // Every corner of the piecewise ones and either side of it, then a sweep past where the smooth ones saturate.
        foreach (float corner in new[] { -6f, -3f, -1f, 1f, 3f, 6f })
        {
            yield return corner;
            yield return MathF.BitDecrement(corner);
            yield return MathF.BitIncrement(corner);
        }

        for (float z = -30f; z <= 30f; z += 0.0137f)
        {
            yield return z;
        }
    }

    /// <summary>
    /// Within a few ulps of the larger of the value and 1: the gradients cancel to near zero in places (SiLU's near
    /// -1.28), where a rounding of the terms is many ulps of the small difference.
    /// </summary>
    private static bool Close(float a, float b) =>
        Bits(a) == Bits(b) || (float.IsNaN(a) && float.IsNaN(b)) || Math.Abs((double)a - b) <= SmoothUlps * Math.Pow(2, -23) * Math.Max(1, Math.Abs((double)a));

    /// <summary>The same bits, or both NaN (a NaN's payload is the hardware's to choose).</summary>
    private static bool Same(float a, float b) => Bits(a) == Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);
}
