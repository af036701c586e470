using StaticNet;

namespace Digits;

/// <summary>A multilayer perceptron for 8x8 digits: 64 pixels, 128 ReLU units, 10 digit probabilities.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(128, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitsMlp { }
