#if NET8_0_OR_GREATER
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNet.Runtime;

/// <summary>
/// The sigmoid and tanh a recurrent kernel computes its gates with, at one vector width: the one-ulp forms training's
/// gradients need, or inference's faster ones (<see cref="RationalTanh"/>). A kernel written once takes the form as a
/// type parameter beside its <see cref="IVectorWidth{TVector}"/>, so the JIT compiles each pairing as direct code.
/// </summary>
internal interface IActivationForm<TVector>
    where TVector : struct
{
    static abstract TVector Sigmoid(TVector value);

    static abstract TVector Tanh(TVector value);
}

/// <summary><see cref="VectorMath"/>'s sigmoid and tanh, eight lanes: training, and the kernels it shares.</summary>
internal readonly struct OneUlp256 : IActivationForm<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> value) => VectorMath.Sigmoid(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> value) => VectorMath.Tanh(value);
}

/// <summary><see cref="OneUlp256"/> sixteen lanes at a time: the same steps, so the same bits.</summary>
internal readonly struct OneUlp512 : IActivationForm<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> value) => VectorMath.Sigmoid(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> value) => VectorMath.Tanh(value);
}

/// <summary>Inference's gates, eight lanes: <see cref="RationalTanh"/> and the sigmoid made from it.</summary>
internal readonly struct Inference256 : IActivationForm<Vector256<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sigmoid(Vector256<float> value) => RationalTanh.Sigmoid(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Tanh(Vector256<float> value) => RationalTanh.Apply(value);
}

/// <summary><see cref="Inference256"/> sixteen lanes at a time: the same steps, so the same bits.</summary>
internal readonly struct Inference512 : IActivationForm<Vector512<float>>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sigmoid(Vector512<float> value) => RationalTanh.Sigmoid(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Tanh(Vector512<float> value) => RationalTanh.Apply(value);
}
#endif
