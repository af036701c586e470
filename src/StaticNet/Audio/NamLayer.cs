namespace StaticNet.Audio;

/// <summary>
/// One layer of the StaticNet declaration a <c>.nam</c> model maps to: its attribute as C# text, its description as the
/// generated <c>Architecture</c> text writes it, the layers it reads (numbered as the generated <c>LayerN</c>, the input
/// 0), its features per step, and its tensors with the file's values in StaticNet's (PyTorch's) layout.
/// </summary>
internal sealed record NamLayer(string Name, string Attribute, string Description, int[] Sources, int Features, NamTensor[] Tensors)
{
    /// <summary>A comment line written above the attribute (a layer array's or a block's heading), or null.</summary>
    public string? Comment { get; set; }

    /// <summary>The use of a block this layer is part of in the declaration (a WaveNet layer), or null for a layer written out.</summary>
    public NamUse? Use { get; set; }
}

/// <summary>
/// A use of one of the declaration's blocks: which block, the layers it reads (its stream, then <c>"input"</c>), the
/// use's name, and its sizes (the block's parameters). The layers of one use share it.
/// </summary>
internal sealed record NamUse(NamBlock Block, string Stream, string Name, int Channels, int Kernel, int Dilation);

/// <summary>A block of the declaration: one layer of a WaveNet layer array, gated or not, with its activation; its defaults are its first use's sizes.</summary>
internal sealed record NamBlock(bool Gated, string Activation, int Channels, int Kernel);

/// <summary>A tensor a <c>.nam</c> model fills: its name in the declared network, its shape, what it is in the file's terms, its values.</summary>
internal sealed record NamTensor(string Name, int[] Shape, string What, float[] Values);
