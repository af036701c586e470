namespace StaticNet.Onnx;

/// <summary>
/// One attribute of an ONNX node, as generated networks' <c>ToOnnx</c> pass it to <see cref="OnnxGraph.Node(string, OnnxAttribute[])"/>:
/// its name, kind and value.
/// </summary>
public sealed class OnnxAttribute
{
    private OnnxAttribute(string name, int type, float floatValue, long[] intValues)
    {
        Name = name;
        Type = type;
        FloatValue = floatValue;
        IntValues = intValues;
    }

    /// <summary>The attribute's name, as the operator's specification spells it.</summary>
    public string Name { get; }

    private int Type { get; }

    private float FloatValue { get; }

    private long[] IntValues { get; }

    private const int FloatKind = 1;
    private const int IntKind = 2;
    private const int IntsKind = 7;

    /// <summary>A float attribute (<c>alpha</c> of <c>LeakyRelu</c>).</summary>
    public static OnnxAttribute Float(string name, float value) => new(name, FloatKind, value, []);

    /// <summary>An integer attribute (<c>axis</c> of <c>Softmax</c>).</summary>
    public static OnnxAttribute Int(string name, long value) => new(name, IntKind, 0f, [value]);

    /// <summary>A list of integers (<c>pads</c>, <c>perm</c>).</summary>
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, IntsKind, 0f, values);

    internal void WriteTo(ProtobufWriter attribute)
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
