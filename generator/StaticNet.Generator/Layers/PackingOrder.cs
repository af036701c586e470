namespace StaticNet.Generator.Layers;

/// <summary>
/// The reorderings <c>PackParameters</c> applies, as functions from a packed index to the index it copies (both counted
/// from the start of the reordered block), so that baked weights are packed when the generator writes them.
/// </summary>
internal static class PackingOrder
{
    /// <summary>A <paramref name="rows"/> x <paramref name="columns"/> row-major block written transposed, as <c>DenseKernels.Transpose</c> writes it.</summary>
    public static int Transposed(int index, int rows, int columns) => ((index % rows) * columns) + (index / rows);
}
