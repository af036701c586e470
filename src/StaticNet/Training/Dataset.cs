using System;
using System.Collections.Generic;

namespace StaticNet.Training;

/// <summary>
/// Samples for training or evaluation: inputs and targets stored flat, row after row, so batches
/// read contiguous memory. Immutable once made; splits and subsets copy.
/// </summary>
public sealed partial class Dataset
{
    private readonly float[] inputs;
    private readonly float[] targets;

    /// <summary>Wraps flat row-major arrays (not copied) of <paramref name="inputSize"/> and <paramref name="targetSize"/> values per sample.</summary>
    public Dataset(float[] inputs, float[] targets, int inputSize, int targetSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (inputs.Length % inputSize != 0 || targets.Length % targetSize != 0 || inputs.Length / inputSize != targets.Length / targetSize)
        {
            throw new ArgumentException(
                $"{inputs.Length} input values of {inputSize} per sample and {targets.Length} target values of {targetSize} per sample do not make whole, equal numbers of samples.");
        }

        this.inputs = inputs;
        this.targets = targets;
        InputSize = inputSize;
        TargetSize = targetSize;
        Count = inputs.Length / inputSize;
    }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Values per input.</summary>
    public int InputSize { get; }

    /// <summary>Values per target.</summary>
    public int TargetSize { get; }

    /// <summary>
    /// The classes when the data came from a CSV file (<see cref="FromCsv(string, string, char)"/>): class <c>i</c> is
    /// <c>ClassNames[i]</c>, the names in ordinal order, or <c>"0"</c>, <c>"1"</c>... for index labels; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> ClassNames { get; init; } = [];

    /// <summary>
    /// Builds a dataset from one array per sample: for regression or several outputs, each target is the values the
    /// network should give (for a network with <c>[Output]</c> heads, the heads' targets one after another).
    /// </summary>
    public static Dataset FromRows(IReadOnlyList<float[]> inputs, IReadOnlyList<float[]> targets)
    {
        if (inputs.Count == 0 || inputs.Count != targets.Count)
        {
            throw new ArgumentException($"Need the same, non-zero number of inputs and targets; got {inputs.Count} and {targets.Count}.");
        }

        int inputSize = inputs[0].Length;
        int targetSize = targets[0].Length;
        var flatInputs = new float[inputs.Count * inputSize];
        var flatTargets = new float[targets.Count * targetSize];
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Length != inputSize || targets[i].Length != targetSize)
            {
                throw new ArgumentException($"Sample {i} has {inputs[i].Length} inputs and {targets[i].Length} targets; sample 0 has {inputSize} and {targetSize}.");
            }

            inputs[i].CopyTo(flatInputs, i * inputSize);
            targets[i].CopyTo(flatTargets, i * targetSize);
        }

        return new Dataset(flatInputs, flatTargets, inputSize, targetSize);
    }

    /// <summary>A classification dataset: each label becomes a one-hot target of <paramref name="classCount"/> values.</summary>
    public static Dataset ForClassification(IReadOnlyList<float[]> inputs, IReadOnlyList<int> labels, int classCount)
    {
        var targets = new float[labels.Count][];
        for (int i = 0; i < labels.Count; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} of sample {i} is not in [0, {classCount}).");
            }

            targets[i] = new float[classCount];
            targets[i][labels[i]] = 1f;
        }

        return FromRows(inputs, targets);
    }

    /// <summary>The input of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Input(int index) => inputs.AsSpan(index * InputSize, InputSize);

    /// <summary>The target of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Target(int index) => targets.AsSpan(index * TargetSize, TargetSize);

    /// <summary>The class of sample <paramref name="index"/>: the index of its largest target value.</summary>
    public int Label(int index) => Metrics.ArgMax(Target(index));

    /// <summary>A copy holding the samples at <paramref name="rows"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> rows)
    {
        var subsetInputs = new float[rows.Length * InputSize];
        var subsetTargets = new float[rows.Length * TargetSize];
        for (int i = 0; i < rows.Length; i++)
        {
            Input(rows[i]).CopyTo(subsetInputs.AsSpan(i * InputSize));
            Target(rows[i]).CopyTo(subsetTargets.AsSpan(i * TargetSize));
        }

        return new Dataset(subsetInputs, subsetTargets, InputSize, TargetSize) { ClassNames = ClassNames };
    }

    /// <summary>
    /// Splits the samples in two by a seeded shuffle: <paramref name="testFraction"/> of them go to <c>Test</c>, the rest
    /// to <c>Training</c>, as in <c>var (training, test) = data.Split(testFraction: 0.2, seed: 1)</c>. With
    /// <paramref name="stratify"/> (for one-hot targets) each class is split in that proportion, so small data sets keep
    /// their class balance on both sides.
    /// </summary>
    /// <param name="testFraction">The share of the samples held out in <c>Test</c>, between 0 and 1.</param>
    /// <param name="seed">Seed of the shuffle: the same seed gives the same split.</param>
    /// <param name="stratify">Whether each class (one-hot targets) is split in the same proportion.</param>
    public (Dataset Training, Dataset Test) Split(double testFraction, int seed, bool stratify = true)
    {
        double fraction = testFraction;
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), fraction, "Must be between 0 and 1.");
        }

        var random = new SeededRandom(seed);
        var groups = new Dictionary<int, List<int>>();
        for (int i = 0; i < Count; i++)
        {
            int group = stratify && TargetSize > 1 ? Label(i) : 0;
            if (!groups.TryGetValue(group, out List<int>? members))
            {
                groups[group] = members = [];
            }

            members.Add(i);
        }

        var part = new List<int>();
        var rest = new List<int>();
        foreach (int group in new SortedSet<int>(groups.Keys))
        {
            int[] members = groups[group].ToArray();
            random.Shuffle<int>(members);
            int take = (int)Math.Round(members.Length * fraction);
            part.AddRange(members[..take]);
            rest.AddRange(members[take..]);
        }

        if (part.Count == 0 || rest.Count == 0)
        {
            throw new ArgumentException($"Splitting {Count} samples by {fraction} leaves one side empty.", nameof(testFraction));
        }

        int[] restRows = rest.ToArray();
        int[] partRows = part.ToArray();
        random.Shuffle<int>(restRows);
        random.Shuffle<int>(partRows);
        return (Subset(restRows), Subset(partRows));
    }
}
