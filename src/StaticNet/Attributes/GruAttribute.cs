using System;

namespace StaticNet;

/// <summary>
/// A gated recurrent unit over a sequence: PyTorch's <c>nn.GRU</c> with one layer, <c>batch_first</c> and a zero initial
/// state. Its input is a sequence (<c>[Input(steps, features)]</c> or another sequence layer); its output is every
/// step's hidden state, <c>steps x hidden</c>. Parameters in <c>state_dict</c> order: <c>weight_ih [3 hidden, in]</c>,
/// <c>weight_hh [3 hidden, hidden]</c>, <c>bias_ih [3 hidden]</c>, <c>bias_hh [3 hidden]</c>, gates r, z, n.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class GruAttribute : LayerAttribute
{
    /// <summary>Declares a GRU layer.</summary>
    /// <param name="hidden">The size of the hidden state, and of each step's output.</param>
    public GruAttribute(int hidden) => Hidden = hidden;

    /// <summary>The size of the hidden state, and of each step's output.</summary>
    public int Hidden { get; }
}
