using System;

namespace StaticNet.Storage;

/// <summary>
/// IEEE half precision (a safetensors file's F16) to float, exactly: every half is a float. Written out rather than
/// through <c>System.Half</c>, which netstandard2.1 (Unity) lacks; the tests compare it with <c>Half</c> for all 65,536.
/// </summary>
internal static class HalfFloat
{
    public static float ToSingle(ushort bits)
    {
        uint sign = (uint)(bits & 0x8000) << 16;
        int exponent = (bits >> 10) & 0x1F;
        uint mantissa = (uint)(bits & 0x3FF);
        if (exponent == 0x1F)
        {
            // Infinity, or a NaN, made quiet as the hardware's conversion makes it, its payload in the top mantissa bits.
            uint quiet = mantissa == 0 ? 0 : 0x00400000u;
            return BitConverter.Int32BitsToSingle((int)(sign | 0x7F800000 | quiet | (mantissa << 13)));
        }

        if (exponent == 0)
        {
            // Zero or subnormal: mantissa * 2^-24, exact in a float.
            float magnitude = mantissa * (1f / 16777216f);
            return sign == 0 ? magnitude : -magnitude;
        }

        return BitConverter.Int32BitsToSingle((int)(sign | ((uint)(exponent + 112) << 23) | (mantissa << 13)));
    }
}
