using System;
using System.IO;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>What a user sees of training: an epoch's report as one line, and the console reporter in place or line by line.</summary>
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
}
