using StaticNet;

namespace BakedIris;

/// <summary>
/// samples/Iris's architecture, with the weights it trained compiled in: IrisNet.TrainedParameters is constant
/// data in this executable, and a file from another architecture would fail this build (SN0034).
/// </summary>
[Network(Loss = Loss.CrossEntropy, Weights = "iris.snw")]
[Input(4)]
[Dense(8, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet { }
