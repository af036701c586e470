using StaticNet;

namespace Digits;

/// <summary>
/// A small convolutional network for 8x8 digits: 16 3x3 filters (padded, so the image keeps its
/// size), 2x2 max pooling, dropout, then a dense classifier.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(16, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Flatten]
[Dropout(0.25f)]
[Dense(64, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsCnn { }
