using System;
using System.Linq;
using Xunit.Sdk;

namespace StaticNet.TestSupport;

/// <summary>
/// Compares Backward's gradients with central finite differences of its own float32 loss.
/// Differences are taken with a ladder of steps: large steps keep rounding noise small, small steps
/// avoid crossing a ReLU kink. An element passes when some step agrees with Backward; it fails when
/// the steps agree with each other but not with Backward (a wrong gradient); it is skipped as a
/// kink only when the steps disagree among themselves or a one-sided difference (the side the point is on, when a kink
/// lies closer than the smallest step) agrees with Backward, and only a few may be.
/// </summary>
public static class GradientCheck
{
    private static readonly float[] Steps = [1e-2f, 3e-3f, 1e-3f];
    private static readonly float[] OneSidedSteps = [1e-3f, 2e-4f];
    private const double Absolute = 1e-3;
    private const double Relative = 1e-2;

    public static void Verify(NetworkFunctions network, float[] parameters, float[] input, float[] target, int maxParameters, int seed)
    {
        var parameterGradients = new float[network.ParameterCount];
        var inputGradients = new float[network.InputSize];
        network.Backward(parameters, input, target, parameterGradients, inputGradients);

        // Backward returns the loss; the gradients it adds into this buffer on every probe are never read.
        var unread = new float[network.ParameterCount];
        float Loss(float[] p, float[] x) => network.Backward(p, x, target, unread, Span<float>.Empty);
        int kinks = CheckMany(parameters, parameterGradients, p => Loss(p, input), $"{network.Name} dLoss/dParameter", maxParameters, seed);
        kinks += CheckMany(input, inputGradients, x => Loss(parameters, x), $"{network.Name} dLoss/dInput", maxParameters, seed);
        RequireFewKinks(network.Name, kinks, Math.Min(maxParameters, parameters.Length) + Math.Min(maxParameters, input.Length));
    }

    /// <summary>
    /// Checks <paramref name="gradient"/> against finite differences of <paramref name="loss"/> at
    /// <paramref name="values"/>, on up to <paramref name="maxChecks"/> elements picked with <paramref name="seed"/>.
    /// </summary>
    public static void Verify(string name, float[] values, float[] gradient, Func<float[], float> loss, int maxChecks, int seed)
    {
        int kinks = CheckMany(values, gradient, loss, name, maxChecks, seed);
        RequireFewKinks(name, kinks, Math.Min(maxChecks, values.Length));
    }

    private static int CheckMany(float[] values, float[] gradient, Func<float[], float> loss, string what, int maxChecks, int seed)
    {
        var random = new Random(seed);
        int count = Math.Min(maxChecks, values.Length);
        int kinks = 0;
        for (int k = 0; k < count; k++)
        {
            int i = count == values.Length ? k : random.Next(values.Length);
            kinks += CheckOne(values, i, gradient[i], loss, $"{what}[{i}]");
        }

        return kinks;
    }

    private static void RequireFewKinks(string name, int kinks, int total)
    {
        if (kinks > Math.Max(2, total / 10))
        {
            throw new XunitException($"{name}: {kinks} of {total} elements sat on kinks; the check proves too little.");
        }
    }

    /// <summary>Returns 1 when the element was skipped as a kink, else 0; throws on a wrong gradient.</summary>
    private static int CheckOne(float[] values, int index, float analytic, Func<float[], float> loss, string what)
    {
        double tolerance = Absolute + (Relative * Math.Abs(analytic));
        var estimates = new double[Steps.Length];
        for (int s = 0; s < Steps.Length; s++)
        {
            // The first step that agrees settles it; smaller steps are only needed when larger ones do not.
            estimates[s] = Difference(values, index, Steps[s], loss);
            if (Math.Abs(estimates[s] - analytic) <= tolerance)
            {
                return 0;
            }
        }

        if (estimates.Max() - estimates.Min() > tolerance)
        {
            return 1;
        }

        // A kink closer than the smallest step: every central difference averages its two sides alike, while Backward
        // gives the side the point is on, which a one-sided difference that stays on that side sees.
        foreach (float step in OneSidedSteps)
        {
            if (Math.Abs(OneSided(values, index, step, loss) - analytic) <= tolerance || Math.Abs(OneSided(values, index, -step, loss) - analytic) <= tolerance)
            {
                return 1;
            }
        }

        throw new XunitException(
            $"{what}: Backward gives {analytic:R}, finite differences give {string.Join(", ", estimates.Select(e => e.ToString("R")))} "
            + $"for steps {string.Join(", ", Steps)}.");
    }

    private static double OneSided(float[] values, int index, float step, Func<float[], float> loss)
    {
        float original = values[index];
        double at = loss(values);
        values[index] = original + step;
        double moved = loss(values);
        values[index] = original;
        return (moved - at) / step;
    }

    private static double Difference(float[] values, int index, float step, Func<float[], float> loss)
    {
        float original = values[index];
        values[index] = original + step;
        double plus = loss(values);
        values[index] = original - step;
        double minus = loss(values);
        values[index] = original;
        return (plus - minus) / (2.0 * step);
    }
}
