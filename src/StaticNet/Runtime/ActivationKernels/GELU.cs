using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>GELU, exact (PyTorch's <c>nn.GELU()</c>): <c>z Φ(z)</c>, Φ the standard normal distribution function (through erf).</summary>
    public static float GELU(float z) => GELUFunction.Apply(z);

    /// <summary>GELU's gradient at <paramref name="z"/>: <c>Φ(z) + z φ(z)</c>.</summary>
    public static float GELUGradient(float z, float gradient) => GELUFunction.Gradient(z, gradient);

    /// <summary><c>y = GELU(z)</c> elementwise; the spans may be the same.</summary>
    public static void GELU(ReadOnlySpan<float> z, Span<float> y) => Map<GELUFunction>(z, y);

    /// <summary><c>gradZ = gradY * GELU'(z)</c>; the gradient spans may be the same.</summary>
    public static void GELUGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<GELUFunction>(z, gradY, gradZ);

    /// <summary>
    /// The error function in double, to about 1e-15: <c>2/sqrt(pi) exp(-x^2) sum 2^n x^(2n+1) / (1·3···(2n+1))</c>, a
    /// series of positive terms (no cancellation) that converges for every x; past |x| = 6 erf is ±1 in double.
    /// </summary>
    internal static double Erf(double x)
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

    private readonly struct GELUFunction : IElementwiseActivation
    {
        public static float Apply(float z) => (float)(z * NormalCdf(z));

        public static float Gradient(float z, float gradient) =>
            (float)(gradient * (NormalCdf(z) + (z * Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI))));

        private static double NormalCdf(double z) => 0.5 * (1 + Erf(z / Math.Sqrt(2)));
    }
}
