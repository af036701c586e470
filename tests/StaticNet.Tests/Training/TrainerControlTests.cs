using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>
/// What a training loop in an app controls and sees: gradient clipping by value and by norm (the step a hand-written loop
/// with <see cref="GradientClipping"/> takes), the per-batch hook, cancellation (where it leaves the network), per-tensor
/// gradient norms, and the progress line ended however training ends.
/// </summary>
public class TrainerControlTests
{
    private static Dataset RandomDataset(int inputSize, int outputSize, Loss loss, int count, int seed)
    {
        var random = new Random(seed);
        return Dataset.FromRows(
            Enumerable.Range(0, count).Select(_ => RandomData.Uniform(random, inputSize, 1.0)).ToArray(),
            Enumerable.Range(0, count).Select(_ => RandomData.Target(random, loss, outputSize)).ToArray());
    }

    /// <summary>One full-batch SGD step by hand: the batch's mean gradient, clipped as given, then the update.</summary>
    private static float[] StepByHand(Dataset data, Action<float[]> clip)
    {
        var network = new MixedNet(seed: 4);
        var inputs = new float[data.Count * data.InputSize];
        var targets = new float[data.Count * data.TargetSize];
        for (int i = 0; i < data.Count; i++)
        {
            data.Input(i).CopyTo(inputs.AsSpan(i * data.InputSize));
            data.Target(i).CopyTo(targets.AsSpan(i * data.TargetSize));
        }

        var gradients = new float[MixedNet.ParameterCount];
        MixedNet.BackwardBatch(network.Parameters, inputs, targets, gradients, []);
        clip(gradients);
        new Sgd(MixedNet.ParameterCount, learningRate: 0.5f).Step(network.Parameters, gradients);
        return network.Parameters;
    }

    private static float[] StepWithTrainer(Dataset data, float clipValue, float maxNorm)
    {
        var network = new MixedNet(seed: 4);
        new Trainer(new Sgd(MixedNet.ParameterCount, learningRate: 0.5f))
        {
            Epochs = 1, BatchSize = data.Count, Shuffle = false, ClipGradientValue = clipValue, MaxGradientNorm = maxNorm,
        }.Fit(network, data);
        return network.Parameters;
    }

    [Fact]
    public void The_trainer_clips_each_batch_gradient_as_a_loop_with_GradientClipping_does()
    {
        Dataset data = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 12, seed: 7);
        float unclippedNorm = 0;
        float[] plain = StepByHand(data, g => unclippedNorm = GradientClipping.Norm(g));
        Assert.True(unclippedNorm > 0.2f, $"the test needs a gradient the limits below clip: norm {unclippedNorm}");

        float[] byNorm = StepByHand(data, g => Assert.Equal(unclippedNorm, GradientClipping.ClipByNorm(g, 0.1f)));
        float[] byValue = StepByHand(data, g => GradientClipping.ClipByValue(g, 0.01f));
        float[] both = StepByHand(data, g => { GradientClipping.ClipByValue(g, 0.01f); GradientClipping.ClipByNorm(g, 0.05f); });

