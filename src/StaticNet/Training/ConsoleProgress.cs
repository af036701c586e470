using System;
using System.Globalization;
using System.IO;

namespace StaticNet.Training;

/// <summary>
/// Shows training as it goes: on a terminal one line redrawn in place each epoch (a bar of the epochs done, the losses and
/// accuracies, the time left), and one line per epoch when the output is redirected to a file or a CI log. Give it to
/// <see cref="Trainer.Progress"/>: <c>Progress = new ConsoleProgress()</c>. It writes on the training thread.
/// </summary>
public sealed class ConsoleProgress : IProgress<EpochReport>
{
    private const int BarWidth = 20;
    private readonly TextWriter writer;
    private readonly bool inPlace;
    private int lastLength;

    /// <summary>Writes to the console, in place unless its output is redirected.</summary>
    public ConsoleProgress()
        : this(Console.Out, !Console.IsOutputRedirected)
    {
    }

    /// <summary>Writes to <paramref name="writer"/>, redrawing one line when <paramref name="inPlace"/>, else a line per epoch.</summary>
    public ConsoleProgress(TextWriter writer, bool inPlace)
    {
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
        this.inPlace = inPlace;
    }

    /// <summary>Shows one epoch's report.</summary>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string line = Line(value);
        if (!inPlace)
        {
            writer.WriteLine(line);
            return;
        }

        // Carriage return and padding overwrite the previous line; the last epoch (or the one training stops early at) ends it.
        writer.Write("\r" + line.PadRight(lastLength));
        lastLength = line.Length;
        if (Ends(value))
        {
            writer.WriteLine();
            lastLength = 0;
        }

        writer.Flush();
    }

    /// <summary>
    /// The text shown for <paramref name="report"/>: bar, epoch, losses, accuracies (and each head's, for a network with
    /// several), time left; for an epoch cut short, what it did and why it ended.
    /// </summary>
    public static string Line(EpochReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        int done = report.Epochs <= 0 ? BarWidth : Math.Clamp(report.Epoch * BarWidth / report.Epochs, 0, BarWidth);
        string bar = new string('#', done) + new string('.', BarWidth - done);
        TimeSpan left = report.Epoch <= 0 ? TimeSpan.Zero : report.Elapsed / report.Epoch * Math.Max(0, report.Epochs - report.Epoch);
        var text = new System.Text.StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{bar}] epoch {report.Epoch}/{report.Epochs}");
        if (!float.IsNaN(report.TrainingLoss))
        {
            text.Append(CultureInfo.InvariantCulture, $" loss {LossText.Format(report.TrainingLoss)}{Accuracy(report.TrainingAccuracy)}");
        }

        if (report.ValidationLoss is { } validation)
        {
            text.Append(CultureInfo.InvariantCulture, $" | validation loss {LossText.Format(validation)}{Accuracy(report.ValidationAccuracy ?? float.NaN)}");
        }

        foreach (HeadReport head in report.Heads)
        {
            text.Append(CultureInfo.InvariantCulture, $" | {head.Name} {LossText.Format(head.TrainingLoss)}{Accuracy(head.TrainingAccuracy)}");
            if (head.ValidationLoss is { } headValidation)
            {
                text.Append(CultureInfo.InvariantCulture, $" (validation {LossText.Format(headValidation)}{Accuracy(head.ValidationAccuracy ?? float.NaN)})");
            }
        }

        string ending = report.Cancelled ? " | cancelled" : report.Failed ? " | failed" : "";
        text.Append(!Ends(report)
            ? string.Create(CultureInfo.InvariantCulture, $" | {left.TotalSeconds:F0} s left")
            : string.Create(CultureInfo.InvariantCulture, $"{ending} | {report.Elapsed.TotalSeconds:F1} s"));
        return text.ToString();
    }

    /// <summary>Whether training ends with this epoch (a report made by hand may leave <see cref="EpochReport.IsLast"/> unset at the last).</summary>
    private static bool Ends(EpochReport report) => report.IsLast || report.Epoch >= report.Epochs;

    private static string Accuracy(float accuracy) =>
        float.IsNaN(accuracy) ? "" : string.Create(CultureInfo.InvariantCulture, $" acc {accuracy * 100:F1}%");
}
