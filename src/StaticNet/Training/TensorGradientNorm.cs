namespace StaticNet.Training;

/// <summary>
/// How large one tensor's gradient ran over an epoch (<see cref="EpochReport.TensorGradientNorms"/>, with
/// <see cref="Trainer.TrackGradientNorms"/>): the mean over the epoch's batches of the L2 norm of its part of the batch's
/// mean gradient, before any clipping. A layer whose norms fall epoch after epoch far below the others' learns slowly:
/// vanishing gradients.
/// </summary>
/// <param name="Tensor">The tensor's name, as PyTorch's <c>state_dict</c> has it (<c>layer1.weight</c>).</param>
/// <param name="Norm">The mean L2 norm.</param>
public readonly record struct TensorGradientNorm(string Tensor, float Norm);
