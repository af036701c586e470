using StaticNet;

namespace Digits;

/// <summary>
/// <see cref="DigitsCnn"/> with batch normalisation after the convolution and after the hidden dense
/// layer (each before its ReLU), the usual way to make a network train fast and steadily.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(16, 3, Padding = 1)]
[BatchNorm(Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.25f)]
[Dense(64)]
[BatchNorm(Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNormCnn { }
