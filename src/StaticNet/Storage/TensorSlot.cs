using System;

namespace StaticNet.Storage;

/// <summary>
/// One tensor of a network as PyTorch's <c>state_dict</c> holds it: its name in the equivalent
/// <c>nn.Sequential</c> (such as <c>0.weight</c>), its shape, and where its values sit in the network's
/// parameter span (or state span, for batch-norm running statistics). Generated networks list theirs as
/// <c>TensorSlots</c>, in <c>state_dict</c> order.
/// </summary>
public sealed class TensorSlot
{
    /// <summary>Describes one tensor; <paramref name="role"/> says what it is, for error messages (e.g. "weights").</summary>
    public TensorSlot(string name, int layer, string role, int[] shape, bool isState, int offset)
    {
        Name = name;
        Layer = layer;
        Role = role;
        Shape = shape;
        IsState = isState;
        Offset = offset;
        int count = 1;
        foreach (int side in shape)
        {
            count = checked(count * side);
        }

        Count = count;
    }

    /// <summary>The tensor's name in the <c>state_dict</c> of the equivalent <c>nn.Sequential</c> (of a graph: its layer's name).</summary>
    public string Name { get; }

    /// <summary>The layer it belongs to, counted from 1 after the input as the generated <c>LayerN</c> classes are.</summary>
    public int Layer { get; }

    /// <summary>What the tensor is: weights, biases, running mean...</summary>
    public string Role { get; }

    /// <summary>Its shape, outermost first, as PyTorch gives it.</summary>
    public int[] Shape { get; }

    /// <summary>
    /// Whether it lives in a state span rather than the parameters: the network's state (running statistics) for
    /// <c>TensorSlots</c>, a stream's state for <c>StreamStateSlots</c>.
    /// </summary>
    public bool IsState { get; }

    /// <summary>Where its first value sits in its span.</summary>
    public int Offset { get; }

    /// <summary>How many values it holds.</summary>
    public int Count { get; }

    /// <summary>The shape written as PyTorch prints it, e.g. <c>[6, 4]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>"layer 2's weights", for messages.</summary>
    public string Description => $"layer {Layer}'s {Role}";

    /// <summary>One line: <c>0.weight [6, 4]: layer 1's weights, parameters[0..24)</c>.</summary>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Name} {ShapeText}: {Description}, {(IsState ? "state" : "parameters")}[{Offset}..{Offset + Count})");

    internal static string FormatShape(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }

    internal static string FormatShape(int[] shape) => FormatShape(Array.ConvertAll(shape, side => (long)side));
}
