using System;

/// <summary>
/// The system the network learns: a tube-like saturating stage (asymmetric, so it adds even harmonics) feeding a
/// one-pole low-pass filter, whose tail is the memory a recurrent network has to carry from sample to sample.
/// </summary>
internal static class ToneSystem
{
    private const float Drive = 2.5f;
    private const float Bias = 0.2f;
    private const float Pole = 0.85f;

    public static float[] Run(ReadOnlySpan<float> input)
    {
        var output = new float[input.Length];
        float state = 0f;
        float offset = MathF.Tanh(Drive * Bias);
        for (int t = 0; t < input.Length; t++)
        {
            float saturated = MathF.Tanh(Drive * (input[t] + Bias)) - offset;
            state = (Pole * state) + ((1f - Pole) * saturated);
            output[t] = state;
        }

        return output;
    }

    /// <summary>A test signal: a few sines whose amplitudes and frequencies drift, and a little noise.</summary>
    public static float[] Signal(int length, int seed)
    {
        var random = new Random(seed);
        var signal = new float[length];
        double phase1 = 0, phase2 = 0, frequency1 = 0.01, frequency2 = 0.037, amplitude = 0.5;
        for (int t = 0; t < length; t++)
        {
            if (t % 500 == 0)
            {
                frequency1 = 0.004 + (random.NextDouble() * 0.03);
                frequency2 = 0.02 + (random.NextDouble() * 0.08);
                amplitude = 0.2 + (random.NextDouble() * 0.8);
            }

            phase1 += 2 * Math.PI * frequency1;
            phase2 += 2 * Math.PI * frequency2;
            signal[t] = (float)((amplitude * ((0.7 * Math.Sin(phase1)) + (0.3 * Math.Sin(phase2)))) + (0.02 * ((random.NextDouble() * 2) - 1)));
        }

        return signal;
    }
}
