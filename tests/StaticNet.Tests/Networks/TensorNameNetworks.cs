namespace StaticNet.Tests.Networks;

// Networks whose tensor names are the point (API.md "Tensor names"): named layers in graphs and chains, nested module
// names, and tensors of one shape that a guessed order could swap.

/// <summary>Issue 29's first graph: two heads named so that sorting their names puts the head before the trunk.</summary>
[Network]
[Input(6)]
[Dense(5, Activation.ReLU, Name = "trunk")]
[Dense(3, Activation.Softmax, Name = "cls")]
[Output(Loss.CrossEntropy)]
[Dense(1, From = "trunk", Name = "odd")]
[Output(Loss.MeanSquaredError)]
public partial class NamedHeadsNet { }

/// <summary>Issue 29's second graph: four Dense(3), two of them unnamed; a guessed order swapped 27 of its 48 parameters.</summary>
[Network]
[Input(3)]
[Dense(3, Activation.Tanh, Name = "t")]
[Dense(3, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
[Dense(3, Name = "u")]
[Add("t", "u")]
public partial class SameShapeGraphNet { }

/// <summary>PyTorch's <c>self.gru = nn.GRU(2, 8, batch_first=True)</c>, <c>self.fc = nn.Linear(8, 1)</c> on the last step.</summary>
[Network]
[Input(10, 2)]
[Gru(8, Name = "gru")]
[LastStep]
[Dense(1, Name = "fc")]
public partial class GruThenFcNet { }

/// <summary>
/// A multitask module: <c>self.trunk = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU())</c>,
/// <c>self.fc1 = nn.Linear(16, 3)</c> and <c>self.fc2 = nn.Linear(16, 1)</c>, each head on the trunk.
/// </summary>
[Network]
[Input(8)]
[Dense(16, Activation.ReLU, Name = "trunk.0")]
[Dense(16, Activation.ReLU, Name = "trunk.2")]
[Dense(3, Activation.Softmax, Name = "fc1")]
[Output(Loss.CrossEntropy)]
[Dense(1, From = "trunk.2", Name = "fc2")]
[Output(Loss.MeanSquaredError)]
public partial class NestedTrunkNet { }

/// <summary>An unnamed chain of equal layers: three [8, ...] weights' biases are all [8], two weights [8, 8].</summary>
[Network]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(8, Activation.ReLU)]
[Dense(8, Activation.PReLU)]
[Dense(2)]
public partial class SameShapeChainNet { }
