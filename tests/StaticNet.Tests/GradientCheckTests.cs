using System;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests;

/// <summary>Backward agrees with finite differences of its own loss on networks covering every code path.</summary>
public class GradientCheckTests
{
    /// <summary>Every network object of the test project (see <see cref="BatchNetworks"/>): declaring one enrols it.</summary>
    public static TheoryData<string> Networks => new(BatchNetworks.All);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Backward_matches_finite_differences(string name)
    {
        INetwork instance = BatchNetworks.Create(name, seed: 1);
        NetworkFunctions network = Functions(name, instance);
        // Three samples, or one for networks whose every probe is a large forward pass: over 100,000 multiply-adds a
        // sample (the benchmarks' MNIST-sized N2, WideNet, the A1 WaveNet's 848,384 over its window, 6 s a run with three).
        int samples = BatchNetworks.MultiplyAccumulates(name) > 100_000 ? 1 : 3;
        for (int sample = 0; sample < samples; sample++)
        {
            var random = new Random(1000 + sample);
            float[] parameters = RandomData.Uniform(random, network.ParameterCount, 0.6);
            float[] input = RandomData.Uniform(random, network.InputSize, 1.0);
            float[] target = RandomData.Target(random, instance.Heads);

            GradientCheck.Verify(network, parameters, input, target, maxParameters: 250, seed: sample);
        }
    }

    /// <summary>
    /// The network object's Forward and Backward (inference mode: running statistics, no dropout) as functions of the
    /// parameters, which are copied into it for each call.
    /// </summary>
    private static NetworkFunctions Functions(string name, INetwork network) => new(
        name, network.Parameters.Length, network.InputSize, network.OutputSize,
        (parameters, input, output) =>
        {
            parameters.CopyTo(network.Parameters);
            network.Forward(input, output);
        },
        (parameters, input, target, parameterGradients, inputGradients) =>
        {
            parameters.CopyTo(network.Parameters);
            return network.Backward(input, target, parameterGradients, inputGradients);
        });
}
