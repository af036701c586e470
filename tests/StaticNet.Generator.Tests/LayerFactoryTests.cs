using System;
using System.Linq;
using StaticNet.Generator.Layers;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>The factory is the one list of layer kinds: it covers every layer attribute of the runtime, and nothing else reads as a layer.</summary>
public class LayerFactoryTests
{
    [Fact]
    public void Every_layer_attribute_of_the_runtime_has_a_kind_and_every_kind_an_attribute()
    {
        string[] runtime = typeof(NetworkAttribute).Assembly.GetExportedTypes()
            .Where(type => typeof(Attribute).IsAssignableFrom(type) && !type.IsAbstract && type != typeof(NetworkAttribute) && type != typeof(BlockAttribute))
            .Select(type => type.FullName!)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(runtime, LayerFactory.LayerAttributes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_attribute_no_kind_reads_is_an_error_not_some_other_layer()
    {
        // Once, an unknown name was read as a Flatten. The pipeline turns this exception into SN9999.
        var error = Assert.Throws<InvalidOperationException>(() => LayerFactory.Read("StaticNet.ResidualAttribute", null!, null));

        Assert.Contains("StaticNet.ResidualAttribute", error.Message);
        Assert.False(LayerFactory.IsLayer("StaticNet.NetworkAttribute"));
    }
}
