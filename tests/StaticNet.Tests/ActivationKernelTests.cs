using System;
using System.Linq;
using StaticNet.Runtime;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The runtime kernels of the activations PyTorch calls SiLU, GELU (exact and tanh), Softplus, Hardtanh, Hardsigmoid,
/// Hardswish and Mish: values PyTorch gives, gradients against finite differences away from their corners, and the span
/// forms equal to the scalar ones bit for bit, in place too. The networks using them are checked against PyTorch
/// (a-activations-mlp), ONNX Runtime and finite differences by the tests that discover every test network.
/// </summary>
public class ActivationKernelTests
{
    private delegate void SpanForm(ReadOnlySpan<float> z, Span<float> y);

    private delegate void SpanGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ);

    private sealed record Kernel(Func<float, float> Apply, Func<float, float, float> Gradient, SpanForm Span, SpanGradient SpanGradient, float[] Corners);

    private static Kernel Of(string name) => name switch
    {
        "SiLU" => new(Activations.SiLU, Activations.SiLUGradient, Activations.SiLU, Activations.SiLUGradient, []),
        "GELU" => new(Activations.GELU, Activations.GELUGradient, Activations.GELU, Activations.GELUGradient, []),
        "GELUTanh" => new(Activations.GELUTanh, Activations.GELUTanhGradient, Activations.GELUTanh, Activations.GELUTanhGradient, []),
        "Softplus" => new(Activations.Softplus, Activations.SoftplusGradient, Activations.Softplus, Activations.SoftplusGradient, [20f]),
        "Hardtanh" => new(Activations.Hardtanh, Activations.HardtanhGradient, Activations.Hardtanh, Activations.HardtanhGradient, [-1f, 1f]),
        "HardSigmoid" => new(Activations.HardSigmoid, Activations.HardSigmoidGradient, Activations.HardSigmoid, Activations.HardSigmoidGradient, [-3f, 3f]),
        "HardSwish" => new(Activations.HardSwish, Activations.HardSwishGradient, Activations.HardSwish, Activations.HardSwishGradient, [-3f, 3f]),
        "Mish" => new(Activations.Mish, Activations.MishGradient, Activations.Mish, Activations.MishGradient, []),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Names => ["SiLU", "GELU", "GELUTanh", "Softplus", "Hardtanh", "HardSigmoid", "HardSwish", "Mish"];

    /// <summary>PyTorch's values (float64), at points on either side of zero and past each function's corners.</summary>
    public static TheoryData<string, float, double> PyTorchValues => new()
    {
        { "SiLU", 1f, 0.7310585786300049 }, { "SiLU", -2f, -0.2384058440442351 }, { "SiLU", -100f, -3.7200759760208356e-42 },
        { "GELU", 1f, 0.8413447460685429 }, { "GELU", -1f, -0.15865525393145707 }, { "GELU", 2f, 1.9544997361036416 }, { "GELU", -4f, -1.2668e-4 },
        { "GELUTanh", 1f, 0.8411919906082768 }, { "GELUTanh", -1f, -0.15880800939172324 },
        { "Softplus", 1f, 1.3132616875182228 }, { "Softplus", -30f, 9.357622968840175e-14 }, { "Softplus", 21f, 21.0 }, { "Softplus", 0f, 0.6931471805599453 },
        { "Hardtanh", -2f, -1.0 }, { "Hardtanh", 0.5f, 0.5 }, { "Hardtanh", 3f, 1.0 },
        { "HardSigmoid", 0f, 0.5 }, { "HardSigmoid", 1.5f, 0.75 }, { "HardSigmoid", -4f, 0.0 }, { "HardSigmoid", 4f, 1.0 },
        { "HardSwish", 1f, 0.6666666666666666 }, { "HardSwish", -3f, 0.0 }, { "HardSwish", 4f, 4.0 }, { "HardSwish", -1f, -0.3333333333333333 },
        { "Mish", 1f, 0.8650983882673103 }, { "Mish", -1f, -0.30340146137410895 }, { "Mish", 30f, 30.0 },
    };

    [Theory]
    [MemberData(nameof(PyTorchValues))]
    public void Values_are_PyTorchs(string name, float z, double expected)
    {
        float actual = Of(name).Apply(z);

        Assert.True(Math.Abs(actual - expected) <= 1e-6 * Math.Max(1, Math.Abs(expected)) + (expected == 0 ? 0 : 1e-4 * Math.Abs(expected)),
            $"{name}({z}) = {actual:R}, PyTorch {expected:R}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Gradients_match_finite_differences_away_from_the_corners(string name)
    {
        Kernel kernel = Of(name);
        for (double z = -8; z <= 8; z += 0.137)
        {
            if (kernel.Corners.Any(corner => Math.Abs(z - corner) < 0.01))
            {
                continue;
            }

            const float step = 1e-3f;
            double numeric = ((double)kernel.Apply((float)z + step) - kernel.Apply((float)z - step)) / (2 * step);
            float analytic = kernel.Gradient((float)z, 1f);
            Assert.True(Math.Abs(analytic - numeric) <= 2e-3 + (1e-3 * Math.Abs(numeric)), $"{name}'({z}): {analytic:R}, finite differences {numeric:R}");
            float scaled = kernel.Gradient((float)z, -2.5f);
            Assert.True(Math.Abs(scaled - (-2.5 * analytic)) <= 1e-6 * (1 + Math.Abs(scaled)), $"{name}'({z}) scales with the upstream gradient: {scaled:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Span_forms_give_the_scalar_forms_bits_in_place_too_and_keep_NaN(string name)
    {
        Kernel kernel = Of(name);
        float[] z = [.. RandomData.Uniform(new Random(5), 37, 10.0), 0f, -0f, 20f, 21f, -3f, 3f, 1f, -1f, float.NaN];
        float[] upstream = RandomData.Uniform(new Random(6), z.Length, 2.0);

        var y = new float[z.Length];
        kernel.Span(z, y);
        var gradient = new float[z.Length];
        kernel.SpanGradient(z, upstream, gradient);

        Assert.Equal(FloatBits.Of(z.Select(kernel.Apply).ToArray()), FloatBits.Of(y));
        Assert.Equal(FloatBits.Of(z.Select((v, i) => kernel.Gradient(v, upstream[i])).ToArray()), FloatBits.Of(gradient));
        Assert.True(float.IsNaN(y[^1]));

        float[] inPlace = (float[])z.Clone();
        kernel.Span(inPlace, inPlace);
        Assert.Equal(FloatBits.Of(y), FloatBits.Of(inPlace));
        float[] gradientInPlace = (float[])upstream.Clone();
        kernel.SpanGradient(z, gradientInPlace, gradientInPlace);
        Assert.Equal(FloatBits.Of(gradient), FloatBits.Of(gradientInPlace));

        Assert.Throws<ArgumentException>(() => kernel.Span(z, new float[z.Length - 1]));
    }

    [Fact]
    public void Float_GELU_stays_within_a_few_roundings_of_the_exact_one_and_SiLU_and_GELUTanh_of_theirs()
    {
        for (double z = -12; z <= 12; z += 0.0037)
        {
            double exactGelu = z * 0.5 * (1 + Erf(z / Math.Sqrt(2)));
            Assert.True(Math.Abs(Activations.GELU((float)z) - exactGelu) <= 3e-7 * (1 + Math.Abs(z)), $"GELU({z}) = {Activations.GELU((float)z):R}, exact {exactGelu:R}");
            double exactSilu = z / (1 + Math.Exp(-z));
            Assert.True(Math.Abs(Activations.SiLU((float)z) - exactSilu) <= 3e-7 * (1 + Math.Abs(z)), $"SiLU({z})");
            double exactTanh = 0.5 * z * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (z + (0.044715 * z * z * z))));
            Assert.True(Math.Abs(Activations.GELUTanh((float)z) - exactTanh) <= 3e-7 * (1 + Math.Abs(z)), $"GELUTanh({z})");
        }
    }

    [Fact]
    public void Vectorized_LeakyReLU_tanh_and_sigmoid_spans_give_the_scalar_forms_bits()
    {
        float[] z = [.. RandomData.Uniform(new Random(7), 37, 6.0), 0f, -0f, float.NaN, 1e-30f, -1e-30f];
        float[] y = z.Select(Activations.Tanh).ToArray();
        float[] upstream = RandomData.Uniform(new Random(8), z.Length, 2.0);
        var output = new float[z.Length];

        Activations.LeakyReLU(z, 0.05f, output);
        Assert.Equal(FloatBits.Of(z.Select(v => Activations.LeakyReLU(v, 0.05f)).ToArray()), FloatBits.Of(output));
        Activations.LeakyReLUGradient(z, 0.05f, upstream, output);
        Assert.Equal(FloatBits.Of(z.Select((v, i) => Activations.LeakyReLUGradient(v, 0.05f, upstream[i])).ToArray()), FloatBits.Of(output));
        Activations.TanhGradient(y, upstream, output);
        Assert.Equal(FloatBits.Of(y.Select((v, i) => Activations.TanhGradient(v, upstream[i])).ToArray()), FloatBits.Of(output));
        Activations.SigmoidGradient(y, upstream, output);
        Assert.Equal(FloatBits.Of(y.Select((v, i) => Activations.SigmoidGradient(v, upstream[i])).ToArray()), FloatBits.Of(output));

        float[] inPlace = (float[])upstream.Clone();
        Activations.TanhGradient(y, inPlace, inPlace);
        Assert.Equal(FloatBits.Of(y.Select((v, i) => Activations.TanhGradient(v, upstream[i])).ToArray()), FloatBits.Of(inPlace));
        Assert.Throws<ArgumentException>(() => Activations.LeakyReLU(z, 0.05f, new float[3]));
    }

    [Fact]
    public void Erf_is_accurate_to_double_precision_over_its_range()
    {
        // erf at points from Abramowitz and Stegun's table (to 10 digits) and the symmetric ones.
        (double X, double Erf)[] table = [(0.1, 0.1124629160), (0.5, 0.5204998778), (1.0, 0.8427007929), (1.5, 0.9661051465), (2.0, 0.9953222650), (3.0, 0.9999779095)];
        foreach ((double x, double erf) in table)
        {
            Assert.Equal(erf, Erf(x), 9);
            Assert.Equal(-erf, Erf(-x), 9);
        }

        Assert.Equal(0.0, Erf(0));
        Assert.Equal(1.0, Erf(7));
        Assert.Equal(-1.0, Erf(-50));
    }

    /// <summary>
    /// The oracle: the error function in double, to about 1e-15: <c>2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1·3···(2n+1))</c>, a
    /// series of positive terms (no cancellation) that converges for every x; past |x| = 6 erf is ±1 in double.
    /// </summary>
    private static double Erf(double x)
    {
        double a = Math.Abs(x);
        if (a >= 6)
        {
            return Math.Sign(x);
        }

        double term = a;
        double sum = a;
        double square = a * a;
        for (int n = 1; term > sum * 1e-17; n++)
        {
            term *= 2 * square / ((2 * n) + 1);
            sum += term;
        }

        double erf = 2 / Math.Sqrt(Math.PI) * Math.Exp(-square) * sum;
        return x < 0 ? -erf : erf;
    }
}