        Assert.Equal(byNorm, StepWithTrainer(data, 0, 0.1f));
        Assert.Equal(byValue, StepWithTrainer(data, 0.01f, 0));
        Assert.Equal(both, StepWithTrainer(data, 0.01f, 0.05f));
        Assert.Equal(plain, StepWithTrainer(data, 0, 0));
        Assert.NotEqual(plain, byNorm);
        Assert.NotEqual(plain, byValue);
        Assert.Equal(plain, StepWithTrainer(data, 0, 1000f)); // a limit above the norm leaves the step as it was
    }

    [Theory]
    [InlineData(0)] // SGD, gradients clipped by norm
    [InlineData(1)] // SGD with momentum, by value
    [InlineData(2)] // Adam, by value, then by norm
    public void The_trainer_clips_as_PyTorch_does(int traceIndex)
    {
        Fixture fixture = Fixture.Load("r-clip-mlp");
        OptimizerTrace trace = fixture.Traces[traceIndex];
        float Setting(string name) => trace.Optimizer.TryGetProperty(name, out System.Text.Json.JsonElement value) ? (float)value.GetDouble() : 0f;
        var network = new ClipMlpNet(fixture.Parameters);
        Dataset data = Dataset.FromRows(fixture.Cases.Select(c => c.Input).ToArray(), fixture.Cases.Select(c => c.Target).ToArray());
        var steps = new List<BatchReport>();

        new Trainer(OptimizerTraceTests.Create(trace.Optimizer, ClipMlpNet.ParameterCount))
        {
            Epochs = trace.Losses.Length,
            BatchSize = data.Count,
            Shuffle = false,
            ClipGradientValue = Setting("clipGradValue"),
            MaxGradientNorm = Setting("clipGradNorm"),
            BatchCompleted = steps.Add,
        }.Fit(network, data);

        Assert.Equal(trace.Losses.Length, steps.Count);
        for (int step = 0; step < steps.Count; step++)
        {
            Tolerance.Close(trace.Losses[step], steps[step].Loss, Tolerance.Values, $"the loss before step {step + 1}");
            if (Setting("clipGradValue") == 0)
            {
                // Without value clipping, the norm clip_grad_norm_ returned is the gradient's as backpropagation gave it, as the report's is.
                Tolerance.Close(trace.GradNorms[step], steps[step].GradientNorm, Tolerance.Gradients, $"the gradient norm before step {step + 1}");
            }
        }

        Tolerance.Close(trace.FinalParameters, network.Parameters, Tolerance.Gradients, "the parameters after the last step");
    }

    [Fact]
    public void Clipping_by_norm_scales_to_the_limit_and_by_value_clamps_NaN_kept()
    {
        float[] gradients = [3f, -4f, 0f, 12f]; // norm 13
        Assert.Equal(13f, GradientClipping.ClipByNorm(gradients, 6.5f));
        Tolerance.Close(new[] { 1.5f, -2f, 0f, 6f }, gradients, 1e-6, "scaled by 6.5 / (13 + 1e-6)");
        Assert.Equal(6.5f, GradientClipping.Norm(gradients), 5);

        float[] small = [0.3f, -0.4f];
        float[] before = small.ToArray();
        Assert.Equal(0.5f, GradientClipping.ClipByNorm(small, 1f), 6);
        Assert.Equal(before, small);

        float[] zero = [0f, 0f];
        Assert.Equal(0f, GradientClipping.ClipByNorm(zero, 1f));
        Assert.Equal([0f, 0f], zero);

        float[] values = [0.5f, -3f, 2f, float.NaN, -0.1f];
        GradientClipping.ClipByValue(values, 1f);
        Assert.Equal([0.5f, -1f, 1f, float.NaN, -0.1f], values);

        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByNorm(values, 0f));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientClipping.ClipByValue(values, float.PositiveInfinity));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new Sgd(4, 0.1f)) { MaxGradientNorm = -1f });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(new Sgd(4, 0.1f)) { ClipGradientValue = float.NaN });
    }

    [Fact]
    public void The_batch_hook_sees_every_step_with_its_loss_and_gradient_norm()
    {
        Dataset data = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 20, seed: 8);
        var seen = new List<BatchReport>();
        var trainer = new Trainer(new Adam(MixedNet.ParameterCount, 0.01f)) { Epochs = 2, BatchSize = 8, Seed = 3, BatchCompleted = seen.Add };

        TrainingHistory history = trainer.Fit(new MixedNet(seed: 2), data);

        Assert.Equal([(1, 1), (1, 2), (1, 3), (2, 1), (2, 2), (2, 3)], seen.Select(b => (b.Epoch, b.Batch)));
        Assert.All(seen, b => Assert.Equal(3, b.Batches));
        Assert.Equal([8, 8, 4, 8, 8, 4], seen.Select(b => b.Samples));
        Assert.All(seen, b => Assert.True(b.GradientNorm > 0 && float.IsFinite(b.GradientNorm)));
        Assert.All(seen, b => Assert.Equal(0.01f, b.LearningRate));
        for (int epoch = 1; epoch <= 2; epoch++)
        {
            BatchReport[] batches = seen.Where(b => b.Epoch == epoch).ToArray();
            float loss = batches.Sum(b => b.Loss * b.Samples) / 20f;
            Assert.Equal(history.Epochs[epoch - 1].TrainingLoss, loss, 5);
            Assert.Equal(history.Epochs[epoch - 1].GradientNorm, batches.Average(b => b.GradientNorm), 5);
        }
    }

    [Fact]
    public void Cancelling_leaves_the_network_at_the_last_completed_step_and_ends_the_progress_line()
    {
        Dataset data = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 40, seed: 9);
        using var cancellation = new CancellationTokenSource();
        float[] afterLastStep = [];
        var network = new MixedNet(seed: 3);
        var text = new StringWriter();
        var trainer = new Trainer(new Sgd(MixedNet.ParameterCount, 0.1f))
        {
            Epochs = 10,
            BatchSize = 8,
            Progress = new ConsoleProgress(text, inPlace: true),
            BatchCompleted = batch =>
            {
                afterLastStep = network.Parameters.ToArray();
                if (batch is { Epoch: 2, Batch: 3 })
                {
                    cancellation.Cancel();
                }
            },
        };

        TrainingHistory history = trainer.Fit(network, data, cancellation.Token);

        Assert.True(history.Cancelled);
        Assert.Equal(2, history.Epochs.Count);
        EpochReport last = history.Last;
        Assert.True(last.Cancelled && last.IsLast);
        Assert.Equal(2, last.Epoch);
        Assert.True(float.IsFinite(last.TrainingLoss));
        Assert.Equal(afterLastStep, network.Parameters);
        Assert.EndsWith(Environment.NewLine, text.ToString());
        Assert.Contains("epoch 2/10", text.ToString());
        Assert.Contains("cancelled", text.ToString());

        // Cancelled before it starts: one report, nothing trained.
        var untouched = new MixedNet(seed: 3);
        TrainingHistory none = new Trainer(new Sgd(MixedNet.ParameterCount, 0.1f)).Fit(untouched, data, new CancellationToken(canceled: true));
        Assert.True(none.Cancelled && none.Last.Cancelled && float.IsNaN(none.Last.TrainingLoss));
        Assert.Equal(new MixedNet(seed: 3).Parameters, untouched.Parameters);
    }

    [Fact]
    public void Cancelling_with_early_stopping_leaves_the_best_epochs_parameters()
    {
        Dataset training = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 24, seed: 5);
        Dataset validation = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 24, seed: 6);
        using var cancellation = new CancellationTokenSource();
        var network = new MixedNet(seed: 2);
        var byEpoch = new Dictionary<int, float[]>();
        var trainer = new Trainer(new Adam(MixedNet.ParameterCount, 0.05f))
        {
            Epochs = 200,
            BatchSize = 8,
            EarlyStoppingPatience = 50,
            Progress = new SynchronousProgress<EpochReport>(report =>
            {
                byEpoch[report.Epoch] = network.Parameters.ToArray();
                if (report.Epoch == 12)
                {
                    cancellation.Cancel();
                }
            }),
        };

        TrainingHistory history = trainer.Fit(network, training, validation, cancellation.Token);

        Assert.True(history.Cancelled);
        Assert.Equal(13, history.Last.Epoch);
        Assert.InRange(history.BestEpoch, 1, 12);
        Assert.NotEqual(12, history.BestEpoch); // the noise is memorised within a few epochs: the best is an earlier one
        Assert.Equal(byEpoch[history.BestEpoch], network.Parameters);
    }

    [Fact]
    public void Tensor_gradient_norms_name_every_parameter_tensor_and_make_up_the_whole()
    {
        Dataset data = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 16, seed: 10);
        var network = new MixedNet(seed: 1);
        TrainingHistory history = new Trainer(new Sgd(MixedNet.ParameterCount, 0.1f)) { Epochs = 2, BatchSize = 16, TrackGradientNorms = true }
            .Fit(network, data);

        string[] tensors = MixedNet.TensorSlots.Where(slot => !slot.IsState).Select(slot => slot.Name).ToArray();
        foreach (EpochReport epoch in history.Epochs)
        {
            Assert.Equal(tensors, epoch.TensorGradientNorms.Select(norm => norm.Tensor));
            Assert.All(epoch.TensorGradientNorms, norm => Assert.True(norm.Norm > 0, $"{norm.Tensor}: {norm.Norm}"));

            // One batch per epoch: the tensors' norms are parts of the whole gradient's.
            double whole = Math.Sqrt(epoch.TensorGradientNorms.Sum(norm => (double)norm.Norm * norm.Norm));
            Assert.Equal(epoch.GradientNorm, whole, 4);
        }

        EpochReport untracked = new Trainer(new Sgd(MixedNet.ParameterCount, 0.1f)) { Epochs = 1 }.Fit(new MixedNet(seed: 1), data).Last;
        Assert.Empty(untracked.TensorGradientNorms);
        Assert.True(float.IsNaN(untracked.GradientNorm));
    }

    [Fact]
    public void A_failure_ends_the_progress_line_before_the_exception_goes_on()
    {
        var network = new LeakyMseNet(seed: 1);
        Dataset data = RandomDataset(LeakyMseNet.InputSize, LeakyMseNet.OutputSize, Loss.MeanSquaredError, count: 64, seed: 2);
        var reports = new List<EpochReport>();
        var text = new StringWriter();
        var console = new ConsoleProgress(text, inPlace: true);
        var trainer = new Trainer(new Sgd(LeakyMseNet.ParameterCount, learningRate: 1e6f))
        {
            Epochs = 20,
            BatchSize = 8,
            Progress = new SynchronousProgress<EpochReport>(report => { reports.Add(report); console.Report(report); }),
        };

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(network, data));

        EpochReport last = reports[^1];
        Assert.True(last.Failed && last.IsLast);
        Assert.Equal(error.Epoch, last.Epoch);
        Assert.EndsWith(Environment.NewLine, text.ToString());
        Assert.Contains("failed", text.ToString());
    }

    [Fact]
    public void The_progress_line_shows_each_heads_numbers()
    {
        var report = new EpochReport(2, 5, 0.5f, 0.75f, 0.6f, 0.7f, 0.01f, TimeSpan.FromSeconds(2))
        {
            Heads = [new HeadReport("digit", Loss.CrossEntropy, 0.4f, 0.9f, 0.5f, 0.85f), new HeadReport("size", Loss.MeanSquaredError, 0.02f, float.NaN, 0.03f, null)],
        };

        string line = ConsoleProgress.Line(report);

        Assert.Contains("| digit 0.4000 acc 90.0% (validation 0.5000 acc 85.0%) | size 0.0200 (validation 0.0300) |", line);
    }
}
