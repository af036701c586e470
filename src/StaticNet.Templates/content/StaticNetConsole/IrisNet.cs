using StaticNet;

namespace STATICNET_NAMESPACE;

/// <summary>
/// A classifier of iris flowers: four measurements in, the probabilities of three species out. The StaticNet generator
/// writes its forward and backward code, constants (ParameterCount is 4*16+16 + 16*3+3 = 131) and Summary into this
/// class at compile time: press F12 on a member, or look under Dependencies > Analyzers > StaticNet.Generator.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(16, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class IrisNet { }
