using System;
using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>
/// Long recordings for training a streaming network the way it runs (<see cref="Trainer.FitStreams"/>): each signal a
/// sequence of steps, with a step's inputs and its target outputs at every step, laid out step after step. A recording
/// is cut into consecutive windows of the network's declared steps, the state carried from one window to the next.
/// </summary>
public sealed class Signals
{
    private readonly List<float[]> inputs = [];
    private readonly List<float[]> targets = [];

    /// <summary>An empty set of signals with these per-step sizes; <see cref="Add"/> the recordings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Signals(int inputFeatures, int targetFeatures)
    {
        InputFeatures = inputFeatures > 0 ? inputFeatures : throw new ArgumentOutOfRangeException(nameof(inputFeatures), inputFeatures, "A step has at least one input.");
        TargetFeatures = targetFeatures > 0 ? targetFeatures : throw new ArgumentOutOfRangeException(nameof(targetFeatures), targetFeatures, "A step has at least one target.");
    }

    /// <summary>Values of one step's input.</summary>
    public int InputFeatures { get; }

    /// <summary>Values of one step's target.</summary>
    public int TargetFeatures { get; }

    /// <summary>How many signals there are.</summary>
    public int Count => inputs.Count;

    /// <summary>
    /// Adds a recording: <paramref name="stepInputs"/> its steps' inputs, <see cref="InputFeatures"/> per step, and
    /// <paramref name="stepTargets"/> their targets, <see cref="TargetFeatures"/> per step (copied).
    /// </summary>
    /// <returns>This set, so that calls chain.</returns>
    /// <exception cref="ArgumentException">The lengths do not make whole steps, the two differ in steps, or a value is not finite.</exception>
    public Signals Add(ReadOnlySpan<float> stepInputs, ReadOnlySpan<float> stepTargets)
    {
        if (stepInputs.Length == 0 || stepInputs.Length % InputFeatures != 0)
        {
            throw new ArgumentException($"A signal's inputs are whole steps of {InputFeatures} values, not {stepInputs.Length}.", nameof(stepInputs));
        }

        int steps = stepInputs.Length / InputFeatures;
        if (stepTargets.Length != steps * TargetFeatures)
        {
            throw new ArgumentException(
                $"A signal of {steps} steps has {steps * TargetFeatures} targets ({TargetFeatures} per step), not {stepTargets.Length}.", nameof(stepTargets));
        }

        int nonFinite = IndexOfNonFinite(stepInputs);
        if (nonFinite >= 0)
        {
            throw new ArgumentException($"Signal {Count}'s input at step {nonFinite / InputFeatures} is {stepInputs[nonFinite]}.", nameof(stepInputs));
        }

        nonFinite = IndexOfNonFinite(stepTargets);
        if (nonFinite >= 0)
        {
            throw new ArgumentException($"Signal {Count}'s target at step {nonFinite / TargetFeatures} is {stepTargets[nonFinite]}.", nameof(stepTargets));
        }

        inputs.Add(stepInputs.ToArray());
        targets.Add(stepTargets.ToArray());
        return this;
    }

    /// <summary>The steps of signal <paramref name="signal"/>.</summary>
    public int Steps(int signal) => inputs[signal].Length / InputFeatures;

    /// <summary>Signal <paramref name="signal"/>'s inputs, step after step.</summary>
    public ReadOnlySpan<float> Input(int signal) => inputs[signal];

    /// <summary>Signal <paramref name="signal"/>'s targets, step after step.</summary>
    public ReadOnlySpan<float> Target(int signal) => targets[signal];

    private static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
