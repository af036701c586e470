using StaticNet;

namespace Iris;

/// <summary>Four measurements in, three class probabilities out.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet { }
