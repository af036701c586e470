using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace StaticNet.Onnx;

/// <summary>
/// Builds an ONNX model (IR version 8, opset 17) of a network layer by layer, with its weights as
/// initializers, and writes it as a protocol buffer. A generic builder: generated <c>ToOnnx</c> methods add each
/// layer's and activation's nodes by operator name (their generator units know what those are), while the graph
/// keeps the names unique, each layer's value for later joins and heads, and a streamed step's state. The model
/// takes <c>input</c> of shape <c>[batch, ...]</c> (the batch size is left open) and gives <c>output</c>,
/// computing what <c>Forward</c> computes: inference mode, so dropout is left out and batch normalisation
/// uses the running statistics.
/// </summary>
public sealed class OnnxGraph
{
    /// <summary>The ONNX operator set the models are written for.</summary>
    public const int Opset = 17;

    private const int IrVersion = 8;
    private const int FloatType = 1;
    private const int Int64Type = 7;

    private readonly string name;
    private readonly int[] inputShape;
    private readonly List<GraphNode> nodes = [];
    private readonly List<InitializerTensor> initializers = [];
    private string current = "input";
    private int[] shape;
    private int layer;

    /// <summary>The prefix of the layer being written's nodes and constants: <c>layer3</c>.</summary>
    private string layerName = "input";

    /// <summary>Every node output and constant name so far: ONNX needs them unique.</summary>
    private readonly HashSet<string> names = [];

    /// <summary>Each layer's result as later layers of a graph may read it: [0] is the input, [n] layer n's output.</summary>
    private readonly List<(string Name, int[] Shape)> values;

    /// <summary>A streaming step's state values (<see cref="Streaming"/>), or -1 for a model of whole samples.</summary>
    private readonly int streamState = -1;

    /// <summary>Where the next stateful layer's part of the streaming state starts.</summary>
    private int stateOffset;

    /// <summary>Each stateful layer's next state, in the state's order, concatenated into <c>next_state</c>.</summary>
    private readonly List<string> nextState = [];

    /// <summary>Starts a model of the network <paramref name="name"/>, whose samples have <paramref name="inputShape"/> (<c>[n]</c>, <c>[steps, features]</c> or <c>[c, h, w]</c>).</summary>
    public OnnxGraph(string name, ReadOnlySpan<int> inputShape)
    {
        this.name = name;
        this.inputShape = inputShape.ToArray();
        shape = this.inputShape;
        values = [("input", shape)];
    }

    /// <summary>
    /// Starts a model of one streaming step of the sequence network <paramref name="name"/>, what its generated <c>Step</c>
    /// computes: inputs <c>input [batch, features]</c> (one step) and <c>state [batch, stateCount]</c>, outputs
    /// <c>output</c> and <c>next_state</c>, laid out as <c>Step</c>'s state span (each recurrent layer's hidden state, an
    /// LSTM's cell after it, each causal convolution's last input steps oldest first), so a caller feeds
    /// <c>next_state</c> back as the next call's <c>state</c>. A network without state has neither.
    /// </summary>
    public static OnnxGraph Streaming(string name, int features, int stateCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegative(stateCount);
        return new OnnxGraph(name, [features], stateCount);
    }

    private OnnxGraph(string name, int[] stepShape, int stateCount)
        : this(name, stepShape)
    {
        streamState = stateCount;

        // The layers see a sequence of one step: [batch, 1, features].
        string axis = AddInitializerInt64("input.step_axis", [1]);
        Add("Unsqueeze", "input.step", ["input", axis], []);
        shape = [1, stepShape[0]];
        values[0] = (current, shape);
    }

    private bool IsStreaming => streamState >= 0;

    /// <summary>The next layer reads layer <paramref name="source"/>'s output (0: the input) instead of the one before it.</summary>
    public void From(int source)
    {
        (current, shape) = ValueOf(source);
    }

    /// <summary>The name of the value the next node reads: the last node's output (or the input).</summary>
    public string Current => current;

    /// <summary>
    /// Adds an <paramref name="operation"/> node of the layer being written that reads the current value alone and whose
    /// output becomes it, of the same shape (an activation: <c>Relu</c>, <c>Tanh</c>...). Returns its output's name.
    /// </summary>
    public string Node(string operation, params OnnxAttribute[] attributes) => Node(operation, [current], attributes);

    /// <summary>Adds an <paramref name="operation"/> node reading <paramref name="inputs"/>, elementwise: its output, of the current shape, becomes the current value.</summary>
    public string Node(string operation, string[] inputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        Add(operation, layerName, inputs, attributes);
        return current;
    }

    /// <summary>A scalar float constant of the layer being written (broadcast by ONNX's elementwise operators), by name.</summary>
    public string Constant(string constantName, float value) => AddInitializer(Unique($"{layerName}.{constantName}"), [value], []);

