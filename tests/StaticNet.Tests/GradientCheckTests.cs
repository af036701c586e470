using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Backward agrees with finite differences of its own loss on networks covering every code path.</summary>
public class GradientCheckTests
{
    public static TheoryData<string, string> Networks => new()
    {
        { nameof(EveryActivationNet), "mse" },
        { nameof(MixedNet), "crossentropy" },
        { nameof(LoopedBceNet), "bce" },
        { nameof(LoopedTanhNet), "mse" },
        { nameof(WideNet), "crossentropy" },
        { "seed-4-6-2", "crossentropy" },
        { "sigmoid-bce", "bce" },
        { "leaky-mse", "mse" },
        { "tiny-tanh", "mse" },
    };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name, string loss)
    {
        NetworkFunctions network = GradientCheckNetworks.ByName(name);
        for (int sample = 0; sample < 3; sample++)
        {
            var random = new Random(1000 + sample);
            float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.6);
            float[] input = RandomData.Uniform(random, network.InputSize, 1.0);
            float[] target = loss switch
            {
                "crossentropy" => RandomData.OneHot(random, network.OutputSize),
                "bce" => RandomData.Probabilities(random, network.OutputSize),
                _ => RandomData.Uniform(random, network.OutputSize, 1.0),
            };

            GradientCheck.Verify(network, parameters, input, target, maxParameters: 400, seed: sample);
        }
    }
}
