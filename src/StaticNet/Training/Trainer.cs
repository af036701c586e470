using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace StaticNet.Training;

/// <summary>
/// Minibatch training: each step runs the network's generated batch step (the gradient of the batch's mean
/// loss) and hands it to the <see cref="Optimizer"/>. In training steps dropout layers are active (masks from a
/// generator seeded by <see cref="Seed"/>) and batch normalisation uses the batch's statistics, moving the
/// network's running statistics; <see cref="Evaluate"/> uses neither. Each batch's gradient may be clipped
/// (<see cref="ClipGradientValue"/>, <see cref="MaxGradientNorm"/>) before the step. Seeded, so the same seed gives
/// bit-identical parameters; allocation-free per step once warm; stops with
/// <see cref="TrainingDivergedException"/> on NaN or infinity, and when its cancellation token is cancelled. Not
/// thread-safe: use one trainer per thread.
/// </summary>
public sealed partial class Trainer(Optimizer optimizer)
{
    private float[] gradients = [];
    private float[] outputs = [];
    private float[] batchInputs = [];
    private float[] batchTargets = [];
    private float[] batchOutputs = [];
    private float[] evaluationGradients = [];
    private SeededRandom dropoutRandom;
    private SeededRandom augmentationRandom = new(AugmentationStream);

    /// <summary>Sets the augmentation's random stream apart from the shuffles' and dropout's for the same seed.</summary>
    private const long AugmentationStream = 0x6175676D656E74L;

    /// <summary>Each head's loss and accuracy over the current epoch, for a network with several heads.</summary>
    private HeadScores? trainingHeads;

    /// <summary>The parameter tensors whose gradient norms <see cref="TrackGradientNorms"/> reports, and their sums over the epoch.</summary>
    private Storage.TensorSlot[] trackedTensors = [];
    private double[] tensorNormSums = [];

    /// <summary>The sum over the epoch's batches of the gradient norm, and how many batches measured it.</summary>
    private double gradientNormSum;
    private int measuredBatches;

    /// <summary>Updates the parameters from each batch's mean gradient.</summary>
    public Optimizer Optimizer { get; } = optimizer ?? throw new ArgumentNullException(nameof(optimizer));