    /// <summary>Int64 constants of the layer being written (a shape for <c>Reshape</c>), by name.</summary>
    public string Int64Constant(string constantName, params long[] values) => AddInitializerInt64(Unique($"{layerName}.{constantName}"), values);

    /// <summary>An int64 initializer <c>0, 1, ..., count - 1</c> named after the layer (a ring's ages).</summary>
    public string Int64Ramp(string constantName, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        long[] values = new long[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = i;
        }

        return Int64Constant(constantName, values);
    }

    /// <summary>
    /// One value per feature (of a flat value) or per channel (of an image, shaped <c>[C, 1, 1]</c>), so that it broadcasts
    /// over the current value: a PReLU's slopes.
    /// </summary>
    public string PerChannel(string constantName, ReadOnlySpan<float> values)
    {
        string unique = Unique($"{layerName}.{constantName}");
        return shape.Length == 3 ? AddInitializer(unique, values, values.Length, 1, 1) : AddInitializer(unique, values, values.Length);
    }

    /// <summary>
    /// Takes the next layer's number: the nodes and initializers that follow are named after it (<c>layer3.Gemm</c>,
    /// <c>layer3.weight</c>), and what was current before becomes the previous layer's value. Returns the prefix.
    /// </summary>
    public string BeginLayer() => NextLayer();

    /// <summary>
    /// Layer <paramref name="number"/>'s output (0: the input), an operand of a join; read the operands before the joining
    /// layer's <see cref="BeginLayer"/>, after which its number means the joining layer.
    /// </summary>
    public string Value(int number) => ValueOf(number).Name;

    /// <summary>
    /// A float tensor of the layer being written, named <c>layerN.</c><paramref name="tensorName"/>, of
    /// <paramref name="dims"/> (row-major: the values in the order ONNX reads them).
    /// </summary>
    public string Initializer(string tensorName, ReadOnlySpan<float> values, params int[] dims)
    {
        ArgumentNullException.ThrowIfNull(tensorName);
        ArgumentNullException.ThrowIfNull(dims);
        if (Size(dims) != values.Length)
        {
            throw new ArgumentException($"Tensor '{tensorName}' has {values.Length} values, but dimensions [{string.Join(", ", dims)}] hold {Size(dims)}.", nameof(values));
        }

        return AddInitializer(Unique($"{layerName}.{tensorName}"), values, dims);
    }

    /// <summary>
    /// Adds an <paramref name="operation"/> node of the layer being written reading <paramref name="inputs"/>; its output,
    /// whose per-sample shape is <paramref name="shape"/>, becomes the current value. Returns its name.
    /// </summary>
    public string Node(string operation, string[] inputs, int[] shape, params OnnxAttribute[] attributes) =>
        Node(operation, "", inputs, shape, [], attributes);

    /// <summary>As <see cref="Node(string, string[], int[], OnnxAttribute[])"/>, the node named after one <paramref name="part"/> of the layer.</summary>
    public string Node(string operation, string part, string[] inputs, int[] shape, params OnnxAttribute[] attributes) =>
        Node(operation, part, inputs, shape, [], attributes);

    /// <summary>
    /// As <see cref="Node(string, string[], int[], OnnxAttribute[])"/>, the node named after one <paramref name="part"/> of the
    /// layer (<c>layer3.channels_first.Transpose</c>), with the operator's further outputs named <paramref name="moreOutputs"/>
    /// (from <see cref="NewName"/>).
    /// </summary>
    public string Node(string operation, string part, string[] inputs, int[] shape, string[] moreOutputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(moreOutputs);
        ArgumentNullException.ThrowIfNull(attributes);
        Add(operation, PartName(part), inputs, attributes, moreOutputs);
        this.shape = (int[])shape.Clone();
        return current;
    }

    /// <summary>
    /// Adds a node beside the current value, which stays current (a streaming step's state arithmetic), and returns its
    /// output's name.
    /// </summary>
    public string SideNode(string operation, string part, string[] inputs, params OnnxAttribute[] attributes)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(attributes);
        return AddSide(operation, PartName(part), inputs, attributes);
    }

    /// <summary>A value name of the layer being written, unique in the graph: an operator's further output.</summary>
    public string NewName(string part) => Unique($"{layerName}.{part}");

    /// <summary>
    /// A streaming step's next <paramref name="count"/> values of the <c>state</c> input, <c>[batch, count]</c>, in the order
    /// the layers ask for them (the order of <c>Step</c>'s state span).
    /// </summary>
    public string State(string part, int count)
    {
        if (!IsStreaming)
        {
            throw new InvalidOperationException("Only a model of one streaming step (OnnxGraph.Streaming) has a state input.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (stateOffset + count > streamState)
        {
            throw new InvalidOperationException(
                $"The layers read {stateOffset + count} state values, more than the {streamState} the model was started with.");
        }

        string nodeName = PartName(part);
        string starts = AddInitializerInt64(Unique($"{nodeName}.starts"), [stateOffset]);
        string ends = AddInitializerInt64(Unique($"{nodeName}.ends"), [stateOffset + count]);
        string axes = AddInitializerInt64(Unique($"{nodeName}.axes"), [1]);
        stateOffset += count;

        return AddSide("Slice", nodeName, ["state", starts, ends, axes], []);
    }

    /// <summary>A streaming step's next state, <c>[batch, n]</c>: the next part of <c>next_state</c>, in the order of <see cref="State"/>.</summary>
    public void NextState(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        nextState.Add(value);
    }

    /// <summary>
    /// <paramref name="values"/> regrouped by blocks of <paramref name="block"/>: block <c>order[i]</c> becomes block i (a
    /// recurrent layer's gates from PyTorch's order to ONNX's).
    /// </summary>
    public static float[] Blocks(ReadOnlySpan<float> values, int block, params int[] order)
    {
        ArgumentNullException.ThrowIfNull(order);
        float[] regrouped = new float[order.Length * block];
        for (int i = 0; i < order.Length; i++)
        {
            values.Slice(order[i] * block, block).CopyTo(regrouped.AsSpan(i * block));
        }

        return regrouped;
    }

    /// <summary>The <paramref name="rows"/> x <paramref name="columns"/> matrix <paramref name="values"/> transposed.</summary>
    public static float[] Transposed(ReadOnlySpan<float> values, int rows, int columns)
    {
        float[] transposed = new float[values.Length];
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                transposed[(column * rows) + row] = values[(row * columns) + column];
            }
        }

        return transposed;
    }

    /// <summary>
    /// The model's <c>output</c> is these layers' values (the network's heads), each flattened per sample, one after
    /// another: what <c>Forward</c> writes for a network with <c>[Output]</c> heads.
    /// </summary>
    public void Outputs(ReadOnlySpan<int> heads)
    {
        Flush();
        string[] parts = new string[heads.Length];
        int total = 0;
        for (int i = 0; i < heads.Length; i++)
        {
            (string valueName, int[] valueShape) = ValueOf(heads[i]);
            parts[i] = valueName;
            if (valueShape.Length > 1)
            {
                Add("Flatten", $"output{i + 1}", [valueName], [OnnxAttribute.Int("axis", 1)]);
                parts[i] = current;
            }

            total += Size(valueShape);
        }

        // Always a node of its own: WriteTo names the last node's result "output", which must not be a value layers read.
        Add(parts.Length == 1 ? "Identity" : "Concat", "outputs", parts, parts.Length == 1 ? [] : [OnnxAttribute.Int("axis", 1)]);
        shape = [total];
    }

    /// <summary>The per-sample shape of the current value.</summary>
    public ReadOnlySpan<int> Shape => shape;

    /// <summary>Writes the model: the last layer's result is the graph's <c>output</c>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (nodes.Count == 0)
        {
            throw new InvalidOperationException("The graph has no layers.");
        }

        // Initializers are copied as raw bytes, which ONNX defines as little-endian.
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX export writes raw little-endian data and needs a little-endian machine.");
        }

        if (IsStreaming)
        {
            FinishStep();
        }

        nodes[^1] = nodes[^1] with { Output = "output" };
        if (IsStreaming && streamState > 0)
        {
            nodes.Add(new GraphNode("Concat", "next_state.Concat", [.. nextState], "next_state", [OnnxAttribute.Int("axis", 1)], []));
        }

        var model = new ProtobufWriter();
        model.Int64(1, IrVersion);
        model.String(2, "StaticNet");
        model.String(3, typeof(OnnxGraph).Assembly.GetName().Version?.ToString(3) ?? "0");
        model.Message(7, WriteGraph);
        model.Message(8, opset =>
        {
            opset.String(1, "");
            opset.Int64(2, Opset);
        });
        model.CopyTo(stream);
    }

    /// <summary>A streamed step's output is flat, <c>[batch, features]</c>; every state value must have been read.</summary>
    private void FinishStep()
    {
        if (stateOffset != streamState)
        {
            throw new InvalidOperationException($"The model was started with {streamState} state values, but its layers read {stateOffset}.");
        }

        if (shape.Length == 2)
        {
            Add("Flatten", "output.step", [current], [OnnxAttribute.Int("axis", 1)]);
            shape = [shape[1]];
        }
    }

    private void WriteGraph(ProtobufWriter graph)
    {
        foreach (GraphNode node in nodes)
        {
            graph.Message(1, node.WriteTo);
        }

        graph.String(2, name);
        foreach (InitializerTensor initializer in initializers)
        {
            graph.Message(5, initializer.WriteTo);
        }

        graph.Message(11, value => WriteValueInfo(value, "input", inputShape));
        if (streamState > 0)
        {
            graph.Message(11, value => WriteValueInfo(value, "state", [streamState]));
        }

        graph.Message(12, value => WriteValueInfo(value, "output", shape));
        if (streamState > 0)
        {
            graph.Message(12, value => WriteValueInfo(value, "next_state", [streamState]));
        }
    }

    private static void WriteValueInfo(ProtobufWriter value, string valueName, int[] sampleShape)
    {
        value.String(1, valueName);
        value.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, FloatType);
            tensor.Message(2, dims =>
            {
                dims.Message(1, dim => dim.String(2, "batch"));
                foreach (int size in sampleShape)
                {
                    dims.Message(1, dim => dim.Int64(1, size));
                }
            });
        }));
    }

    private string NextLayer()
    {
        Flush();
        layerName = "layer" + (++layer).ToString(CultureInfo.InvariantCulture);
        return layerName;
    }

    /// <summary>Records the last layer's result, once, before anything else changes what is current.</summary>
    private void Flush()
    {
        if (values.Count == layer)
        {
            values.Add((current, shape));
        }
    }

    /// <summary>Layer <paramref name="number"/>'s output (0: the input); call it before the reading layer takes its number.</summary>
    private (string Name, int[] Shape) ValueOf(int number)
    {
        Flush();
        return number >= 0 && number < values.Count
            ? values[number]
            : throw new ArgumentOutOfRangeException(nameof(number), number, $"The graph has {values.Count - 1} layers so far.");
    }

    /// <summary>
    /// Adds a node reading <paramref name="inputs"/>; its (first) output becomes the current tensor. Operators with more
    /// outputs name the rest in <paramref name="moreOutputs"/>.
    /// </summary>
    private void Add(string operation, string nodeName, string[] inputs, OnnxAttribute[] attributes, string[]? moreOutputs = null)
    {
        current = AddSide(operation, nodeName, inputs, attributes, moreOutputs);
    }

    /// <summary>Adds a node beside the current tensor (which stays current) and returns its output's name.</summary>
    private string AddSide(string operation, string nodeName, string[] inputs, OnnxAttribute[] attributes, string[]? moreOutputs = null)
    {
        string output = Unique(nodeName + "." + operation);
        nodes.Add(new GraphNode(operation, output, inputs, output, attributes, moreOutputs ?? []));
        return output;
    }

    /// <summary><paramref name="candidate"/>, or with a number after it where a node or constant already has that name.</summary>
    private string Unique(string candidate)
    {
        string unique = candidate;
        for (int n = 2; !names.Add(unique); n++)
        {
            unique = $"{candidate}.{n.ToString(CultureInfo.InvariantCulture)}";
        }

        return unique;
    }

    private string AddInitializer(string initializerName, ReadOnlySpan<float> values, params int[] dims)
    {
        names.Add(initializerName); // so a unit's constant never takes a layer's tensor name (Unique)
        initializers.Add(new InitializerTensor(initializerName, FloatType, dims, MemoryMarshal.AsBytes(values).ToArray()));
        return initializerName;
    }

    private string AddInitializerInt64(string initializerName, long[] values)
    {
        names.Add(initializerName);
        initializers.Add(new InitializerTensor(initializerName, Int64Type, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return initializerName;
    }

    private string PartName(string part) => part.Length == 0 ? layerName : $"{layerName}.{part}";

    private static int Size(int[] dims)
    {
        int size = 1;
        foreach (int dim in dims)
        {
            size *= dim;
        }

        return size;
    }

    private sealed record GraphNode(string Operation, string Name, string[] Inputs, string Output, OnnxAttribute[] Attributes, string[] MoreOutputs)
    {
        public void WriteTo(ProtobufWriter node)
        {
            foreach (string input in Inputs)
            {
                node.String(1, input);
            }

            node.String(2, Output);
            foreach (string output in MoreOutputs)
            {
                node.String(2, output);
            }
            node.String(3, Name);
            node.String(4, Operation);
            foreach (OnnxAttribute attribute in Attributes)
            {
                node.Message(5, attribute.WriteTo);
            }
        }
    }

    private sealed record InitializerTensor(string Name, int DataType, int[] Dims, byte[] Data)
    {
        public void WriteTo(ProtobufWriter tensor)
        {
            foreach (int dim in Dims)
            {
                tensor.Int64(1, dim);
            }

            tensor.Int64(2, DataType);
            tensor.String(8, Name);

            tensor.Bytes(9, Data);
        }
    }
}
