using System;
using System.Numerics.Tensors;

namespace StaticNet.Training;

/// <summary>
/// Gradient clipping as PyTorch does it: <see cref="ClipByValue"/> clamps every gradient to a range
/// (<c>torch.nn.utils.clip_grad_value_</c>), <see cref="ClipByNorm"/> scales all of them together so that their L2 norm
/// is at most a limit (<c>clip_grad_norm_</c> with its default L2 norm). The <see cref="Trainer"/> applies them to each
/// batch's gradient before the optimizer's step (<see cref="Trainer.ClipGradientValue"/>,
/// <see cref="Trainer.MaxGradientNorm"/>); call them directly around a hand-written training loop.
/// </summary>
public static class GradientClipping
{
    /// <summary>What <c>clip_grad_norm_</c> adds to the norm before dividing by it, so that a zero gradient stays zero.</summary>
    public const float NormEpsilon = 1e-6f;

    /// <summary>The L2 norm of all of <paramref name="gradients"/> together (summed in double precision).</summary>
    public static float Norm(ReadOnlySpan<float> gradients)
    {
        double sum = 0;
        foreach (float g in gradients)
        {
            sum += (double)g * g;
        }

        return (float)Math.Sqrt(sum);
    }

    /// <summary>
    /// Scales <paramref name="gradients"/> by <c>min(1, maxNorm / (norm + 1e-6))</c>, where <c>norm</c> is their L2 norm,
    /// and returns that norm as it was before: <c>clip_grad_norm_</c>'s arithmetic and result. A gradient that is not
    /// finite gives a norm that is not finite and leaves the gradients NaN, as in PyTorch; the <see cref="Trainer"/>
    /// reports it as divergence before clipping.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive and finite.</exception>
    public static float ClipByNorm(Span<float> gradients, float maxNorm)
    {
        if (!(maxNorm > 0 && float.IsFinite(maxNorm)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "The largest gradient norm is a positive, finite number.");
        }

        float norm = Norm(gradients);
        Scale(gradients, norm, maxNorm);
        return norm;
    }

    /// <summary>The scaling of <see cref="ClipByNorm"/>, given the gradients' norm.</summary>
    internal static void Scale(Span<float> gradients, float norm, float maxNorm)
    {
        float coefficient = Math.Min(maxNorm / (norm + NormEpsilon), 1f);
        if (coefficient != 1f)
        {
            TensorPrimitives.Multiply(gradients, coefficient, gradients);
        }
    }

    /// <summary>Clamps every gradient to <c>[-limit, limit]</c>, NaN left as it is: <c>clip_grad_value_</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not positive and finite.</exception>
    public static void ClipByValue(Span<float> gradients, float limit)
    {
        if (!(limit > 0 && float.IsFinite(limit)))
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The gradient limit is a positive, finite number.");
        }

        TensorPrimitives.Min(gradients, limit, gradients);
        TensorPrimitives.Max(gradients, -limit, gradients);
    }
}
