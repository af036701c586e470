using System;
using System.Collections.Generic;
using StaticNet;
using StaticNet.Audio;
using StaticNet.Storage;

namespace AmpModel;

/// <summary>
/// The amp-model networks this sample declares (the example models' architectures), and the one a <c>.nam</c> file
/// loads into: each is tried in turn, and a file none of them fits is refused with what each said.
/// </summary>
public static class AmpNetworks
{
    /// <summary>A fresh network object of each declared architecture.</summary>
    public static IEnumerable<IStepNetwork> Declared()
    {
        yield return new LstmAmp(seed: 0);
        yield return new WaveNetAmp(seed: 0);
        yield return new A1StandardAmp(seed: 0);
    }

    /// <summary>The declared network <paramref name="model"/> fits, with the model's weights.</summary>
    /// <exception cref="WeightFileException">None of them fits; the message says why for each, and how to declare one that does.</exception>
    public static IStepNetwork For(NamModel model)
    {
        var reasons = new List<string>();
        foreach (IStepNetwork network in Declared())
        {
            try
            {
                model.LoadInto(network);
                return network;
            }
            catch (WeightFileException refused)
            {
                reasons.Add($"{network.GetType().Name}: {refused.Problem}");
            }
        }

        throw new WeightFileException(
            model.Source,
            $"it is {model.Summary}, which none of this sample's networks is ({string.Join("; ", reasons)}). "
            + "Run `declare` on it and add the class it prints to the sample");
    }
}
