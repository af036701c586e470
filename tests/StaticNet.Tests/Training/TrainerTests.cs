using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Iris;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

public class TrainerTests
{
    private static readonly Dataset Xor = Dataset.FromRows(
        [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]],
        [[0f], [1f], [1f], [0f]]);

    [Fact]
    public void Learns_XOR()
    {
        var network = new XorNet(seed: 3);
        var trainer = new Trainer(new Adam(XorNet.ParameterCount, learningRate: 0.05f)) { Epochs = 400, BatchSize = 4, Seed = 1 };

        trainer.Fit(network, Xor);

        var output = new float[1];
        for (int i = 0; i < Xor.Count; i++)
        {
            network.Predict(Xor.Input(i), output);
            Assert.Equal(Xor.Target(i)[0], output[0] >= 0.5f ? 1f : 0f);
        }

        Assert.True(trainer.Evaluate(network, Xor).Loss < 0.05f);
    }

    [Fact]
    public void Iris_sample_reaches_95_percent_on_held_out_data()
    {
        Dataset flowers = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), labelColumn: "species");

        IrisExperiment.Result result = IrisExperiment.Run(flowers, seed: 7);

        Assert.Equal(45, result.Test.Count);
        Assert.True(result.TestAccuracy >= 0.95f, $"Held-out accuracy {result.TestAccuracy:P1}");
    }

    [Fact]
    public void Iris_weights_with_standardisation_folded_in_predict_raw_measurements_as_the_network_does_standardised_ones()
    {
        Dataset flowers = Dataset.FromCsv(Path.Combine(AppContext.BaseDirectory, "iris.csv"), labelColumn: "species");
        IrisExperiment.Result result = IrisExperiment.Run(flowers, seed: 3);

        float[] folded = result.RawInputParameters();

        var standardised = new float[IrisNet.OutputSize];
        var raw = new float[IrisNet.OutputSize];
        for (int i = 0; i < result.Test.Count; i++)
        {
            IrisNet.Forward(result.Network.Parameters, result.Test.Input(i), standardised);
            IrisNet.Forward(folded, result.RawTest.Input(i), raw);
            Tolerance.Close(standardised, raw, 1e-4, $"flower {i}");
        }

        Assert.NotEqual(result.Network.Parameters, folded);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_parameters()
    {
        float[] Train()
        {
            var network = new EveryActivationNet(seed: 5);
            var data = RandomDataset(EveryActivationNet.InputSize, EveryActivationNet.OutputSize, Loss.MeanSquaredError, count: 40, seed: 9);
            new Trainer(new Adam(EveryActivationNet.ParameterCount, 0.01f)) { Epochs = 5, BatchSize = 8, Seed = 11 }.Fit(network, data);
            return network.Parameters;
        }

        float[] first = Train();
        float[] second = Train();
        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(new EveryActivationNet(seed: 5).Parameters, first);
    }

    [Fact]
    public void A_huge_learning_rate_stops_with_an_error_naming_epoch_and_batch()
    {
        // Linear and LeakyReLU layers under MSE are unbounded: a step of 1e6 makes every later one larger.
        var network = new LeakyMseNet(seed: 1);
        Dataset data = RandomDataset(LeakyMseNet.InputSize, LeakyMseNet.OutputSize, Loss.MeanSquaredError, count: 64, seed: 2);
        var trainer = new Trainer(new Sgd(LeakyMseNet.ParameterCount, learningRate: 1e6f)) { Epochs = 20, BatchSize = 8 };

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(network, data));

        Assert.True(error.Epoch >= 1 && error.Batch >= 1);
        Assert.Contains($"epoch {error.Epoch}, batch {error.Batch}", error.Message);
        Assert.Contains("Lower the learning rate", error.Message);
    }

    [Fact]
    public void A_NaN_in_the_data_is_reported_with_its_sample()
    {
        var inputs = new float[] { 0, 0, 0, 1, float.NaN, 0, 1, 1 };
        var data = new Dataset(inputs, [0f, 1f, 1f, 0f], 2, 1);
        var trainer = new Trainer(new Sgd(XorNet.ParameterCount, 0.1f)) { Epochs = 1, BatchSize = 4, Shuffle = false };

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(new XorNet(seed: 1), data));

        Assert.Contains("sample 2", error.Message);
        Assert.Contains("its input contains NaN", error.Message);
    }

    [Fact]
    public void A_training_step_allocates_nothing_once_warm()
    {
        var network = new MixedNet(seed: 1);
        Dataset data = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 32, seed: 3);
        var trainer = new Trainer(new AdamW(MixedNet.ParameterCount, 1e-3f));
        int[] rows = Enumerable.Range(0, 32).ToArray();

        long allocated = Allocations.Measure(() => trainer.TrainBatch(network, data, rows));

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Minibatch_gradient_is_the_mean_over_the_batch()
    {
        // One plain SGD step with lr 1 moves the parameters by minus the mean gradient.
        var network = new Seed462Net(seed: 4);
        float[] start = network.Parameters.ToArray();
        Dataset data = RandomDataset(Seed462Net.InputSize, Seed462Net.OutputSize, Loss.CrossEntropy, count: 5, seed: 4);
        var expected = new float[Seed462Net.ParameterCount];
        for (int i = 0; i < data.Count; i++)
        {
            Seed462Net.Backward(start, data.Input(i), data.Target(i), expected, Span<float>.Empty);
        }

        new Trainer(new Sgd(Seed462Net.ParameterCount, learningRate: 1f)).TrainBatch(network, data, [0, 1, 2, 3, 4]);

        // The batch step and per-sample Backward round differently (fused multiply-adds), hence a tolerance.
        Tolerance.Close(start.Zip(expected, (p, g) => p - (g / 5f)).ToArray(), network.Parameters, 1e-5, "parameters after the step");
    }

    [Fact]
    public void Early_stopping_stops_and_restores_the_best_parameters()
    {
        // Memorising noise: the validation loss soon rises, and training must stop and roll back.
        Dataset training = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 24, seed: 5);
        Dataset validation = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 24, seed: 6);
        var network = new MixedNet(seed: 2);
        var trainer = new Trainer(new Adam(MixedNet.ParameterCount, 0.01f)) { Epochs = 200, BatchSize = 8, EarlyStoppingPatience = 5 };

        TrainingHistory history = trainer.Fit(network, training, validation);

        Assert.True(history.StoppedEarly);
        Assert.Equal(history.BestEpoch + 5, history.Epochs.Count);
        float bestLoss = history.Epochs[history.BestEpoch - 1].ValidationLoss!.Value;
        Assert.Equal(history.Epochs.Min(e => e.ValidationLoss!.Value), bestLoss);
        Assert.Equal(bestLoss, trainer.Evaluate(network, validation).Loss, 5);
    }

    [Fact]
    public void Progress_is_reported_every_epoch_with_the_scheduled_rate()
    {
        var reports = new List<EpochReport>();
        var trainer = new Trainer(new Sgd(XorNet.ParameterCount, learningRate: 0.8f))
        {
            Epochs = 6,
            BatchSize = 2,
            Schedule = new StepDecay(stepSize: 2, gamma: 0.5f),
            Progress = new SynchronousProgress<EpochReport>(reports.Add),
        };

        trainer.Fit(new XorNet(seed: 1), Xor);

        Assert.Equal([1, 2, 3, 4, 5, 6], reports.Select(r => r.Epoch));
        Assert.Equal([0.8f, 0.8f, 0.4f, 0.4f, 0.2f, 0.2f], reports.Select(r => r.LearningRate));
        Assert.All(reports, r => Assert.InRange(r.TrainingAccuracy, 0f, 1f));
        Assert.All(reports, r => Assert.Null(r.ValidationLoss));
    }

    [Fact]
    public void Data_that_does_not_fit_the_network_is_rejected()
    {
        var trainer = new Trainer(new Sgd(Seed462Net.ParameterCount, 0.1f));

        ArgumentException error = Assert.Throws<ArgumentException>(() => trainer.Fit(new Seed462Net(seed: 1), Xor));

        Assert.Contains("takes 4 inputs and gives 2 outputs, but the data has 2 inputs and 1 targets", error.Message);
    }

    [Fact]
    public void A_NaN_in_the_validation_data_is_refused_before_training_not_turned_into_untrained_parameters()
    {
        // Before: the validation loss was NaN every epoch, NaN never improved on the best, and Fit handed back the
        // initial parameters (BestEpoch 0) although training had worked.
        Dataset training = RandomDataset(MixedNet.InputSize, MixedNet.OutputSize, Loss.CrossEntropy, count: 24, seed: 5);
        float[][] inputs = Enumerable.Range(0, 6).Select(i => RandomData.Uniform(new Random(i), MixedNet.InputSize, 1.0)).ToArray();
        inputs[4][2] = float.NaN;
        Dataset validation = Dataset.FromRows(inputs, inputs.Select(_ => RandomData.Target(new Random(1), Loss.CrossEntropy, MixedNet.OutputSize)).ToArray());
        var network = new MixedNet(seed: 2);
        float[] before = (float[])network.Parameters.Clone();
        var trainer = new Trainer(new Adam(MixedNet.ParameterCount, 0.01f)) { Epochs = 20, EarlyStoppingPatience = 3 };

        ArgumentException error = Assert.Throws<ArgumentException>(() => trainer.Fit(network, training, validation));

        Assert.Contains("Validation sample 4", error.Message);
        Assert.Contains("NaN", error.Message);
        Assert.Equal(before, network.Parameters);
    }

    [Fact]
    public void A_validation_loss_that_overflows_on_finite_data_stops_training_with_an_error()
    {
        // Finite but enormous validation inputs drive a mean-squared-error output past float's range.
        var network = new LeakyMseNet(seed: 1);
        Dataset training = RandomDataset(LeakyMseNet.InputSize, LeakyMseNet.OutputSize, Loss.MeanSquaredError, count: 16, seed: 3);
        float[][] huge = [Enumerable.Repeat(1e30f, LeakyMseNet.InputSize).ToArray()];
        Dataset validation = Dataset.FromRows(huge, [new float[LeakyMseNet.OutputSize]]);
        var trainer = new Trainer(new Sgd(LeakyMseNet.ParameterCount, 0.01f)) { Epochs = 3, EarlyStoppingPatience = 2 };

        TrainingDivergedException error = Assert.Throws<TrainingDivergedException>(() => trainer.Fit(network, training, validation));

        Assert.Contains("the validation loss is", error.Message);
        Assert.Equal(1, error.Epoch);
    }

    [Fact]
    public void Empty_training_or_validation_data_is_refused()
    {
        var trainer = new Trainer(new Sgd(XorNet.ParameterCount, 0.1f)) { Epochs = 3 };
        var empty = new Dataset([], [], XorNet.InputSize, XorNet.OutputSize);

        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => trainer.Fit(new XorNet(seed: 1), empty, null)).Message);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => trainer.Fit(new XorNet(seed: 1), Xor, empty)).Message);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void A_negative_or_non_finite_learning_rate_is_refused(float rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(XorNet.ParameterCount, rate));
        var adam = new Adam(XorNet.ParameterCount, 0.01f);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = rate);
        Assert.Equal(0.01f, adam.LearningRate);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(XorNet.ParameterCount, 0.1f) { WeightDecay = rate });
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(XorNet.ParameterCount, 0.1f) { L1 = rate });
    }

    private static Dataset RandomDataset(int inputSize, int outputSize, Loss loss, int count, int seed)
    {
        var random = new Random(seed);
        return Dataset.FromRows(
            Enumerable.Range(0, count).Select(_ => RandomData.Uniform(random, inputSize, 1.0)).ToArray(),
            Enumerable.Range(0, count).Select(_ => RandomData.Target(random, loss, outputSize)).ToArray());
    }

    // Issue 29, item 6: each of these was silent or a raw exception before.

    [Fact]
    public void A_schedule_starts_from_the_optimizers_rate_at_every_Fit_and_leaves_it_as_it_found_it()
    {
        var optimizer = new Sgd(XorNet.ParameterCount, 0.1f);
        var trainer = new Trainer(optimizer) { Epochs = 4, BatchSize = 4, Schedule = new StepDecay(1, 0.5f) };

        TrainingHistory first = trainer.Fit(new XorNet(seed: 1), Xor);
        Assert.Equal(0.1f, optimizer.LearningRate);
        TrainingHistory second = trainer.Fit(new XorNet(seed: 1), Xor);

        Assert.Equal([0.1f, 0.05f, 0.025f, 0.0125f], first.Epochs.Select(e => e.LearningRate));
        Assert.Equal(first.Epochs.Select(e => e.LearningRate), second.Epochs.Select(e => e.LearningRate));
        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Fact]
    public void A_progress_callback_that_throws_leaves_the_learning_rate_as_it_was()
    {
        var optimizer = new Sgd(XorNet.ParameterCount, 0.1f);
        var trainer = new Trainer(optimizer)
        {
            Epochs = 4, BatchSize = 4, Schedule = new StepDecay(1, 0.5f),
            Progress = new SynchronousProgress<EpochReport>(report => throw new InvalidOperationException($"stop at {report.Epoch}")),
        };

        Assert.Throws<InvalidOperationException>(() => trainer.Fit(new XorNet(seed: 1), Xor));

        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Fact]
    public void Epochs_without_end_are_ended_by_early_stopping_without_reserving_memory_for_them()
    {
        var trainer = new Trainer(new Sgd(XorNet.ParameterCount, 0f)) { Epochs = int.MaxValue, BatchSize = 4, EarlyStoppingPatience = 2 };

        TrainingHistory history = trainer.Fit(new XorNet(seed: 1), Xor, Xor);

        Assert.True(history.StoppedEarly);
        Assert.Equal(3, history.Epochs.Count); // a rate of 0 never improves on the first epoch
    }

    [Fact]
    public void Settings_that_mean_nothing_are_refused_where_they_are_set_naming_the_property()
    {
        var optimizer = new Sgd(1, 0.1f);
        Assert.Equal("EarlyStoppingPatience", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(optimizer) { EarlyStoppingPatience = -1 }).ParamName);
        foreach (double fraction in new[] { -0.5, 1.0, 2.0, double.NaN, double.PositiveInfinity })
        {
            Assert.Equal("ValidationFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(optimizer) { ValidationFraction = fraction }).ParamName);
        }

        Assert.Equal("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(optimizer) { Epochs = 0 }).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Trainer(optimizer) { BatchSize = -3 }).ParamName);
        _ = new Trainer(optimizer) { EarlyStoppingPatience = 0, ValidationFraction = 0, Epochs = 1, BatchSize = 1 };
    }

    [Theory]
    [InlineData(2f)]
    [InlineData(-1f)]
    public void Binary_cross_entropy_targets_outside_0_to_1_are_refused_before_training(float target)
    {
        Dataset data = Dataset.FromRows([[0f, 0f], [0f, 1f], [1f, 0f]], [[0f], [target], [1f]]);
        var network = new XorNet(seed: 1);
        float[] before = (float[])network.Parameters.Clone();
        var trainer = new Trainer(new Sgd(XorNet.ParameterCount, 0.1f)) { Epochs = 2 };

        var error = Assert.Throws<ArgumentException>(() => trainer.Fit(network, data));

        Assert.Equal("training", error.ParamName);
        Assert.Contains($"Training sample 1 cannot be scored, because its target {target} for (BinaryCrossEntropy) is not a probability in [0, 1]", error.Message);
        Assert.Equal(before, network.Parameters);
        Assert.Contains("is not a probability", Assert.Throws<ArgumentException>(() => Evaluation.Measure(network, data)).Message);
    }

    [Fact]
    public void Evaluation_refuses_the_targets_the_trainer_refuses_instead_of_returning_NaN()
    {
        Dataset data = Dataset.FromRows([[0f, 0f], [0f, 1f]], [[0f], [float.NaN]]);
        var network = new XorNet(seed: 1);

        var error = Assert.Throws<ArgumentException>(() => Evaluation.Measure(network, data));
        Assert.Equal("data", error.ParamName);
        Assert.Contains("Data sample 1 cannot be scored, because its target contains NaN", error.Message);
        Assert.Throws<ArgumentException>(() => Evaluation.MeasureHeads(network, data));
    }
}
