namespace StaticNet.Tests.Networks;

// Dropout networks and their twins without dropout: dropout has no parameters, so each pair shares
// one parameter layout, and at inference the two must compute exactly the same thing.

[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dropout(0.5f)]
[Dense(16, Activation.ReLU)]
[Dropout(0.25f)]
[Dense(3, Activation.Softmax)]
public partial class DropoutNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(20)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class DropoutNetTwin { }

[Network]
[Input(20)]
[Dropout(0.4f)]
[Dense(3)]
public partial class InputDropoutNet { }

[Network]
[Input(20)]
[Dense(3)]
public partial class InputDropoutNetTwin { }
