using System;
#if NET8_0_OR_GREATER
using System.Runtime.Intrinsics;
#endif
using System.ComponentModel;
using System.Numerics.Tensors;

namespace StaticNet.Runtime;

/// <summary>
/// What generated code of a graph network calls where values meet or part: sums of operands, gradients added where a
/// value is used twice, weighted heads, and a head's part of each sample's output or target in a batch. The spans'
/// lengths are compile-time constants of the generated code; the arithmetic is <see cref="TensorPrimitives"/>' SIMD loops,
/// but for a streamed step's few values, which go in whole vectors here.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)] // called by generated code, not meant to be called by hand
public static class GraphKernels
{
    /// <summary><c>sum = a + b</c>, elementwise; <paramref name="sum"/> may be either operand.</summary>
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum)
    {
        // A streamed step joins a few values (a WaveNet layer's 8 or 16 channels) a hundred times a sample: whole vectors
        // here, where the general call costs more than the sum. Addition rounds the same in any width.
#if NET8_0_OR_GREATER
        int length = a.Length;
        if (length <= 64 && length % 8 == 0 && b.Length == length && sum.Length == length && Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < length; i += 8)
            {
                (Vector256.Create(a.Slice(i, 8)) + Vector256.Create(b.Slice(i, 8))).CopyTo(sum.Slice(i, 8));
            }

            return;
        }
#endif

        TensorPrimitives.Add(a, b, sum);
    }

    /// <summary><c>product = a ⊙ b</c>, elementwise: a gate's join (<c>[Multiply]</c>).</summary>
    public static void Multiply(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> product)
    {
        // As Add: a gated step's few channels in whole vectors; a product rounds alike in any width.
#if NET8_0_OR_GREATER
        int length = a.Length;
        if (length <= 64 && length % 8 == 0 && b.Length == length && product.Length == length && Vector256.IsHardwareAccelerated)
        {
            for (int i = 0; i < length; i += 8)
            {
                (Vector256.Create(a.Slice(i, 8)) * Vector256.Create(b.Slice(i, 8))).CopyTo(product.Slice(i, 8));
            }

            return;
        }
#endif

        TensorPrimitives.Multiply(a, b, product);
    }

    /// <summary>
    /// One operand's gradient through a product of two: <c>target = gradient ⊙ other</c>, or with <paramref name="add"/>
    /// <c>target += gradient ⊙ other</c> (the operand has other uses).
    /// </summary>
    public static void MultiplyGradient(ReadOnlySpan<float> gradient, ReadOnlySpan<float> other, Span<float> target, bool add)
    {
        if (add)
        {
            TensorPrimitives.MultiplyAdd(gradient, other, target, target);
        }
        else
        {
            TensorPrimitives.Multiply(gradient, other, target);
        }
    }

    /// <summary><c>total += more</c>, elementwise: a gradient arriving at a value from one more of its uses.</summary>
    public static void Accumulate(Span<float> total, ReadOnlySpan<float> more) => TensorPrimitives.Add(total, more, total);

    /// <summary><c>values *= factor</c>: a head's gradient scaled by its weight in the network's loss.</summary>
    public static void Scale(Span<float> values, float factor) => TensorPrimitives.Multiply(values, factor, values);

    /// <summary>
    /// Copies <paramref name="length"/> values of every sample of <paramref name="source"/> (<paramref name="stride"/> values
    /// per sample, the part starting at <paramref name="offset"/>) into <paramref name="destination"/>, one part after another
    /// (or, with <paramref name="add"/>, adds them to what it holds).
    /// </summary>
    public static void Gather(ReadOnlySpan<float> source, int stride, int offset, int length, Span<float> destination, bool add)
    {
        int samples = destination.Length / length;
        for (int sample = 0; sample < samples; sample++)
        {
            ReadOnlySpan<float> part = source.Slice((sample * stride) + offset, length);
            Span<float> target = destination.Slice(sample * length, length);
            if (add)
            {
                TensorPrimitives.Add(target, part, target);
            }
            else
            {
                part.CopyTo(target);
            }
        }
    }

    /// <summary>
    /// The reverse of <see cref="Gather"/>: each sample's <paramref name="length"/> values of <paramref name="source"/> written
    /// to (or, with <paramref name="add"/>, added to) its part of <paramref name="destination"/>.
    /// </summary>
    public static void Scatter(ReadOnlySpan<float> source, int length, Span<float> destination, int stride, int offset, bool add)
    {
        int samples = source.Length / length;
        for (int sample = 0; sample < samples; sample++)
        {
            ReadOnlySpan<float> part = source.Slice(sample * length, length);
            Span<float> target = destination.Slice((sample * stride) + offset, length);
            if (add)
            {
                TensorPrimitives.Add(target, part, target);
            }
            else
            {
                part.CopyTo(target);
            }
        }
    }
}
