namespace StaticNet.Training;

/// <summary>
/// One training step, as <see cref="Trainer.BatchCompleted"/> sees it right after the optimizer's step: a value, so
/// telling it allocates nothing.
/// </summary>
/// <param name="Epoch">The epoch, from 1 (0 for <see cref="Trainer.TrainBatch"/>).</param>
/// <param name="Batch">The batch within the epoch, from 1 (0 for <see cref="Trainer.TrainBatch"/>).</param>
/// <param name="Batches">How many batches the epoch has (0 for <see cref="Trainer.TrainBatch"/>).</param>
/// <param name="Samples">The samples in this batch.</param>
/// <param name="Loss">The batch's mean loss, before the step.</param>
/// <param name="GradientNorm">The L2 norm of the batch's mean gradient over every parameter, before any clipping.</param>
/// <param name="LearningRate">The optimizer's learning rate for this step.</param>
public readonly record struct BatchReport(int Epoch, int Batch, int Batches, int Samples, float Loss, float GradientNorm, float LearningRate);
