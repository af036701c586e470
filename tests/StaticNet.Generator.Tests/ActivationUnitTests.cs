using System;
using System.Linq;
using StaticNet.Generator.Activations;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>The generator's one list of activation units against the runtime's enum: every activation has exactly its unit.</summary>
public class ActivationUnitTests
{
    [Fact]
    public void Every_runtime_activation_has_its_unit_in_order_and_no_unit_is_extra()
    {
        string[] runtime = Enum.GetNames<Activation>();

        Assert.Equal(runtime, ActivationUnits.All.Select(unit => unit.Kind.ToString()));
        Assert.Equal(runtime, Enum.GetNames<ActivationKind>());
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            Assert.Equal(activation.ToString(), ActivationUnits.Of((ActivationKind)(int)activation).Kind.ToString());
            Assert.True(ActivationUnits.IsDefined((int)activation));
        }

        Assert.False(ActivationUnits.IsDefined(-1));
        Assert.False(ActivationUnits.IsDefined(runtime.Length));
    }

    [Fact]
    public void Only_LeakyReLU_takes_a_slope_and_only_PReLU_learns_slopes()
    {
        Assert.Equal([ActivationKind.LeakyReLU], ActivationUnits.All.Where(unit => unit.TakesSlope).Select(unit => unit.Kind));
        Assert.Equal([ActivationKind.PReLU], ActivationUnits.All.Where(unit => unit.LearnsSlopes).Select(unit => unit.Kind));
    }
}
