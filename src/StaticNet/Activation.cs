namespace StaticNet;

/// <summary>The function a layer applies to its weighted sums.</summary>
public enum Activation
{
    /// <summary>No activation: the layer is linear.</summary>
    Identity,

    /// <summary><c>max(0, z)</c>.</summary>
    ReLU,

    /// <summary><c>z</c> for positive <c>z</c>, <c>slope * z</c> otherwise (see the layer's <c>Slope</c>).</summary>
    LeakyReLU,

    /// <summary><c>1 / (1 + exp(-z))</c>, computed without overflow.</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent.</summary>
    Tanh,

    /// <summary><c>exp(z_i) / sum(exp(z_j))</c> over the layer, computed after subtracting the maximum. On a hidden layer too (its full Jacobian in backward).</summary>
    Softmax,

    /// <summary>
    /// Parametric ReLU (PyTorch's <c>nn.PReLU(num_parameters)</c>): <c>z</c> for positive <c>z</c>, <c>a * z</c> otherwise,
    /// with one learned slope <c>a</c> per feature (or per channel after a convolution), stored after the layer's bias and
    /// starting at 0.25. A cure for dead ReLU units: the negative side keeps a gradient that training adjusts.
    /// </summary>
    PReLU,

    /// <summary>
    /// Exponential linear unit, alpha 1: <c>z</c> for positive <c>z</c>, <c>exp(z) - 1</c> otherwise (PyTorch's <c>nn.ELU</c>).
    /// Smooth where ReLU has a corner, and negative outputs keep the mean activation near zero.
    /// </summary>
    ELU,
}
