using System;

namespace StaticNet;

/// <summary>
/// A long short-term memory layer over a sequence: PyTorch's <c>nn.LSTM</c> with one layer, <c>batch_first</c> and zero
/// initial states. Its input is a sequence; its output is every step's hidden state, <c>steps x hidden</c>. Parameters
/// in <c>state_dict</c> order: <c>weight_ih [4 hidden, in]</c>, <c>weight_hh [4 hidden, hidden]</c>,
/// <c>bias_ih [4 hidden]</c>, <c>bias_hh [4 hidden]</c>, gates i, f, g, o.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class LstmAttribute : LayerAttribute
{
    /// <summary>Declares an LSTM layer.</summary>
    /// <param name="hidden">The size of the hidden state (and of the cell), and of each step's output.</param>
    public LstmAttribute(int hidden) => Hidden = hidden;

    /// <summary>The size of the hidden state (and of the cell), and of each step's output.</summary>
    public int Hidden { get; }
}
