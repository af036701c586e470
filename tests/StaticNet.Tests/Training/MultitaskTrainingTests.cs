using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>The trainer on a network with several heads: each head's loss and accuracy reported, early stopping on the weighted total.</summary>
public class MultitaskTrainingTests
{
    /// <summary>A class from 10 (the largest of ten fixed projections of the input) and its parity, for DigitAndParity.</summary>
    private static Dataset Tasks(int count, int seed)
    {
        var random = new Random(seed);
        var projections = new Random(1);
        float[][] directions = Enumerable.Range(0, 10).Select(_ => RandomData.Uniform(projections, 64, 1.0)).ToArray();
        var inputs = new float[count * 64];
        var targets = new float[count * 11];
        for (int i = 0; i < count; i++)
        {
            float[] input = RandomData.Uniform(random, 64, 1.0);
            input.CopyTo(inputs, i * 64);
            int label = Metrics.ArgMax(directions.Select(d => d.Zip(input, (a, b) => a * b).Sum()).ToArray());
            targets[(i * 11) + label] = 1f;
            targets[(i * 11) + 10] = label % 2;
        }

        return new Dataset(inputs, targets, 64, 11);
    }

    [Fact]
    public void Each_head_is_reported_and_both_tasks_are_learned()
    {
        var network = new DigitAndParity(seed: 3);
        var trainer = new Trainer(new Adam(network.Parameters.Length, learningRate: 0.01f))
        {
            Epochs = 12,
            BatchSize = 16,
            Seed = 4,
            ValidationFraction = 0.2,
            EarlyStoppingPatience = 4,
        };

        TrainingHistory history = trainer.Fit(network, Tasks(600, 5));

        EpochReport first = history.Epochs[0];
        EpochReport last = history.Last;
        Assert.Equal(["output1", "output2"], last.Heads.Select(head => head.Name));
        Assert.Equal([Loss.CrossEntropy, Loss.BinaryCrossEntropy], last.Heads.Select(head => head.Loss));
        Assert.True(last.Heads[0].TrainingLoss < first.Heads[0].TrainingLoss / 2, "the class head learns");
        Assert.True(last.Heads[1].TrainingLoss < first.Heads[1].TrainingLoss, "the parity head learns");
        Assert.True(last.Heads[0].ValidationAccuracy > 0.5f, $"class accuracy {last.Heads[0].ValidationAccuracy}");

        // The network trains on the weighted total; its accuracy is the mean over the classification heads.
        foreach (EpochReport epoch in history.Epochs)
        {
            Assert.Equal(epoch.ValidationLoss!.Value, epoch.Heads[0].ValidationLoss!.Value + (0.5f * epoch.Heads[1].ValidationLoss!.Value), 3);
            Assert.Equal(epoch.ValidationAccuracy!.Value, (epoch.Heads[0].ValidationAccuracy!.Value + epoch.Heads[1].ValidationAccuracy!.Value) / 2, 4);
        }

        var measured = Evaluation.MeasureHeads(network, Tasks(200, 6));
        Assert.Equal(2, measured.Count);
        Assert.True(measured[0].Accuracy > 0.5f && measured[1].Accuracy > 0.5f, $"test accuracies {measured[0].Accuracy}, {measured[1].Accuracy}");
    }

    [Fact]
    public void A_training_step_of_a_network_with_heads_allocates_nothing()
    {
        var network = new DigitAndParity(seed: 2);
        var trainer = new Trainer(new Adam(network.Parameters.Length));
        Dataset data = Tasks(32, 7);
        int[] rows = Enumerable.Range(0, 16).ToArray();
        trainer.Fit(network, data.Subset(rows));

        long bytes = Allocations.Measure(() => trainer.TrainBatch(network, data, rows));

        Assert.Equal(0, bytes);
    }

    [Fact]
    public void A_network_with_one_output_reports_no_heads()
    {
        var network = new Seed462Net(seed: 1);
        var data = Dataset.ForClassification(
            Enumerable.Range(0, 20).Select(i => new float[] { i % 2, 1 - (i % 2), 0.5f, 0.1f * i }).ToArray(),
            Enumerable.Range(0, 20).Select(i => i % 2).ToArray(), 2);
        TrainingHistory history = new Trainer(new Sgd(network.Parameters.Length, 0.1f)) { Epochs = 2 }.Fit(network, data);

        Assert.All(history.Epochs, epoch => Assert.Empty(epoch.Heads));
    }
}
