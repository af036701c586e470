using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace StaticNet.Onnx;

/// <summary>
/// Builds an ONNX model (IR version 8, opset 17) of a network layer by layer, with its weights as
/// initializers, and writes it as a protocol buffer. Generated <c>ToOnnx</c> methods call it; the model
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
    private readonly List<Initializer> initializers = [];
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
        (current, shape) = Value(source);
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

    /// <summary>
    /// One value per feature (of a flat value) or per channel (of an image, shaped <c>[C, 1, 1]</c>), so that it broadcasts
    /// over the current value: a PReLU's slopes.
    /// </summary>
    public string PerChannel(string constantName, ReadOnlySpan<float> values)
    {
        string unique = Unique($"{layerName}.{constantName}");
        return shape.Length == 3 ? AddInitializer(unique, values, values.Length, 1, 1) : AddInitializer(unique, values, values.Length);
    }

    /// <summary>A layer that is an activation alone (<c>[Activate]</c>): it takes its number, and its nodes follow through <see cref="Node(string, OnnxAttribute[])"/>.</summary>
    public void ActivationLayer() => NextLayer();

    /// <summary>The elementwise sum (<c>Sum</c>) of layers of one shape.</summary>
    public void Add(ReadOnlySpan<int> layers)
    {
        // Operands first: naming the layer records the one before it, after which its number means this one.
        string[] operands = new string[layers.Length];
        for (int i = 0; i < layers.Length; i++)
        {
            operands[i] = Value(layers[i]).Name;
        }

        int[] sumShape = Value(layers[0]).Shape;
        string prefix = NextLayer();
        Add("Sum", prefix, operands, []);
        shape = sumShape;
    }

    /// <summary>Layers side by side (<c>Concat</c> on axis 1): flat features, or CHW volumes along channels.</summary>
    public void Concat(ReadOnlySpan<int> layers)
    {
        string[] operands = new string[layers.Length];
        int[] joined = (int[])Value(layers[0]).Shape.Clone();
        joined[0] = 0;
        for (int i = 0; i < layers.Length; i++)
        {
            (operands[i], int[] operandShape) = Value(layers[i]);
            joined[0] += operandShape[0];
        }

        string prefix = NextLayer();

        Add("Concat", prefix, operands, [OnnxAttribute.Int("axis", 1)]);
        shape = joined;
    }

    /// <summary>Features <c>[start, start + length)</c> of a flat value, or those channels of a CHW one (<c>Slice</c> on axis 1).</summary>
    public void Slice(int start, int length)
    {
        string prefix = NextLayer();
        string starts = AddInitializerInt64($"{prefix}.starts", [start]);
        string ends = AddInitializerInt64($"{prefix}.ends", [start + length]);
        string axes = AddInitializerInt64($"{prefix}.axes", [1]);
        Add("Slice", prefix, [current, starts, ends, axes], []);
        int[] sliced = (int[])shape.Clone();
        sliced[0] = length;
        shape = sliced;
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
            (string valueName, int[] valueShape) = Value(heads[i]);
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

    /// <summary>
    /// A dense layer: <c>Gemm</c> with the weights <c>[outputs, inputs]</c> transposed (or, when
    /// <paramref name="transposed"/>, weights <c>[inputs, outputs]</c> as they are: a tied decoder).
    /// </summary>
    public void Dense(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, bool transposed = false)
    {
        string prefix = NextLayer();
        int outputs = biases.Length;
        string w = transposed
            ? AddInitializer($"{prefix}.weight", weights, weights.Length / outputs, outputs)
            : AddInitializer($"{prefix}.weight", weights, outputs, weights.Length / outputs);
        string b = AddInitializer($"{prefix}.bias", biases, outputs);
        Add("Gemm", prefix, [current, w, b], [OnnxAttribute.Int("transB", transposed ? 0 : 1)]);
        shape = [outputs];
    }

    /// <summary>A convolution with a square kernel and zero padding.</summary>
    public void Conv2D(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int kernel, int stride, int padding)
    {
        string prefix = NextLayer();
        int filters = biases.Length;
        int channels = shape[0];
        string w = AddInitializer($"{prefix}.weight", weights, filters, channels, kernel, kernel);
        string b = AddInitializer($"{prefix}.bias", biases, filters);
        Add("Conv", prefix, [current, w, b],
        [
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("strides", stride, stride),
            OnnxAttribute.Ints("pads", padding, padding, padding, padding),
        ]);
        shape = [filters, Side(shape[1], kernel, stride, padding), Side(shape[2], kernel, stride, padding)];
    }

    /// <summary>
    /// A 1-D convolution over the sequence <c>[batch, steps, features]</c>: ONNX convolves <c>[batch, channels, length]</c>,
    /// so <c>Conv</c> (taps <paramref name="dilation"/> apart, zeros <paramref name="paddingBefore"/> before and
    /// <paramref name="paddingAfter"/> after) runs between transposes.
    /// </summary>
    public void Conv1D(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation)
    {
        string prefix = NextLayer();
        int filters = biases.Length;
        int features = shape[1];
        string w = AddInitializer($"{prefix}.weight", weights, filters, features, kernel);
        string b = AddInitializer($"{prefix}.bias", biases, filters);
        if (IsStreaming)
        {
            // One step of a causal convolution: its window is the remembered steps then this one, convolved unpadded.
            StreamWindow(prefix, (kernel - 1) * dilation, features);
            paddingBefore = 0;
            paddingAfter = 0;
        }

        Add("Transpose", prefix + ".channels_first", [current], [OnnxAttribute.Ints("perm", 0, 2, 1)]);
        Add("Conv", prefix, [current, w, b],
        [
            OnnxAttribute.Ints("kernel_shape", kernel),
            OnnxAttribute.Ints("strides", stride),
            OnnxAttribute.Ints("dilations", dilation),
            OnnxAttribute.Ints("pads", paddingBefore, paddingAfter),
        ]);
        Add("Transpose", prefix + ".steps_first", [current], [OnnxAttribute.Ints("perm", 0, 2, 1)]);
        int steps = ((shape[0] + paddingBefore + paddingAfter - ((kernel - 1) * dilation) - 1) / stride) + 1;
        shape = [steps, filters];
    }

    /// <summary>
    /// Streaming, a causal convolution's window: its <paramref name="remembered"/> steps from the state, then the current
    /// step, as the current value; the window's last <paramref name="remembered"/> steps are its next state.
    /// </summary>
    private void StreamWindow(string prefix, int remembered, int features)
    {
        if (remembered == 0)
        {
            return;
        }

        string history = StateInput(prefix + ".history", remembered * features);
        string steps = AddInitializerInt64($"{prefix}.history_shape", [0, remembered, features]);
        string past = AddSide("Reshape", prefix + ".history", [history, steps], []);
        Add("Concat", prefix + ".window", [past, current], [OnnxAttribute.Int("axis", 1)]);
        shape = [remembered + 1, features];
        string starts = AddInitializerInt64($"{prefix}.history_starts", [1]);
        string ends = AddInitializerInt64($"{prefix}.history_ends", [remembered + 1]);
        string axes = AddInitializerInt64($"{prefix}.history_axes", [1]);
        string kept = AddSide("Slice", prefix + ".next_history", [current, starts, ends, axes], []);
        string flat = AddInitializerInt64($"{prefix}.next_history_shape", [0, remembered * features]);
        nextState.Add(AddSide("Reshape", prefix + ".next_history", [kept, flat], []));
    }

    /// <summary>Streaming, the next <paramref name="count"/> values of the <c>state</c> input, <c>[batch, count]</c>.</summary>
    private string StateInput(string nodeName, int count)
    {
        string starts = AddInitializerInt64($"{nodeName}.starts", [stateOffset]);
        string ends = AddInitializerInt64($"{nodeName}.ends", [stateOffset + count]);
        string axes = AddInitializerInt64($"{nodeName}.axes", [1]);
        stateOffset += count;
        if (stateOffset > streamState)
        {
            throw new InvalidOperationException($"The layers read more than the {streamState} state values the model was started with.");
        }

        return AddSide("Slice", nodeName, ["state", starts, ends, axes], []);
    }

    /// <summary>Max or average pooling with window and stride <paramref name="size"/>, sizes rounded down.</summary>
    public void Pool2D(bool max, int size)
    {
        string prefix = NextLayer();
        Add(max ? "MaxPool" : "AveragePool", prefix, [current],
        [
            OnnxAttribute.Ints("kernel_shape", size, size),
            OnnxAttribute.Ints("strides", size, size),
        ]);
        shape = [shape[0], shape[1] / size, shape[2] / size];
    }

    /// <summary>One mean per channel, as a flat vector: <c>GlobalAveragePool</c> then <c>Flatten</c>.</summary>
    public void GlobalAveragePool2D()
    {
        string prefix = NextLayer();
        Add("GlobalAveragePool", prefix, [current], []);
        Add("Flatten", prefix + ".flatten", [current], [OnnxAttribute.Int("axis", 1)]);
        shape = [shape[0]];
    }

    /// <summary>The same values as a flat vector, in C, H, W order.</summary>
    public void Flatten()
    {
        string prefix = NextLayer();
        Add("Flatten", prefix, [current], [OnnxAttribute.Int("axis", 1)]);
        shape = [Size(shape)];
    }

    /// <summary>
    /// A GRU over the sequence <c>[batch, steps, features]</c> (ONNX's <c>GRU</c>, its gates z, r, h where PyTorch's are r, z,
    /// n; <c>linear_before_reset</c> is PyTorch's <c>r ⊙ (W_hn h + b_hn)</c>). See <see cref="Recurrent"/>.
    /// </summary>
    public void Gru(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden) =>
        Recurrent("GRU", weights, biases, hidden, [1, 0, 2], [OnnxAttribute.Int("linear_before_reset", 1)]);

    /// <summary>An LSTM over the sequence <c>[batch, steps, features]</c> (ONNX's <c>LSTM</c>, its gates i, o, f, c where PyTorch's are i, f, g, o).</summary>
    public void Lstm(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden) =>
        Recurrent("LSTM", weights, biases, hidden, [0, 3, 1, 2], []);

    /// <summary>
    /// A dense layer on every step of <c>[batch, steps, features]</c>: <c>MatMul</c> with the weights transposed
    /// (<c>[features, units]</c>, broadcast over the batch and the steps), <c>Add</c> of the biases.
    /// </summary>
    public void DenseEachStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases)
    {
        string prefix = NextLayer();
        int units = biases.Length;
        int features = weights.Length / units;
        float[] transposed = new float[weights.Length];
        for (int unit = 0; unit < units; unit++)
        {
            for (int feature = 0; feature < features; feature++)
            {
                transposed[(feature * units) + unit] = weights[(unit * features) + feature];
            }
        }

        string w = AddInitializer($"{prefix}.weight", transposed, features, units);
        string b = AddInitializer($"{prefix}.bias", biases, units);
        Add("MatMul", prefix, [current, w], []);
        Add("Add", prefix, [current, b], []);
        shape = [shape[0], units];
    }

    /// <summary>The last step of a sequence <c>[batch, steps, features]</c> as <c>[batch, features]</c>: <c>Slice</c> then <c>Flatten</c>.</summary>
    public void LastStep()
    {
        string prefix = NextLayer();
        int steps = shape[0];
        string starts = AddInitializerInt64($"{prefix}.starts", [steps - 1]);
        string ends = AddInitializerInt64($"{prefix}.ends", [steps]);
        string axes = AddInitializerInt64($"{prefix}.axes", [1]);
        Add("Slice", prefix, [current, starts, ends, axes], []);
        Add("Flatten", prefix, [current], [OnnxAttribute.Int("axis", 1)]);
        shape = [shape[1]];
    }

    /// <summary>
    /// A one-layer recurrent operator: ONNX runs it time-major, so the input is transposed to
    /// <c>[steps, batch, features]</c> and its <c>Y [steps, 1, batch, hidden]</c> squeezed and transposed back. The rows of
    /// every tensor are regrouped from PyTorch's gate order into ONNX's (<paramref name="onnxOrder"/>: for each ONNX gate,
    /// the PyTorch gate it is).
    /// </summary>
    private void Recurrent(string operation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden, int[] onnxOrder, OnnxAttribute[] attributes)
    {
        string prefix = NextLayer();
        int features = shape[1];
        int rows = onnxOrder.Length * hidden;
        string w = AddInitializer($"{prefix}.W", Regroup(weights.Slice(0, rows * features), hidden * features, onnxOrder), 1, rows, features);
        string r = AddInitializer($"{prefix}.R", Regroup(weights.Slice(rows * features), hidden * hidden, onnxOrder), 1, rows, hidden);
        float[] bias = new float[2 * rows];
        Regroup(biases.Slice(0, rows), hidden, onnxOrder).CopyTo(bias, 0);
        Regroup(biases.Slice(rows), hidden, onnxOrder).CopyTo(bias, rows);
        string b = AddInitializer($"{prefix}.B", bias, 1, 2 * rows);
        Add("Transpose", prefix + ".time_major", [current], [OnnxAttribute.Ints("perm", 1, 0, 2)]);
        OnnxAttribute[] all = [OnnxAttribute.Int("hidden_size", hidden), .. attributes];
        string axes = AddInitializerInt64($"{prefix}.direction_axis", [1]);
        if (IsStreaming)
        {
            // The state's parts as initial_h (and an LSTM's initial_c), [1, batch, hidden]; Y_h (and Y_c) the next ones.
            int parts = operation == "LSTM" ? 2 : 1;
            string[] initial = new string[parts];
            string[] finals = new string[parts];
            string front = AddInitializerInt64($"{prefix}.direction_front", [0]);
            for (int part = 0; part < parts; part++)
            {
                string slice = StateInput($"{prefix}.state{part}", hidden);
                initial[part] = AddSide("Unsqueeze", $"{prefix}.initial{part}", [slice, front], []);
                finals[part] = $"{prefix}.{(part == 0 ? "Y_h" : "Y_c")}";
            }

            string x = current;
            Add(operation, prefix, [x, w, r, b, "", .. initial], all, finals);
            foreach (string final in finals)
            {
                nextState.Add(AddSide("Squeeze", final + ".next", [final, front], []));
            }
        }
        else
        {
            Add(operation, prefix, [current, w, r, b], all);
        }

        Add("Squeeze", prefix, [current, axes], []);
        Add("Transpose", prefix + ".batch_major", [current], [OnnxAttribute.Ints("perm", 1, 0, 2)]);
        shape = [shape[0], hidden];
    }

    /// <summary>Blocks of <paramref name="block"/> values, one per gate, in the order <paramref name="order"/> picks them.</summary>
    private static float[] Regroup(ReadOnlySpan<float> blocks, int block, int[] order)
    {
        float[] regrouped = new float[order.Length * block];
        for (int gate = 0; gate < order.Length; gate++)
        {
            blocks.Slice(order[gate] * block, block).CopyTo(regrouped.AsSpan(gate * block));
        }

        return regrouped;
    }

    /// <summary>Dropout: nothing at inference, but the layer keeps its number so names match the network's.</summary>
    public void Dropout() => NextLayer();

    /// <summary>Batch normalisation with the running statistics (<c>BatchNormalization</c> in inference mode).</summary>
    public void BatchNorm(
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, float epsilon)
    {
        string prefix = NextLayer();
        int features = gamma.Length;
        Add("BatchNormalization", prefix,
        [
            current,
            AddInitializer($"{prefix}.weight", gamma, features),
            AddInitializer($"{prefix}.bias", beta, features),
            AddInitializer($"{prefix}.running_mean", runningMean, features),
            AddInitializer($"{prefix}.running_var", runningVariance, features),
        ],
        [OnnxAttribute.Float("epsilon", epsilon)]);
    }

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
        foreach (Initializer initializer in initializers)
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
    private (string Name, int[] Shape) Value(int number)
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
        initializers.Add(new Initializer(initializerName, FloatType, dims, MemoryMarshal.AsBytes(values).ToArray()));
        return initializerName;
    }

    private string AddInitializerInt64(string initializerName, long[] values)
    {
        names.Add(initializerName);
        initializers.Add(new Initializer(initializerName, Int64Type, [values.Length], MemoryMarshal.AsBytes(values.AsSpan()).ToArray()));
        return initializerName;
    }

    private static int Side(int input, int kernel, int stride, int padding) => ((input + (2 * padding) - kernel) / stride) + 1;

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

    private sealed record Initializer(string Name, int DataType, int[] Dims, byte[] Data)
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
