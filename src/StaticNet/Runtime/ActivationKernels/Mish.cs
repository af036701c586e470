using System;

namespace StaticNet.Runtime;

public static partial class Activations
{
    /// <summary>Mish, PyTorch's <c>nn.Mish()</c>: <c>z tanh(softplus(z))</c>.</summary>
    public static float Mish(float z) => default(MishFunction).Apply(z);

    /// <summary>Mish's gradient at <paramref name="z"/>: <c>tanh(sp) + z sigmoid(z) (1 - tanh(sp)^2)</c>, sp = softplus(z).</summary>
    public static float MishGradient(float z, float gradient) => default(MishFunction).Gradient(z, gradient);

    /// <summary><c>y = Mish(z)</c> elementwise; the spans may be the same.</summary>
    public static void Mish(ReadOnlySpan<float> z, Span<float> y) => Map<MishFunction>(z, y);

    /// <summary><c>gradZ = gradY * Mish'(z)</c>; the gradient spans may be the same.</summary>
    public static void MishGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> gradY, Span<float> gradZ) => MapGradient<MishFunction>(z, gradY, gradZ);

    private readonly struct MishFunction : IElementwiseActivation
    {
        public float Apply(float z) => (float)(z * Math.Tanh(Log1PExp(z)));

        public float Gradient(float z, float gradient)
        {
            double t = Math.Tanh(Log1PExp(z));
            return (float)(gradient * (t + (z * Logistic(z) * (1 - (t * t)))));
        }
    }
}
