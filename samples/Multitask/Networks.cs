using StaticNet;

namespace Multitask;

// One trunk, two tasks: which digit it is, and whether it is odd. The single-task networks have the same trunk and one
// head each, so the multitask network does both jobs with the parameters of the larger one plus 33.

/// <summary>Both tasks on one shared trunk: the digit (cross-entropy) and its parity (binary cross-entropy, weight 0.5).</summary>
[Network]
[Input(64)]
[Dense(24, Activation.ReLU, Name = "trunk")]
[Dense(10, Activation.Softmax, Name = "digit")]
[Output(Loss.CrossEntropy)]
[Dense(1, Activation.Sigmoid, From = "trunk", Name = "odd")]
[Output(Loss.BinaryCrossEntropy, Weight = 0.5f)]
public partial class DigitAndParityNet { }

/// <summary>The digit alone, with the same trunk.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(24, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class DigitNet { }

/// <summary>Whether the digit is odd, alone, with the same trunk.</summary>
[Network(Loss = Loss.BinaryCrossEntropy)]
[Input(64)]
[Dense(24, Activation.ReLU)]
[Dense(1, Activation.Sigmoid)]
public partial class ParityNet { }
