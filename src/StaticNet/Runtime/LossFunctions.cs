using System;

namespace StaticNet.Runtime;

/// <summary>
/// Per-sample losses, each returning the loss and writing its gradient with respect to the last
/// layer's weighted sums (for the fused softmax and sigmoid forms) or outputs (for MSE).
/// The fused forms work from logits, so they stay finite where <c>log(softmax)</c> or
/// <c>log(sigmoid)</c> computed naively would give <c>-inf</c> or NaN.
/// </summary>
public static class LossFunctions
{
    /// <summary>
    /// Mean over the outputs of <c>(y - t)^2</c>; writes <c>dLoss/dy = 2 (y - t) / n</c>.
    /// </summary>
    public static float MeanSquaredError(ReadOnlySpan<float> outputs, ReadOnlySpan<float> target, Span<float> gradOutputs)
    {
        float sum = 0f;
        float scale = 2f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float difference = outputs[i] - target[i];
            sum += difference * difference;
            gradOutputs[i] = scale * difference;
        }

        return sum / outputs.Length;
    }

    /// <summary>
    /// Cross-entropy of the softmax of <paramref name="logits"/>: <c>-sum(t * log_softmax(z))</c>, with
    /// <c>log_softmax(z) = z - max - log(sum(exp(z - max)))</c>. Writes the softmax probabilities to
    /// <paramref name="probabilities"/> and <c>dLoss/dz = p * sum(t) - t</c> (which is <c>p - t</c> for a
    /// one-hot or probability target) to <paramref name="gradLogits"/>. <paramref name="probabilities"/>
    /// and <paramref name="gradLogits"/> may be the same span.
    /// </summary>
    public static float SoftmaxCrossEntropy(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> probabilities, Span<float> gradLogits)
    {
        float sum = Activations.ExpShifted(logits, probabilities, out float max);
        float logSum = MathF.Log(sum);

        // In double: z - max can pass float's range when logits are beyond +-1.7e38 (the float difference would be
        // -inf, and 0 * -inf a NaN), and classes the target gives no weight add nothing. The loss is then the true
        // value rounded to float: infinite only where it is larger than float.MaxValue.
        double loss = 0;
        float targetSum = 0f;
        for (int i = 0; i < logits.Length; i++)
        {
            float t = target[i];
            if (t != 0f)
            {
                loss -= t * ((double)logits[i] - max - logSum);
            }

            targetSum += t;
        }

        float inverseSum = 1f / sum;
        for (int i = 0; i < logits.Length; i++)
        {
            float p = probabilities[i] * inverseSum;
            probabilities[i] = p;
            gradLogits[i] = p * targetSum - target[i];
        }

        return (float)loss;
    }

    /// <summary>
    /// Binary cross-entropy of the sigmoid of <paramref name="logits"/>, averaged over the outputs:
    /// <c>t * softplus(-z) + (1 - t) * softplus(z)</c>, which equals
    /// <c>-(t log y + (1 - t) log(1 - y))</c> but never takes the log of 0. Writes
    /// <c>dLoss/dz = (sigmoid(z) - t) / n</c>.
    /// </summary>
    public static float SigmoidBinaryCrossEntropy(ReadOnlySpan<float> logits, ReadOnlySpan<float> target, Span<float> gradLogits)
    {
        float sum = 0f;
        float scale = 1f / logits.Length;
        for (int i = 0; i < logits.Length; i++)
        {
            float z = logits[i];
            float t = target[i];
            sum += t * Softplus(-z) + (1f - t) * Softplus(z);
            gradLogits[i] = scale * (Activations.Sigmoid(z) - t);
        }

        return sum * scale;
    }

    /// <summary><c>log(1 + exp(x))</c> without overflow, accurate for large negative and positive x.</summary>
    public static float Softplus(float x)
    {
        // max(x, 0) + log1p(exp(-|x|)); the log is taken in double so tiny values keep their digits.
        double tail = Math.Log(1.0 + Math.Exp(-Math.Abs((double)x)));
        return (float)(Math.Max(x, 0.0) + tail);
    }
}
