#if !NET8_0_OR_GREATER
using System;
using System.Numerics.Tensors;

namespace StaticNet.Polyfills;

/// <summary>
/// The <see cref="TensorPrimitives"/> overloads this library uses that its netstandard build lacks (it has the
/// span-and-span forms only): one value at a time, the arithmetic of the .NET 8 forms.
/// </summary>
internal static class TensorPrimitivesOverloads
{
    extension(TensorPrimitives)
    {
        /// <summary><c>destination[i] = max(x[i], y)</c>, NaN propagated as the .NET 8 form does.</summary>
        public static void Max(ReadOnlySpan<float> x, float y, Span<float> destination)
        {
            Check(x, destination);
            for (int i = 0; i < x.Length; i++)
            {
                float value = x[i];
                destination[i] = float.IsNaN(value) || value > y || (value == y && !IsNegativeZero(value)) ? value : y;
            }
        }

        /// <summary><c>destination[i] = min(x[i], y)</c>, NaN propagated as the .NET 8 form does.</summary>
        public static void Min(ReadOnlySpan<float> x, float y, Span<float> destination)
        {
            Check(x, destination);
            for (int i = 0; i < x.Length; i++)
            {
                float value = x[i];
                destination[i] = float.IsNaN(value) || value < y || (value == y && IsNegativeZero(value)) ? value : y;
            }
        }

        public static void Sqrt(ReadOnlySpan<float> x, Span<float> destination)
        {
            Check(x, destination);
            for (int i = 0; i < x.Length; i++)
            {
                destination[i] = MathF.Sqrt(x[i]);
            }
        }
    }

    private static bool IsNegativeZero(float value) => value == 0 && BitConverter.SingleToInt32Bits(value) < 0;

    private static void Check(ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException("Destination is too short.", nameof(destination));
        }
    }
}
#endif
