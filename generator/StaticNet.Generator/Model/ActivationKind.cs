namespace StaticNet.Generator.Model;

/// <summary>Mirror of <c>StaticNet.Activation</c> (a test checks names and values): the model's equatable form; <see cref="Activations.ActivationUnits"/> gives each its code.</summary>
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
    SiLU,
    GELU,
    GELUTanh,
    Softplus,
    Hardtanh,
    HardSigmoid,
    HardSwish,
    Mish,
}