    /// <summary>Passes over the training data, at least 1. Default 10.</summary>
    public int Epochs
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, "Train for at least one epoch.");
    } = 10;

    /// <summary>
    /// Samples per step; the last batch of an epoch may be smaller. Default 32. For networks with batch
    /// normalisation a last batch of one sample joins the batch before it, as one sample has no variance.
    /// </summary>
    public int BatchSize
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "A batch holds at least one sample.");
    } = 32;

    /// <summary>Seed of the shuffles and of the validation split.</summary>
    public int Seed { get; init; }

    /// <summary>Whether to shuffle the training samples every epoch. Default true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>The share of the data <see cref="Fit(INetwork, Dataset, System.Threading.CancellationToken)"/> holds out for validation (stratified by class), from 0 (none, the default) up to but not including 1.</summary>
    public double ValidationFraction
    {
        get;
        init => field = value is >= 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, "Hold out a share from 0 (no validation) up to but not including 1.");
    }

    /// <summary>Stop after this many epochs without a lower validation loss; 0 (the default) never stops early.</summary>
    public int EarlyStoppingPatience
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(EarlyStoppingPatience), value, "Patience is a number of epochs, 0 (never stop early) or more.");
    }

    /// <summary>With early stopping, end with the parameters of the best epoch. Default true.</summary>
    public bool RestoreBestParameters { get; init; } = true;

    /// <summary>
    /// Sets the optimizer's learning rate at the start of each epoch, from its rate when <see cref="Fit(INetwork, Dataset, System.Threading.CancellationToken)"/>
    /// started; every Fit ends (or fails) with the optimizer's rate as it found it, so the next one starts where this one did.
    /// </summary>
    public LearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Random transforms of each training batch as it is assembled (never of validation data); none by default. Its
    /// shape must be the network's <c>InputShape</c>.
    /// </summary>
    public Augmentation? Augmentation { get; init; }

    /// <summary>
    /// Told after every epoch, and once more when training is cancelled or fails partway through an epoch (a report
    /// with <see cref="EpochReport.Cancelled"/> or <see cref="EpochReport.Failed"/>), so that every training ends with a
    /// report whose <see cref="EpochReport.IsLast"/> is set. See <see cref="SynchronousProgress{T}"/> for console apps.
    /// </summary>
    public IProgress<EpochReport>? Progress { get; init; }

    /// <summary>
    /// Called on the training thread after every optimizer step, with the batch's loss and gradient norm: a hook for
    /// per-step logging, charts or a learning-rate rule of your own (the optimizer's rate may be changed here). Keep
    /// it short: it runs between steps.
    /// </summary>
    public Action<BatchReport>? BatchCompleted { get; init; }

    /// <summary>
    /// Clamps every value of each batch's mean gradient to <c>[-ClipGradientValue, ClipGradientValue]</c> before the step,
    /// as PyTorch's <c>clip_grad_value_</c> (and before <see cref="MaxGradientNorm"/>); 0 (the default) leaves them.
    /// </summary>
    public float ClipGradientValue
    {
        get;
        init => field = value >= 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ClipGradientValue), value, "The gradient limit is a positive, finite number, or 0 for none.");
    }

    /// <summary>
    /// Scales each batch's mean gradient down to this L2 norm over all parameters when it is larger, before the step, as
    /// PyTorch's <c>clip_grad_norm_</c> (<see cref="GradientClipping.ClipByNorm"/>): the usual guard against exploding
    /// gradients in recurrent networks. 0 (the default) leaves it.
    /// </summary>
    public float MaxGradientNorm
    {
        get;
        init => field = value >= 0 && float.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), value, "The largest gradient norm is a positive, finite number, or 0 for none.");
    }

    /// <summary>
    /// Reports each parameter tensor's gradient norm in every epoch's <see cref="EpochReport.TensorGradientNorms"/> (and
    /// the whole gradient's in <see cref="EpochReport.GradientNorm"/>): one more pass over the gradient per batch. Off by default.
    /// </summary>
    public bool TrackGradientNorms { get; init; }

    /// <summary>Whether each batch's gradient norm is wanted: to clip by it, report it, or hand it to the batch hook.</summary>
    private bool MeasuresGradientNorm => TrackGradientNorms || MaxGradientNorm > 0 || BatchCompleted is not null;

    /// <summary>
    /// Trains on <paramref name="data"/>, holding out <see cref="ValidationFraction"/> of it for validation. Cancelling
    /// <paramref name="cancellation"/> ends training before the next batch (see <see cref="TrainingHistory.Cancelled"/>).
    /// </summary>
    public TrainingHistory Fit(INetwork network, Dataset data, CancellationToken cancellation = default)
    {
        if (ValidationFraction <= 0)
        {
            return Fit(network, data, null, cancellation);
        }

        (Dataset training, Dataset validation) = data.Split(testFraction: ValidationFraction, Seed);
        return Fit(network, training, validation, cancellation);
    }

    /// <summary>
    /// Trains on <paramref name="training"/>, measuring <paramref name="validation"/> after each epoch. Cancelling
    /// <paramref name="cancellation"/> ends training before the next batch (see <see cref="TrainingHistory.Cancelled"/>).
    /// </summary>
    public TrainingHistory Fit(INetwork network, Dataset training, Dataset? validation, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(training);
        Evaluation.CheckShapes(network, training);
        if (training.Count == 0)
        {
            throw new ArgumentException("The training data has no samples.", nameof(training));
        }

        if (validation is not null)
        {
            Evaluation.CheckShapes(network, validation);
            if (validation.Count == 0)
            {
                throw new ArgumentException("The validation data has no samples: give some, or no validation data.", nameof(validation));
            }

            // Data that is not finite would score NaN every epoch, NaN never compares as an improvement, and early
            // stopping would silently return the parameters training started with.
            SampleCheck.RequireScorable(network, validation, nameof(validation), "Validation");
        }
        else if (EarlyStoppingPatience > 0)
        {
            throw new InvalidOperationException("Early stopping watches the validation loss: give validation data or a ValidationFraction.");
        }

        // Targets a sigmoid or softmax head cannot reach are refused now; training data that is not finite is reported, with
        // its sample, as the divergence it causes.
        SampleCheck.RequireScorable(network, training, nameof(training), "Training", SampleCheck.RangeProblem);

        float initialRate = Optimizer.LearningRate;
        try
        {
            return Train(network, training, validation, initialRate, cancellation);
        }
        finally
        {
            // A schedule changes the optimizer's rate; the next Fit (and a caller after an exception) starts from this one's.
            Optimizer.LearningRate = initialRate;
        }
    }

    /// <summary>Training on samples: each epoch the samples shuffled (if asked) and cut into batches.</summary>
    private TrainingHistory Train(INetwork network, Dataset training, Dataset? validation, float initialRate, CancellationToken cancellation)
    {
        var random = new SeededRandom(Seed);
        dropoutRandom = new SeededRandom(~(long)Seed);
        augmentationRandom = new SeededRandom(Seed ^ AugmentationStream);
        var order = new int[training.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        trainingHeads = network.Heads.Count > 1 ? new HeadScores(network.Heads) : null;
        HeadScores? validationHeads = trainingHeads is not null && validation is not null ? new HeadScores(network.Heads) : null;
        bool joinsSingleSample = network.State.Length > 0;

        bool RunEpoch(int epoch, ref BatchResult total)
        {
            if (Shuffle)
            {
                random.Shuffle<int>(order);
            }

            validationHeads?.Clear();
            int batches = BatchCount(order.Length, joinsSingleSample);
            int batch = 0;
            for (int start = 0; start < order.Length;)
            {
                if (cancellation.IsCancellationRequested)
                {
                    return false;
                }

                batch++;
                int size = Math.Min(BatchSize, order.Length - start);
                if (joinsSingleSample && order.Length - start - size == 1)
                {
                    size++;
                }

                total += RunBatch(network, training, order.AsSpan(start, size), epoch, batch, batches);
                start += size;
            }

            return true;
        }

        return RunEpochs(network, RunEpoch, validation is null ? null : () => Validate(network, validation, validationHeads), validationHeads, initialRate);
    }

    /// <summary>One epoch's training steps, adding each batch's sums to <paramref name="total"/>; false when cancelled before one of them.</summary>
    private delegate bool EpochSteps(int epoch, ref BatchResult total);

    /// <summary>
    /// The epochs, whatever the data: the schedule's rate, <paramref name="runEpoch"/>'s steps, validation, the report,
    /// early stopping and the best parameters; cancellation and failure end it with a report of the epoch cut short.
    /// </summary>
    private TrainingHistory RunEpochs(
        INetwork network, EpochSteps runEpoch, Func<(float Loss, float Accuracy)>? validate, HeadScores? validationHeads, float initialRate)
    {
        float[]? best = EarlyStoppingPatience > 0 && RestoreBestParameters ? (float[])network.Parameters.Clone() : null;
        float[]? bestState = best is null ? null : (float[])network.State.Clone();
        float bestLoss = float.PositiveInfinity;
        int bestEpoch = 0;
        trackedTensors = TrackGradientNorms ? [.. System.Linq.Enumerable.Where(network.TensorSlots, slot => !slot.IsState)] : [];
        tensorNormSums = new double[trackedTensors.Length];
        var reports = new List<EpochReport>(Math.Min(Epochs, 1024)); // Epochs may be int.MaxValue, ended by early stopping
        var clock = Stopwatch.StartNew();
        int epoch = 0;
        var total = default(BatchResult);
        try
        {
            for (epoch = 1; epoch <= Epochs; epoch++)
            {
                if (Schedule is not null)
                {
                    Optimizer.LearningRate = Schedule.RateAt(epoch - 1, initialRate);
                }

                total = default;
                trainingHeads?.Clear();
                ClearGradientNorms();
                if (!runEpoch(epoch, ref total))
                {
                    // Before the next step: the network holds the last completed one (or the best epoch's).
                    if (bestEpoch > 0)
                    {
                        Restore(network, best, bestState);
                    }

                    reports.Add(Report(network, epoch, total, null, null, clock) with { IsLast = true, Cancelled = true });
                    Progress?.Report(reports[^1]);
                    return new TrainingHistory(reports, bestEpoch, StoppedEarly: false) { Cancelled = true };
                }

                (float Loss, float Accuracy)? measured = validate?.Invoke();
                if (measured is { } validated && !float.IsFinite(validated.Loss))
                {
                    // The validation data is finite (checked before training), so the network itself produced it; a NaN
                    // would also never count as an improvement, and early stopping would hand back the untrained parameters.
                    throw Diverged(epoch, 0, $"the validation loss is {validated.Loss}, though the validation data is finite");
                }

                // Decided before the report, so that the report can say it is the last.
                bool improved = measured is { } thisEpoch && thisEpoch.Loss < bestLoss;
                bool stopping = !improved && EarlyStoppingPatience > 0 && epoch - bestEpoch >= EarlyStoppingPatience;
                reports.Add(Report(network, epoch, total, measured, validationHeads, clock) with { IsLast = stopping || epoch == Epochs });
                Progress?.Report(reports[^1]);

                if (improved && measured is { } current)
                {
                    bestLoss = current.Loss;
                    bestEpoch = epoch;
                    if (best is not null)
                    {
                        network.Parameters.AsSpan().CopyTo(best);
                        network.State.AsSpan().CopyTo(bestState);
                    }
                }
                else if (stopping)
                {
                    Restore(network, best, bestState);
                    return new TrainingHistory(reports, bestEpoch, StoppedEarly: true);
                }
            }
        }
        catch (Exception) when (ReportFailure(network, epoch, total, reports, clock))
        {
            throw; // not reached: the filter reports the failure and lets the exception pass
        }

        if (bestEpoch > 0 && bestEpoch != Epochs)
        {
            Restore(network, best, bestState);
        }

        return new TrainingHistory(reports, validate is null ? Epochs : bestEpoch, StoppedEarly: false);
    }

    /// <summary>The number of batches in an epoch of <paramref name="samples"/> (a last batch of one joins the one before it with batch normalisation).</summary>
    private int BatchCount(int samples, bool joinsSingleSample)
    {
        int batches = (samples + BatchSize - 1) / BatchSize;
        return joinsSingleSample && batches > 1 && samples % BatchSize == 1 ? batches - 1 : batches;
    }

    /// <summary>The report of an epoch, complete or cut short, with the gradient norms measured over its batches.</summary>
    private EpochReport Report(INetwork network, int epoch, BatchResult total, (float Loss, float Accuracy)? measured, HeadScores? validationHeads, Stopwatch clock)
    {
        TensorGradientNorm[] norms = new TensorGradientNorm[measuredBatches > 0 ? trackedTensors.Length : 0];
        for (int i = 0; i < norms.Length; i++)
        {
            norms[i] = new TensorGradientNorm(trackedTensors[i].Name, (float)(tensorNormSums[i] / measuredBatches));
        }

        return new EpochReport(
            epoch, Epochs, total.MeanLoss, total.Accuracy, measured?.Loss, measured?.Accuracy, Optimizer.LearningRate, clock.Elapsed)
        {
            Heads = total.Count > 0 ? HeadReports(network, validationHeads) : [],
            GradientNorm = measuredBatches > 0 ? (float)(gradientNormSum / measuredBatches) : float.NaN,
            TensorGradientNorms = norms,
        };
    }

    /// <summary>
    /// An exception filter: tells <see cref="Progress"/> that training failed in <paramref name="epoch"/> (so that a
    /// progress line ends) and returns false, so that the exception goes on unchanged. A progress that throws here is
    /// ignored: the first exception is the one that matters.
    /// </summary>
    private bool ReportFailure(INetwork network, int epoch, BatchResult total, List<EpochReport> reports, Stopwatch clock)
    {
        if (Progress is not null && epoch > 0 && (reports.Count == 0 || !reports[^1].IsLast))
        {
            Progress.Report(Report(network, epoch, total, null, null, clock) with { IsLast = true, Failed = true });
        }

        return false;
    }

    /// <summary>
    /// One optimizer step on the samples at <paramref name="rows"/>: their mean gradient, then the
    /// update. Returns the batch's summed loss and accuracy. Allocation-free once warm.
    /// </summary>
    public BatchResult TrainBatch(INetwork network, Dataset data, ReadOnlySpan<int> rows) => RunBatch(network, data, rows, 0, 0, 0);

    /// <summary>The mean loss and accuracy (NaN for mean squared error) over <paramref name="data"/>, without training.</summary>
    public (float Loss, float Accuracy) Evaluate(INetwork network, Dataset data) => Validate(network, data, null);

    private (float Loss, float Accuracy) Validate(INetwork network, Dataset data, HeadScores? heads)
    {
        EnsureBuffers(network, ref evaluationGradients);
        return Evaluation.Measure(network, data, evaluationGradients, outputs, heads);
    }

    /// <summary>
    /// Each head's own loss and accuracy over the epoch, and on the validation data as the epoch's validation measured
    /// it (<paramref name="validated"/>); none for a network with one output.
    /// </summary>
    private HeadReport[] HeadReports(INetwork network, HeadScores? validated)
    {
        if (trainingHeads is null)
        {
            return [];
        }

        var reports = new HeadReport[network.Heads.Count];
        for (int h = 0; h < reports.Length; h++)
        {
            (float loss, float accuracy) = trainingHeads.Mean(h);
            (float Loss, float Accuracy)? check = validated?.Mean(h);
            reports[h] = new HeadReport(network.Heads[h].Name, network.Heads[h].Loss, loss, accuracy, check?.Loss, check?.Accuracy);
        }

        return reports;
    }

    private static void Restore(INetwork network, float[]? parameters, float[]? state)
    {
        parameters?.CopyTo(network.Parameters, 0);
        state?.CopyTo(network.State, 0);
    }

    private BatchResult RunBatch(INetwork network, Dataset data, ReadOnlySpan<int> rows, int epoch, int batch, int batches)
    {
        PrepareStep(network);

        Span<float> inputs = Buffer(ref batchInputs, rows.Length * data.InputSize);
        Span<float> targets = Buffer(ref batchTargets, rows.Length * data.TargetSize);
        for (int i = 0; i < rows.Length; i++)
        {
            data.Input(rows[i]).CopyTo(inputs.Slice(i * data.InputSize, data.InputSize));
            data.Target(rows[i]).CopyTo(targets.Slice(i * data.TargetSize, data.TargetSize));
        }

        if (Augmentation is { } augmentation)
        {
            if (augmentation.Shape != network.InputShape)
            {
                throw new ArgumentException(
                    $"The augmentation was made for inputs of shape {augmentation.Shape}, but the network's InputShape is {network.InputShape}.", nameof(network));
            }

            augmentation.Apply(inputs, ref augmentationRandom);
        }

        bool heads = network.Heads.Count > 1;
        bool scored = heads || network.Loss != Loss.MeanSquaredError;
        Span<float> predictions = scored ? Buffer(ref batchOutputs, rows.Length * network.OutputSize) : Span<float>.Empty;

        ParameterUpdate.Clear(gradients);
        float meanLoss = network.BackwardBatch(inputs, targets, gradients, predictions, ref dropoutRandom);
        if (!float.IsFinite(meanLoss))
        {
            throw Diverged(epoch, batch, $"the batch's mean loss is {meanLoss}{DataProblem(network, data, rows)}");
        }

        double correct = scored ? 0 : float.NaN;
        for (int i = 0; scored && i < rows.Length; i++)
        {
            ReadOnlySpan<float> prediction = predictions.Slice(i * network.OutputSize, network.OutputSize);
            if (heads)
            {
                correct += HeadScores.Accuracy(network.Heads, prediction, data.Target(rows[i]));
                trainingHeads?.Add(prediction, data.Target(rows[i]));
            }
            else
            {
                correct += Metrics.Accuracy(network.Loss, prediction, data.Target(rows[i]));
            }
        }

        ApplyStep(network, epoch, batch, batches, rows.Length, meanLoss);
        return new BatchResult(meanLoss * rows.Length, (float)correct, rows.Length);
    }

    /// <summary>The gradient buffer sized for <paramref name="network"/>, which the optimizer must have been made for.</summary>
    private void PrepareStep(INetwork network)
    {
        EnsureBuffers(network, ref gradients);
        if (Optimizer.ParameterCount != network.Parameters.Length)
        {
            throw new ArgumentException(
                $"The optimizer was made for {Optimizer.ParameterCount} parameters, but the network has {network.Parameters.Length}.", nameof(network));
        }
    }

    /// <summary>
    /// The optimizer's step from the batch's mean gradient (in <c>gradients</c>): checked finite, measured, clipped, applied,
    /// the parameters checked, the batch hook told.
    /// </summary>
    private void ApplyStep(INetwork network, int epoch, int batch, int batches, int samples, float meanLoss)
    {
        if (!ParameterUpdate.AllFinite(gradients))
        {
            throw Diverged(epoch, batch, "a gradient is not finite");
        }

        float norm = MeasuresGradientNorm ? MeasureGradientNorm() : float.NaN;
        Clip(norm);
        float learningRate = Optimizer.LearningRate;
        Optimizer.Step(network.Parameters, gradients);
        if (!ParameterUpdate.AllFinite(network.Parameters))
        {
            throw Diverged(epoch, batch, "a parameter became infinite or NaN after the step");
        }

        BatchCompleted?.Invoke(new BatchReport(epoch, batch, batches, samples, meanLoss, norm, learningRate));
    }

    /// <summary>The batch's gradient norm before clipping; with <see cref="TrackGradientNorms"/>, each tensor's too, summed over the epoch.</summary>
    private float MeasureGradientNorm()
    {
        float norm = GradientClipping.Norm(gradients);
        gradientNormSum += norm;
        measuredBatches++;
        for (int i = 0; i < trackedTensors.Length; i++)
        {
            tensorNormSums[i] += GradientClipping.Norm(gradients.AsSpan(trackedTensors[i].Offset, trackedTensors[i].Count));
        }

        return norm;
    }

    /// <summary>Clips the batch's gradient by value, then by norm (<paramref name="norm"/> is its norm before either).</summary>
    private void Clip(float norm)
    {
        if (ClipGradientValue > 0)
        {
            GradientClipping.ClipByValue(gradients, ClipGradientValue);
            norm = float.NaN; // changed: measured again below if needed
        }

        if (MaxGradientNorm > 0)
        {
            GradientClipping.Scale(gradients, float.IsNaN(norm) ? GradientClipping.Norm(gradients) : norm, MaxGradientNorm);
        }
    }

    private void ClearGradientNorms()
    {
        gradientNormSum = 0;
        measuredBatches = 0;
        Array.Clear(tensorNormSums);
    }

    /// <summary>The first <paramref name="length"/> floats of a buffer that grows when needed and is reused after.</summary>
    private static Span<float> Buffer(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new float[length];
        }

        return buffer.AsSpan(0, length);
    }

    private void EnsureBuffers(INetwork network, ref float[] gradientBuffer)
    {
        if (gradientBuffer.Length != network.Parameters.Length)
        {
            gradientBuffer = new float[network.Parameters.Length];
        }

        if (outputs.Length != network.OutputSize)
        {
            outputs = new float[network.OutputSize];
        }
    }

    private TrainingDivergedException Diverged(int epoch, int batch, string what)
    {
        string where = epoch == 0 ? "in a training batch" : batch == 0 ? $"at epoch {epoch}, validating" : $"at epoch {epoch}, batch {batch}";
        return new TrainingDivergedException(epoch, batch,
            $"Training diverged {where}: {what}. The parameters are no longer usable. "
            + $"Lower the learning rate (now {Optimizer.LearningRate}) or check the data for NaN and infinite values.");
    }

    /// <summary>Names the first sample of the batch whose data is not finite, if any.</summary>
    private static string DataProblem(INetwork network, Dataset data, ReadOnlySpan<int> rows)
    {
        foreach (int row in rows)
        {
            string problem = SampleCheck.Problem(network, data, row);
            if (problem.Length > 0)
            {
                return $": sample {row}{problem}";
            }
        }

        return "";
    }
}

/// <summary>Sums over one or more batches: loss, accuracy and sample count.</summary>
public readonly record struct BatchResult(float LossSum, float CorrectSum, int Count)
{
    /// <summary>Mean loss per sample.</summary>
    public float MeanLoss => Count == 0 ? float.NaN : LossSum / Count;

    /// <summary>Mean accuracy per sample (NaN for mean squared error).</summary>
    public float Accuracy => Count == 0 ? float.NaN : CorrectSum / Count;

    /// <summary>Adds two results.</summary>
    public static BatchResult operator +(BatchResult left, BatchResult right) =>
        new(left.LossSum + right.LossSum, left.CorrectSum + right.CorrectSum, left.Count + right.Count);
}
