namespace StaticNet.Generator.Model;

/// <summary>Mirror of <c>StaticNet.Activation</c>: the values must stay identical.</summary>
internal enum ActivationKind
{
    Identity,
    ReLU,
    LeakyReLU,
    Sigmoid,
    Tanh,
    Softmax,
    PReLU,
    ELU,
}
