using System;
using StaticNet.Training;

namespace Iris;

/// <summary>
/// The whole experiment: a stratified 70/30 split, standardisation fitted on the training part,
/// Adam on minibatches with early stopping on a validation fifth of the training part (the test
/// part is never looked at while training), then accuracy on the held-out 30%. Shared by the
/// program and its test.
/// </summary>
public static class IrisExperiment
{
    /// <param name="Test">The held-out part, standardised as the network sees it.</param>
    /// <param name="RawTest">The held-out part in centimetres.</param>
    public sealed record Result(IrisNet Network, TrainingHistory History, Dataset Test, float TestAccuracy, Standardiser Standardiser, Dataset RawTest)
    {
        /// <summary>The trained parameters with standardisation folded in: the network for raw measurements, to save and bake.</summary>
        public float[] RawInputParameters() => Standardiser.FoldIntoFirstLayer(
            Network.Parameters, IrisNet.Layer1.WeightOffset, IrisNet.Layer1.BiasOffset, IrisNet.Layer1.OutputSize);
    }

    /// <param name="flowers">The Iris table, as <c>Dataset.FromCsv("iris.csv", labelColumn: "species")</c> reads it.</param>
    public static Result Run(Dataset flowers, int seed, IProgress<EpochReport>? progress = null)
    {
        (Dataset rawTraining, Dataset rawTest) = flowers.Split(testFraction: 0.3, seed: seed);
        var standardiser = new Standardiser(rawTraining);
        Dataset training = standardiser.Apply(rawTraining);
        Dataset test = standardiser.Apply(rawTest);

        var network = new IrisNet(seed: seed);
        var trainer = new Trainer(new Adam(IrisNet.ParameterCount, learningRate: 0.01f))
        {
            Epochs = 300,
            BatchSize = 16,
            Seed = seed,
            ValidationFraction = 0.2,
            EarlyStoppingPatience = 30,
            Progress = progress,
        };
        TrainingHistory history = trainer.Fit(network, training);
        return new Result(network, history, test, trainer.Evaluate(network, test).Accuracy, standardiser, rawTest);
    }
}
