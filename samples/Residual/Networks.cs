using StaticNet;

namespace Residual;

// Twelve sigmoid layers of 32 between the 64 pixels and the 10 classes, twice: as a plain chain, and with each layer's
// input added back to its output (h_k = h_(k-1) + sigmoid(W_k h_(k-1) + b_k)), the skip connections of a ResNet.
// Same layers, same parameters (the joins have none); only the wiring differs.

/// <summary>A plain chain: the gradient reaching layer 1 is a product of twelve sigmoid slopes, each at most 1/4.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.Sigmoid)]
[Dense(10, Activation.Softmax)]
public partial class PlainDeepNet { }

/// <summary>The same layers with skip connections: the gradient also flows straight through every join.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(64)]
[Dense(32, Activation.Sigmoid, Name = "h1")]
[Dense(32, Activation.Sigmoid, Name = "f2")] [Add("h1", "f2", Name = "h2")]
[Dense(32, Activation.Sigmoid, Name = "f3")] [Add("h2", "f3", Name = "h3")]
[Dense(32, Activation.Sigmoid, Name = "f4")] [Add("h3", "f4", Name = "h4")]
[Dense(32, Activation.Sigmoid, Name = "f5")] [Add("h4", "f5", Name = "h5")]
[Dense(32, Activation.Sigmoid, Name = "f6")] [Add("h5", "f6", Name = "h6")]
[Dense(32, Activation.Sigmoid, Name = "f7")] [Add("h6", "f7", Name = "h7")]
[Dense(32, Activation.Sigmoid, Name = "f8")] [Add("h7", "f8", Name = "h8")]
[Dense(32, Activation.Sigmoid, Name = "f9")] [Add("h8", "f9", Name = "h9")]
[Dense(32, Activation.Sigmoid, Name = "f10")] [Add("h9", "f10", Name = "h10")]
[Dense(32, Activation.Sigmoid, Name = "f11")] [Add("h10", "f11", Name = "h11")]
[Dense(32, Activation.Sigmoid, Name = "f12")] [Add("h11", "f12", Name = "h12")]
[Dense(10, Activation.Softmax)]
public partial class ResidualDeepNet { }
