using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Iris;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

/// <summary>The trainer with batch normalisation: batch statistics in training, running statistics after.</summary>
public class BatchNormTrainingTests
{
    private static readonly Dataset Iris = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), labelColumn: "species");

    [Fact]
    public void Learns_raw_Iris_and_predicts_with_the_running_statistics()
    {
        (Dataset training, Dataset test) = Iris.Split(0.3, seed: 1);
        var network = new IrisNormNet(seed: 2);
        float[] initialState = network.State.ToArray();

        // 105 samples in batches of 13 leave one over: it joins the last batch instead of failing alone.
        var trainer = new Trainer(new Adam(IrisNormNet.ParameterCount, 0.01f)) { Epochs = 60, BatchSize = 13, Seed = 3 };
        trainer.Fit(network, training);

        Assert.NotEqual(initialState, network.State);
        Assert.All(network.State.Skip(16), variance => Assert.True(variance > 0f));

        // Seeded, so these are exact (95.6% and 97.1% when written); the margins leave room for rounding changes.
        (float _, float accuracy) = trainer.Evaluate(network, test);
        Assert.True(accuracy >= 0.9f, $"Held-out accuracy {accuracy:P1} with the running statistics");
        (float _, float trainingAccuracy) = trainer.Evaluate(network, training);
        Assert.True(trainingAccuracy >= 0.93f, $"Training accuracy {trainingAccuracy:P1} with the running statistics");
    }

    [Fact]
    public void Early_stopping_restores_the_running_statistics_of_the_best_epoch_too()
    {
        var network = new IrisNormNet(seed: 4);
        var snapshots = new List<(float[] Parameters, float[] State)>();
        var trainer = new Trainer(new Sgd(IrisNormNet.ParameterCount, 0.5f, momentum: 0.9f))
        {
            Epochs = 40,
            BatchSize = 16,
            Seed = 5,
            ValidationFraction = 0.3,
            EarlyStoppingPatience = 3,
            Progress = new SynchronousProgress<EpochReport>(_ => snapshots.Add((network.Parameters.ToArray(), network.State.ToArray()))),
        };

        TrainingHistory history = trainer.Fit(network, Iris);

        Assert.True(history.BestEpoch < history.Epochs.Count, "the run should have gone on past its best epoch");
        Assert.Equal(snapshots[history.BestEpoch - 1].Parameters, network.Parameters);
        Assert.Equal(snapshots[history.BestEpoch - 1].State, network.State);
    }
}
