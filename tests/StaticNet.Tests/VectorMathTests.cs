using System;
using System.Linq;
using StaticNet.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests;

/// <summary>
/// The span activations' own vectorised tanh and sigmoid against double precision, over a dense sweep
/// and the awkward values: the error bounds documented on them hold, and NaN is never turned into a number.
/// </summary>
public class VectorMathTests(ITestOutputHelper output)
{
    private static readonly float[] Sweep = Enumerable.Range(-200_000, 400_001).Select(i => i * 1e-4f)
        .Concat([0f, -0f, 1e-30f, -1e-30f, 3e-4f, 4e-4f, 5e-4f, 0.625f, 7.9f, 7.91f, 9f, 30f, -30f, 88f, -88f, 100f, -100f, 1e30f, -1e30f])
        .ToArray();

    [Fact]
    public void Tanh_is_within_its_bounds_everywhere()
    {
        var actual = new float[Sweep.Length];
        Activations.Tanh(Sweep, actual);
        (double absolute, double relative) = Errors(Sweep, actual, x => Math.Tanh(x));
        output.WriteLine($"tanh: max absolute error {absolute:E2}, max relative error {relative:E2}");

        Assert.True(absolute <= 1e-7, $"max absolute error {absolute:E2}");
        Assert.True(relative <= 2e-7, $"max relative error {relative:E2}");
        Assert.Equal(1f, actual[Array.IndexOf(Sweep, 1e30f)]);

        // The scalar form, used by unrolled layers, is the same approximation.
        float[] scalar = Sweep.Select(Activations.Tanh).ToArray();
        (double scalarAbsolute, double scalarRelative) = Errors(Sweep, scalar, x => Math.Tanh(x));
        Assert.True(scalarAbsolute <= 1e-7 && scalarRelative <= 2e-7, $"scalar: {scalarAbsolute:E2}, {scalarRelative:E2}");
        Assert.True(float.IsNaN(Activations.Tanh(float.NaN)));
        Assert.Equal(-1f, actual[Array.IndexOf(Sweep, -1e30f)]);
    }

    [Fact]
    public void A_values_tanh_and_sigmoid_do_not_depend_on_its_place_in_the_span()
    {
        // Whole vectors of 16 and 8, then a padded last vector: every value through the same lane code, so a sequence's
        // step activated alone (streaming) gives the bits it has inside the whole sequence.
        float[] values = Enumerable.Range(0, 29).Select(i => (i * 0.37f) - 5f).ToArray();
        var tanh = new float[values.Length];
        var sigmoid = new float[values.Length];
        Activations.Tanh(values, tanh);
        Activations.Sigmoid(values, sigmoid);
        var one = new float[1];
        for (int i = 0; i < values.Length; i++)
        {
            Activations.Tanh(values.AsSpan(i, 1), one);
            Assert.Equal(BitConverter.SingleToInt32Bits(tanh[i]), BitConverter.SingleToInt32Bits(one[0]));
            Activations.Sigmoid(values.AsSpan(i, 1), one);
            Assert.Equal(BitConverter.SingleToInt32Bits(sigmoid[i]), BitConverter.SingleToInt32Bits(one[0]));
        }
    }

    [Fact]
    public void Sigmoid_is_within_its_bounds_everywhere()
    {
        var actual = new float[Sweep.Length];
        Activations.Sigmoid(Sweep, actual);
        (double absolute, double relative) = Errors(Sweep, actual, x => 1 / (1 + Math.Exp(-x)), relativeFloor: 1e-30);
        output.WriteLine($"sigmoid: max absolute error {absolute:E2}, max relative error {relative:E2}");

        Assert.True(absolute <= 1.5e-7, $"max absolute error {absolute:E2}");
        Assert.True(relative <= 3e-7, $"max relative error {relative:E2}");
    }

    [Fact]
    public void Short_softmax_with_the_inline_exp_is_within_a_few_ulps_of_double_precision()
    {
        // Classifier-sized vectors take the inline Cephes exp (not MathF.Exp): logits from close to far apart.
        var random = new Random(5);
        double worst = 0;
        for (int trial = 0; trial < 20_000; trial++)
        {
            int length = 2 + (trial % 15);
            double spread = Math.Pow(10, (trial % 7) - 3);
            float[] z = Enumerable.Range(0, length).Select(_ => (float)((random.NextDouble() - 0.5) * spread)).ToArray();
            var y = new float[length];
            Activations.Softmax(z, y);

            // z - max rounded to float as softmax computes it (inherent to float32 softmax, PyTorch's too); the rest exact.
            float max = z.Max();
            double total = z.Sum(v => Math.Exp(v - max));
            for (int i = 0; i < length; i++)
            {
                double expected = Math.Exp(z[i] - max) / total;
                worst = Math.Max(worst, Math.Abs(y[i] - expected) / Math.Max(expected, 1e-30));
            }
        }

        output.WriteLine($"short softmax: max relative error {worst:E2}");
        Assert.True(worst <= 6e-7, $"max relative error {worst:E2}");

        // Far below the maximum the probability underflows to exactly zero, as exp does in float.
        var far = new float[3];
        Activations.Softmax([0f, -200f, float.NegativeInfinity], far);
        Assert.Equal([1f, 0f, 0f], far);
        Activations.Softmax([1f, float.NaN, 2f], far);
        Assert.All(far, v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void NaN_and_infinities_keep_their_meaning_in_every_lane()
    {
        float[] special = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0.5f, -0.5f, float.NaN, 2f, -2f, float.NaN];
        var tanh = new float[special.Length];
        var sigmoid = new float[special.Length];

        Activations.Tanh(special, tanh);
        Activations.Sigmoid(special, sigmoid);

        Assert.True(float.IsNaN(tanh[0]) && float.IsNaN(tanh[5]) && float.IsNaN(tanh[8]));
        Assert.True(float.IsNaN(sigmoid[0]) && float.IsNaN(sigmoid[5]) && float.IsNaN(sigmoid[8]));
        Assert.Equal(1f, tanh[1]);
        Assert.Equal(-1f, tanh[2]);
        Assert.Equal(1f, sigmoid[1]);
        Assert.True(sigmoid[2] < 1e-30f);
    }

    private static (double Absolute, double Relative) Errors(float[] inputs, float[] actual, Func<double, double> exact, double relativeFloor = 1e-3)
    {
        double absolute = 0;
        double relative = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            double expected = exact(inputs[i]);
            double error = Math.Abs(actual[i] - expected);
            absolute = Math.Max(absolute, error);
            if (Math.Abs(expected) >= relativeFloor)
            {
                relative = Math.Max(relative, error / Math.Abs(expected));
            }
        }

        return (absolute, relative);
    }
}
