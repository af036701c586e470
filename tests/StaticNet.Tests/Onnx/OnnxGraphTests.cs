using System;
using System.IO;
using StaticNet.Onnx;
using Xunit;

namespace StaticNet.Tests.Onnx;

/// <summary>
/// The generic builder generated ToOnnx code calls: its tensor helpers, and mistakes a unit's code could make refused
/// with what is wrong rather than written into a model ONNX Runtime would reject later.
/// </summary>
public class OnnxGraphTests
{
    [Fact]
    public void Blocks_regroup_gates_and_Transposed_transposes()
    {
        float[] gates = [0, 0, 1, 1, 2, 2];
        Assert.Equal([1, 1, 0, 0, 2, 2], OnnxGraph.Blocks(gates, 2, 1, 0, 2));
        float[] matrix = [1, 2, 3, 4, 5, 6]; // 2 x 3
        Assert.Equal([1, 4, 2, 5, 3, 6], OnnxGraph.Transposed(matrix, rows: 2, columns: 3));
    }

    [Fact]
    public void An_initializer_whose_values_do_not_fill_its_dimensions_is_refused()
    {
        var graph = new OnnxGraph("Test", [4]);
        graph.BeginLayer();
        var error = Assert.Throws<ArgumentException>(() => graph.Initializer("weight", new float[7], 2, 4));
        Assert.Contains("'weight' has 7 values, but dimensions [2, 4] hold 8", error.Message);
    }

    [Fact]
    public void Only_a_streaming_step_has_state_and_it_must_read_all_of_it()
    {
        var whole = new OnnxGraph("Test", [3, 2]);
        whole.BeginLayer();
        Assert.Throws<InvalidOperationException>(() => whole.State("history", 2));

        OnnxGraph step = OnnxGraph.Streaming("Test", features: 2, stateCount: 4);
        step.BeginLayer();
        step.State("history", 3);
        var tooMany = Assert.Throws<InvalidOperationException>(() => step.State("more", 2));
        Assert.Contains("read 5 state values, more than the 4", tooMany.Message);
        step.Node("Identity", [step.Current], [1, 2]);
        var unread = Assert.Throws<InvalidOperationException>(() => step.WriteTo(new MemoryStream()));
        Assert.Contains("started with 4 state values, but its layers read 3", unread.Message);
    }

    [Fact]
    public void Names_stay_unique_when_a_layer_repeats_an_operator()
    {
        var graph = new OnnxGraph("Test", [2]);
        graph.BeginLayer();
        string first = graph.Node("Relu", [graph.Current], [2]);
        string second = graph.Node("Relu", [graph.Current], [2]);
        Assert.Equal("layer1.Relu", first);
        Assert.Equal("layer1.Relu.2", second);
        Assert.Equal(2, graph.Shape[0]);
    }
}
