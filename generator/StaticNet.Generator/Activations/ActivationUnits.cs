using StaticNet.Generator.Model;

namespace StaticNet.Generator.Activations;

/// <summary>
/// Every activation, one unit per value of <c>StaticNet.Activation</c> in its order: the one list through which the
/// generator finds an activation's code (a test checks it against the runtime enum, names and values).
/// </summary>
internal static class ActivationUnits
{
    public static readonly ActivationUnit[] All =
    [
        new IdentityActivation(),
        new ReLUActivation(),
        new LeakyReLUActivation(),
        new SigmoidActivation(),
        new TanhActivation(),
        new SoftmaxActivation(),
        new PReLUActivation(),
        new ELUActivation(),
        new SiLUActivation(),
        new GELUActivation(),
        new GELUTanhActivation(),
        new SoftplusActivation(),
        new HardtanhActivation(),
        new HardSigmoidActivation(),
        new HardSwishActivation(),
        new MishActivation(),
    ];

    /// <summary>The unit of a defined activation.</summary>
    public static ActivationUnit Of(ActivationKind kind) => All[(int)kind];

    /// <summary>Whether <paramref name="value"/> (as written in an attribute) is an activation the generator knows.</summary>
    public static bool IsDefined(int value) => value >= 0 && value < All.Length;
}
