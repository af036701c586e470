using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNet.Training;

/// <summary>One optimizer's update rule for a vector of parameters at a given offset.</summary>
internal interface IParameterUpdate
{
    /// <summary>Updates <paramref name="parameter"/> from its gradient; state lives at <paramref name="offset"/>.</summary>
    void Apply(ref Vector<float> parameter, Vector<float> gradient, int offset);
}

/// <summary>
/// Runs an update rule over all parameters with SIMD. Each rule is written once, as vector code: the
/// last partial vector is padded with zeros on the stack, and optimizer state is allocated rounded up
/// to whole vectors, so no scalar copy of any rule exists to drift from it.
/// </summary>
internal static class ParameterUpdate
{
    public static int PaddedLength(int count) => (count + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count;

    public static void Run<TUpdate>(Span<float> parameters, ReadOnlySpan<float> gradients, ref TUpdate update)
        where TUpdate : struct, IParameterUpdate
    {
        int width = Vector<float>.Count;
        int i = 0;
        for (; i <= parameters.Length - width; i += width)
        {
            var parameter = new Vector<float>(parameters.Slice(i));
            update.Apply(ref parameter, new Vector<float>(gradients.Slice(i)), i);
            parameter.CopyTo(parameters.Slice(i));
        }

        int rest = parameters.Length - i;
        if (rest > 0)
        {
            Span<float> parameterTail = stackalloc float[width];
            Span<float> gradientTail = stackalloc float[width];
            parameterTail.Clear();
            gradientTail.Clear();
            parameters.Slice(i).CopyTo(parameterTail);
            gradients.Slice(i).CopyTo(gradientTail);
            var parameter = new Vector<float>(parameterTail);
            update.Apply(ref parameter, new Vector<float>(gradientTail), i);
            parameter.CopyTo(parameterTail);
            parameterTail.Slice(0, rest).CopyTo(parameters.Slice(i));
        }
    }

    /// <summary>The vector of optimizer state at <paramref name="offset"/>, by reference.</summary>
    public static ref Vector<float> State(float[] state, int offset) =>
        ref MemoryMarshal.Cast<float, Vector<float>>(state.AsSpan(offset, Vector<float>.Count))[0];

    /// <summary>-1, 0 or 1 per element, as PyTorch's <c>sign</c>.</summary>
    public static Vector<float> Sign(Vector<float> x) =>
        Vector.ConditionalSelect(Vector.GreaterThan(x, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
        - Vector.ConditionalSelect(Vector.LessThan(x, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
}
