using System;
using StaticNet.Runtime;
using Xunit;

namespace StaticNet.Tests;

/// <summary>The blocked transpose against the definition, for every shape around its 8 x 8 blocks, into padded rows.</summary>
public class MatrixTransposeTests
{
    [Fact]
    public void Every_value_lands_at_its_transposed_place_and_the_padding_is_untouched()
    {
        for (int rows = 1; rows <= 27; rows++)
        {
            for (int columns = 1; columns <= 27; columns++)
            {
                int stride = rows + (rows % 3); // a destination row longer than the source's column, or exactly as long
                var source = new float[rows * columns];
                for (int i = 0; i < source.Length; i++)
                {
                    source[i] = i + 1;
                }

                var destination = new float[columns * stride];
                destination.AsSpan().Fill(-1f);
                MatrixTranspose.Run(ref source[0], rows, columns, ref destination[0], stride);

                for (int column = 0; column < columns; column++)
                {
                    for (int slot = 0; slot < stride; slot++)
                    {
                        float expected = slot < rows ? source[(slot * columns) + column] : -1f;
                        Assert.True(
                            expected == destination[(column * stride) + slot],
                            $"{rows} x {columns} (stride {stride}): column {column}, slot {slot} holds {destination[(column * stride) + slot]}, expected {expected}");
                    }
                }
            }
        }
    }
}
