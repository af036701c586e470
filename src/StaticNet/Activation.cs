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

    /// <summary>SiLU (swish), PyTorch's <c>nn.SiLU</c>: <c>z * sigmoid(z)</c>.</summary>
    SiLU,

    /// <summary>GELU, exact, PyTorch's <c>nn.GELU()</c>: <c>z Φ(z)</c>, Φ the standard normal distribution function (erf).</summary>
    GELU,

    /// <summary>GELU's tanh approximation, PyTorch's <c>nn.GELU(approximate="tanh")</c>.</summary>
    GELUTanh,

    /// <summary>Softplus, PyTorch's <c>nn.Softplus()</c>: <c>log(1 + exp(z))</c> with beta 1, and <c>z</c> itself above the threshold 20.</summary>
    Softplus,

    /// <summary>Hardtanh, PyTorch's <c>nn.Hardtanh()</c>: <c>z</c> clamped to [-1, 1].</summary>
    Hardtanh,

    /// <summary>Hard sigmoid, PyTorch's <c>nn.Hardsigmoid()</c>: <c>relu6(z + 3) / 6</c>.</summary>
    HardSigmoid,

    /// <summary>Hard swish, PyTorch's <c>nn.Hardswish()</c>: <c>z relu6(z + 3) / 6</c>.</summary>
    HardSwish,

    /// <summary>Mish, PyTorch's <c>nn.Mish()</c>: <c>z tanh(softplus(z))</c>.</summary>
    Mish,
}
