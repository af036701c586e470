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
}

/// <summary>A tensor a <c>.nam</c> model fills: its name in the declared network, its shape, what it is in the file's terms, its values.</summary>
internal sealed record NamTensor(string Name, int[] Shape, string What, float[] Values);
