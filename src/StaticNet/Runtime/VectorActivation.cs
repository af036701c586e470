using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif

namespace StaticNet.Runtime;

/// <summary>
/// An activation a kernel applies to its sums while they are still in registers, instead of storing them and running
/// the activation's span form over them afterwards: the JIT compiles a generic kernel once per activation struct. Each
/// gives the same bits as the span form (<see cref="Activations"/>), which also takes any values left over after the
/// whole vectors, so fusing changes speed only.
/// </summary>
internal interface IVectorActivation
{
#if NET8_0_OR_GREATER
    Vector512<float> Apply(Vector512<float> sums);

    Vector256<float> Apply(Vector256<float> sums);
#endif

    /// <summary>The span form, in place: for the values no vector covered.</summary>
    void Apply(Span<float> values);

    /// <summary>
    /// The span form where 256-bit vectors are not accelerated (and on netstandard2.1): the activation's scalar steps
    /// value by value, or for an exact one (ReLU) <see cref="System.Numerics.Tensors.TensorPrimitives"/>.
    /// </summary>
    void WithoutVectors(ReadOnlySpan<float> z, Span<float> y);
}

/// <summary>No activation: the sums are the outputs.</summary>
internal readonly struct IdentityActivation : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => sums;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => sums;
#endif

    public void Apply(Span<float> values)
    {
    }

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y) => z.CopyTo(y);
}

/// <summary><c>max(0, z)</c>, NaN kept, as <see cref="Activations.ReLU(ReadOnlySpan{float}, Span{float})"/>.</summary>
internal readonly struct ReLUActivation : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => Width512.ReLU(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => Width256.ReLU(sums);
#endif

    public void Apply(Span<float> values) => Activations.ReLU(values, values);

    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y) => TensorPrimitives.Max(z, 0f, y);
}

/// <summary>tanh, as <see cref="Activations.Tanh(ReadOnlySpan{float}, Span{float})"/>.</summary>
internal readonly struct TanhActivation : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => VectorMath.Tanh(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => VectorMath.Tanh(sums);
#endif

    public void Apply(Span<float> values) => VectorMath.Tanh(values, values);

    /// <summary>
    /// Value by value in the scalar form, so a span of two values gets the bits of the same two in a span of thirty-two
    /// (TensorPrimitives would take 128-bit vectors for the long span only, and round otherwise).
    /// </summary>
    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = VectorMath.Tanh(z[i]);
        }
    }
}

/// <summary>tanh at inference, as <see cref="Activations.RationalTanh(ReadOnlySpan{float}, Span{float})"/>.</summary>
internal readonly struct RationalTanhActivation : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => RationalTanh.Apply(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => RationalTanh.Apply(sums);
#endif

    public void Apply(Span<float> values) => VectorMath.Map<RationalTanhActivation>(values, values);

    /// <summary>The scalar form: the same steps as the vector ones (no library tanh), so the same bits.</summary>
    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = RationalTanh.Apply(z[i]);
        }
    }
}

/// <summary>A recurrent gate's logistic function at inference (<see cref="RationalTanh.Sigmoid(float)"/>'s), over spans.</summary>
internal readonly struct GateSigmoidAtInference : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => RationalTanh.Sigmoid(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => RationalTanh.Sigmoid(sums);
#endif

    public void Apply(Span<float> values) => VectorMath.Map<GateSigmoidAtInference>(values, values);

    /// <summary>Where vectors are not accelerated: the same steps value by value.</summary>
    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = RationalTanh.Sigmoid(z[i]);
        }
    }
}

/// <summary>The logistic function, as <see cref="Activations.Sigmoid(ReadOnlySpan{float}, Span{float})"/>.</summary>
internal readonly struct SigmoidActivation : IVectorActivation
{
#if NET8_0_OR_GREATER
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Apply(Vector512<float> sums) => VectorMath.Sigmoid(sums);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Apply(Vector256<float> sums) => VectorMath.Sigmoid(sums);
#endif

    public void Apply(Span<float> values) => VectorMath.Sigmoid(values, values);

    /// <summary>Value by value in the vector form's steps (see <see cref="TanhActivation.WithoutVectors"/>); NaN passes through.</summary>
    public void WithoutVectors(ReadOnlySpan<float> z, Span<float> y)
    {
        for (int i = 0; i < z.Length; i++)
        {
            y[i] = VectorMath.Sigmoid(z[i]);
        }
    }
}
