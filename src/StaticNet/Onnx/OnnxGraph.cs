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
    private readonly List<Node> nodes = [];
    private readonly List<Initializer> initializers = [];
    private string current = "input";
    private int[] shape;
    private int layer;

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

    /// <summary>The elementwise sum (<c>Sum</c>) of layers of one shape, then the activation (a PReLU's <c>slopes</c> one per feature or channel).</summary>
    public void Add(ReadOnlySpan<int> layers, Activation activation, float slope, ReadOnlySpan<float> slopes = default)
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
        Activate(prefix, activation, slope, slopes);
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

        Add("Concat", prefix, operands, [NodeAttribute.Int("axis", 1)]);
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
                Add("Flatten", $"output{i + 1}", [valueName], [NodeAttribute.Int("axis", 1)]);
                parts[i] = current;
            }

            total += Size(valueShape);
        }

        // Always a node of its own: WriteTo names the last node's result "output", which must not be a value layers read.
        Add(parts.Length == 1 ? "Identity" : "Concat", "outputs", parts, parts.Length == 1 ? [] : [NodeAttribute.Int("axis", 1)]);
        shape = [total];
    }

    /// <summary>
    /// A dense layer: <c>Gemm</c> with the weights <c>[outputs, inputs]</c> transposed (or, when
    /// <paramref name="transposed"/>, weights <c>[inputs, outputs]</c> as they are: a tied decoder), then the activation
    /// (a PReLU's <c>slopes</c> one per output).
    /// </summary>
    public void Dense(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Activation activation, float slope, ReadOnlySpan<float> slopes = default,
        bool transposed = false)
    {
        string prefix = NextLayer();
        int outputs = biases.Length;
        string w = transposed
            ? AddInitializer($"{prefix}.weight", weights, weights.Length / outputs, outputs)
            : AddInitializer($"{prefix}.weight", weights, outputs, weights.Length / outputs);
        string b = AddInitializer($"{prefix}.bias", biases, outputs);
        Add("Gemm", prefix, [current, w, b], [NodeAttribute.Int("transB", transposed ? 0 : 1)]);
        shape = [outputs];
        Activate(prefix, activation, slope, slopes);
    }

    /// <summary>A convolution with a square kernel and zero padding, then the activation (a PReLU's <c>slopes</c> one per channel).</summary>
    public void Conv2D(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int kernel, int stride, int padding, Activation activation, float slope,
        ReadOnlySpan<float> slopes = default)
    {
        string prefix = NextLayer();
        int filters = biases.Length;
        int channels = shape[0];
        string w = AddInitializer($"{prefix}.weight", weights, filters, channels, kernel, kernel);
        string b = AddInitializer($"{prefix}.bias", biases, filters);
        Add("Conv", prefix, [current, w, b],
        [
            NodeAttribute.Ints("kernel_shape", kernel, kernel),
            NodeAttribute.Ints("strides", stride, stride),
            NodeAttribute.Ints("pads", padding, padding, padding, padding),
        ]);
        shape = [filters, Side(shape[1], kernel, stride, padding), Side(shape[2], kernel, stride, padding)];
        Activate(prefix, activation, slope, slopes);
    }

    /// <summary>
    /// A 1-D convolution over the sequence <c>[batch, steps, features]</c>: ONNX convolves <c>[batch, channels, length]</c>,
    /// so <c>Conv</c> (taps <paramref name="dilation"/> apart, zeros <paramref name="paddingBefore"/> before and
    /// <paramref name="paddingAfter"/> after) runs between transposes; then the activation.
    /// </summary>
    public void Conv1D(
        ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int kernel, int stride, int paddingBefore, int paddingAfter, int dilation,
        Activation activation, float slope)
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

        Add("Transpose", prefix + ".channels_first", [current], [NodeAttribute.Ints("perm", 0, 2, 1)]);
        Add("Conv", prefix, [current, w, b],
        [
            NodeAttribute.Ints("kernel_shape", kernel),
            NodeAttribute.Ints("strides", stride),
            NodeAttribute.Ints("dilations", dilation),
            NodeAttribute.Ints("pads", paddingBefore, paddingAfter),
        ]);
        Add("Transpose", prefix + ".steps_first", [current], [NodeAttribute.Ints("perm", 0, 2, 1)]);
        int steps = ((shape[0] + paddingBefore + paddingAfter - ((kernel - 1) * dilation) - 1) / stride) + 1;
        shape = [steps, filters];
        Activate(prefix, activation, slope, default);
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
        Add("Concat", prefix + ".window", [past, current], [NodeAttribute.Int("axis", 1)]);
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
            NodeAttribute.Ints("kernel_shape", size, size),
            NodeAttribute.Ints("strides", size, size),
        ]);
        shape = [shape[0], shape[1] / size, shape[2] / size];
    }

    /// <summary>One mean per channel, as a flat vector: <c>GlobalAveragePool</c> then <c>Flatten</c>.</summary>
    public void GlobalAveragePool2D()
    {
        string prefix = NextLayer();
        Add("GlobalAveragePool", prefix, [current], []);
        Add("Flatten", prefix + ".flatten", [current], [NodeAttribute.Int("axis", 1)]);
        shape = [shape[0]];
    }

    /// <summary>The same values as a flat vector, in C, H, W order.</summary>
    public void Flatten()
    {
        string prefix = NextLayer();
        Add("Flatten", prefix, [current], [NodeAttribute.Int("axis", 1)]);
        shape = [Size(shape)];
    }

    /// <summary>
    /// A GRU over the sequence <c>[batch, steps, features]</c> (ONNX's <c>GRU</c>, its gates z, r, h where PyTorch's are r, z,
    /// n; <c>linear_before_reset</c> is PyTorch's <c>r ⊙ (W_hn h + b_hn)</c>). See <see cref="Recurrent"/>.
    /// </summary>
    public void Gru(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden) =>
        Recurrent("GRU", weights, biases, hidden, [1, 0, 2], [NodeAttribute.Int("linear_before_reset", 1)]);

    /// <summary>An LSTM over the sequence <c>[batch, steps, features]</c> (ONNX's <c>LSTM</c>, its gates i, o, f, c where PyTorch's are i, f, g, o).</summary>
    public void Lstm(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden) =>
        Recurrent("LSTM", weights, biases, hidden, [0, 3, 1, 2], []);

    /// <summary>
    /// A dense layer on every step of <c>[batch, steps, features]</c>: <c>MatMul</c> with the weights transposed
    /// (<c>[features, units]</c>, broadcast over the batch and the steps), <c>Add</c> of the biases, then the activation.
    /// </summary>
    public void DenseEachStep(ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, Activation activation, float slope)
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
        Activate(prefix, activation, slope, default);
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
        Add("Flatten", prefix, [current], [NodeAttribute.Int("axis", 1)]);
        shape = [shape[1]];
    }

    /// <summary>
    /// A one-layer recurrent operator: ONNX runs it time-major, so the input is transposed to
    /// <c>[steps, batch, features]</c> and its <c>Y [steps, 1, batch, hidden]</c> squeezed and transposed back. The rows of
    /// every tensor are regrouped from PyTorch's gate order into ONNX's (<paramref name="onnxOrder"/>: for each ONNX gate,
    /// the PyTorch gate it is).
    /// </summary>
    private void Recurrent(string operation, ReadOnlySpan<float> weights, ReadOnlySpan<float> biases, int hidden, int[] onnxOrder, NodeAttribute[] attributes)
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
        Add("Transpose", prefix + ".time_major", [current], [NodeAttribute.Ints("perm", 1, 0, 2)]);
        NodeAttribute[] all = [NodeAttribute.Int("hidden_size", hidden), .. attributes];
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
        Add("Transpose", prefix + ".batch_major", [current], [NodeAttribute.Ints("perm", 1, 0, 2)]);
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

    /// <summary>Batch normalisation with the running statistics (<c>BatchNormalization</c> in inference mode), then the activation.</summary>
    public void BatchNorm(
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance,
        float epsilon, Activation activation, float slope, ReadOnlySpan<float> slopes = default)
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
        [NodeAttribute.Float("epsilon", epsilon)]);
        Activate(prefix, activation, slope, slopes);
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
            nodes.Add(new Node("Concat", "next_state.Concat", [.. nextState], "next_state", [NodeAttribute.Int("axis", 1)], []));
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
            Add("Flatten", "output.step", [current], [NodeAttribute.Int("axis", 1)]);
            shape = [shape[1]];
        }
    }

    private void WriteGraph(ProtobufWriter graph)
    {
        foreach (Node node in nodes)
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
        return "layer" + (++layer).ToString(CultureInfo.InvariantCulture);
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
    private void Add(string operation, string nodeName, string[] inputs, NodeAttribute[] attributes, string[]? moreOutputs = null)
    {
        current = AddSide(operation, nodeName, inputs, attributes, moreOutputs);
    }

    /// <summary>Adds a node beside the current tensor (which stays current) and returns its output's name.</summary>
    private string AddSide(string operation, string nodeName, string[] inputs, NodeAttribute[] attributes, string[]? moreOutputs = null)
    {
        string output = nodeName + "." + operation;
        nodes.Add(new Node(operation, output, inputs, output, attributes, moreOutputs ?? []));
        return output;
    }

    private void Activate(string prefix, Activation activation, float slope, ReadOnlySpan<float> slopes)
    {
        switch (activation)
        {
            case Activation.Identity:
                break;
            case Activation.ReLU:
                Add("Relu", prefix, [current], []);
                break;
            case Activation.LeakyReLU:
                Add("LeakyRelu", prefix, [current], [NodeAttribute.Float("alpha", slope)]);
                break;
            case Activation.Sigmoid:
                Add("Sigmoid", prefix, [current], []);
                break;
            case Activation.Tanh:
                Add("Tanh", prefix, [current], []);
                break;
            case Activation.Softmax when shape.Length == 1:
                Add("Softmax", prefix, [current], [NodeAttribute.Int("axis", 1)]);
                break;
            case Activation.Softmax:
                // StaticNet's softmax spans the whole layer; ONNX's one axis: flatten, softmax, shape back.
                Add("Flatten", prefix + ".softmax", [current], [NodeAttribute.Int("axis", 1)]);
                Add("Softmax", prefix, [current], [NodeAttribute.Int("axis", 1)]);
                string back = AddInitializerInt64($"{prefix}.shape", [-1, .. shape]);
                Add("Reshape", prefix, [current, back], []);
                break;
            case Activation.ELU:
                Add("Elu", prefix, [current], [NodeAttribute.Float("alpha", 1f)]);
                break;
            case Activation.PReLU:
                // One slope per channel, shaped to broadcast over the rest: [C] for vectors, [C, 1, 1] for images.
                string slopeName = shape.Length == 1
                    ? AddInitializer($"{prefix}.prelu", slopes, slopes.Length)
                    : AddInitializer($"{prefix}.prelu", slopes, slopes.Length, 1, 1);
                Add("PRelu", prefix, [current, slopeName], []);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "This activation has no ONNX form.");
        }
    }

    private string AddInitializer(string initializerName, ReadOnlySpan<float> values, params int[] dims)
    {
        initializers.Add(new Initializer(initializerName, FloatType, dims, MemoryMarshal.AsBytes(values).ToArray()));
        return initializerName;
    }

    private string AddInitializerInt64(string initializerName, long[] values)
    {
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

    private sealed record Node(string Operation, string Name, string[] Inputs, string Output, NodeAttribute[] Attributes, string[] MoreOutputs)
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
            foreach (NodeAttribute attribute in Attributes)
            {
                node.Message(5, attribute.WriteTo);
            }
        }
    }

    private sealed record NodeAttribute(string Name, int Type, float FloatValue, long[] IntValues)
    {
        private const int FloatKind = 1;
        private const int IntKind = 2;
        private const int IntsKind = 7;

        public static NodeAttribute Float(string name, float value) => new(name, FloatKind, value, []);

        public static NodeAttribute Int(string name, long value) => new(name, IntKind, 0f, [value]);

        public static NodeAttribute Ints(string name, params long[] values) => new(name, IntsKind, 0f, values);

        public void WriteTo(ProtobufWriter attribute)
        {
            attribute.String(1, Name);
            switch (Type)
            {
                case FloatKind:
                    attribute.Float(2, FloatValue);
                    break;
                case IntKind:
                    attribute.Int64(3, IntValues[0]);
                    break;
                default:
                    foreach (long value in IntValues)
                    {
                        attribute.Int64(8, value);
                    }

                    break;
            }

            attribute.Int64(20, Type);
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
