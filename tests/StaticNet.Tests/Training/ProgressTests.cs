using System;
using System.IO;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>What a user sees of training: an epoch's report as one line, and the console reporter in place or line by line.</summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
public class ProgressTests
{
    private static EpochReport Epoch(int epoch, int epochs, float? validation = 0.25f) =>
        new(epoch, epochs, 0.5f, 0.75f, validation, validation is null ? null : 0.8f, 0.01f, TimeSpan.FromSeconds(2 * epoch));

    [Fact]
    public void An_epoch_report_reads_as_one_line()
    {
        Assert.Equal(
            "epoch 2/5: loss 0.5000, accuracy 75.0%; validation loss 0.2500, accuracy 80.0%; learning rate 0.01; 4.0 s",
            Epoch(2, 5).ToString());
        Assert.Equal("epoch 1/5: loss 0.5000, accuracy 75.0%; learning rate 0.01; 2.0 s", Epoch(1, 5, validation: null).ToString());

        EpochReport withHeads = Epoch(1, 2) with { Heads = [new HeadReport("digit", Loss.CrossEntropy, 0.4f, 0.9f, 0.5f, 0.85f)] };
        Assert.EndsWith(" | digit: loss 0.4000, accuracy 90.0%, validation 0.5000, accuracy 85.0%", withHeads.ToString());
    }

    [Fact]
    public void Redirected_output_gets_a_line_per_epoch()
    {
        var text = new StringWriter();
        var progress = new ConsoleProgress(text, inPlace: false);
        progress.Report(Epoch(1, 4));
        progress.Report(Epoch(2, 4));

        string[] lines = text.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("[#####...............] epoch 1/4 loss 0.5000 acc 75.0% | validation loss 0.2500 acc 80.0% | 6 s left", lines[0]);
        Assert.Contains("[##########..........] epoch 2/4", lines[1]);
        Assert.DoesNotContain("\r", text.ToString());
    }

    [Fact]
    public void A_terminal_gets_one_line_redrawn_in_place_and_ended_at_the_last_epoch()
    {
        var text = new StringWriter();
        var progress = new ConsoleProgress(text, inPlace: true);
        progress.Report(Epoch(1, 2));
        progress.Report(Epoch(2, 2));

        string written = text.ToString();
        Assert.Equal(2, written.Split('\r').Length - 1);
        Assert.EndsWith(Environment.NewLine, written);
        Assert.Contains("epoch 2/2", written);
        Assert.Contains("| 4.0 s", written);
    }

    [Fact]
    public void Small_losses_keep_their_significant_digits()
    {
        EpochReport regression = new(3, 5, 3.73e-5f, float.NaN, 1.2345e-6f, null, 0.01f, TimeSpan.FromSeconds(1));

        Assert.StartsWith("epoch 3/5: loss 3.73e-05; validation loss 1.23e-06;", regression.ToString());
        Assert.Contains("loss 3.73e-05 | validation loss 1.23e-06", ConsoleProgress.Line(regression));
        Assert.StartsWith("epoch 2/5: loss 0.5000", Epoch(2, 5).ToString());
        Assert.StartsWith("epoch 1/1: loss 0.0000", new EpochReport(1, 1, 0f, float.NaN, null, null, 0.01f, TimeSpan.Zero).ToString());
        Assert.StartsWith("epoch 1/1: loss 1.23e+07", new EpochReport(1, 1, 1.23e7f, float.NaN, null, null, 0.01f, TimeSpan.Zero).ToString());
    }

    [Fact]
    public void Training_that_stops_early_ends_the_bar_line_before_anything_else_is_written()
    {
        // A validation loss that only rises: early stopping stops at epoch 3 of 50.
        float[][] inputs = [[0f], [1f], [2f], [3f]];
        float[][] targets = [[0f], [1f], [2f], [3f]];
        var data = Dataset.FromRows(inputs, targets);
        var text = new StringWriter();
        var trainer = new Trainer(new Sgd(DivergingLineNet.ParameterCount, learningRate: 5f))
        {
            Epochs = 50,
            BatchSize = 4,
            EarlyStoppingPatience = 2,
            Progress = new SynchronousProgress<EpochReport>(new ConsoleProgress(text, inPlace: true).Report),
        };

        TrainingHistory history = trainer.Fit(new DivergingLineNet(seed: 1), data, data);

        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.Last.Epoch);
        Assert.True(history.Last.IsLast);
        Assert.EndsWith(Environment.NewLine, text.ToString());
        Assert.DoesNotContain("s left", text.ToString().Split('\r')[^1]);
    }
}

/// <summary>One weight and a bias: with a learning rate far too large, each epoch's loss is worse than the last.</summary>
[Network]
[Input(1)]
[Dense(1)]
public partial class DivergingLineNet { }

