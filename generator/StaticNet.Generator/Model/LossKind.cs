namespace StaticNet.Generator.Model;

/// <summary>Mirror of <c>StaticNet.Loss</c>: the values must stay identical.</summary>
internal enum LossKind
{
    MeanSquaredError,
    CrossEntropy,
    BinaryCrossEntropy,
}
