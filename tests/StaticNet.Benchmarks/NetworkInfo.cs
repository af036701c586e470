using System;
using System.IO;

namespace StaticNet.Benchmarks;

/// <summary>What the peers need to know of a benchmark network: its shape, and how to make and export its parameters.</summary>
public sealed record NetworkInfo(
    string Name, int[] SampleShape, int OutputSize, int ParameterCount, Action<float[]> Initialize, Action<float[], Stream> ToOnnx,
    Action<float[], AlignedFloats>? PackParameters)
{
    public static readonly NetworkInfo N1Info = new(nameof(N1), [4], N1.OutputSize, N1.ParameterCount, p => N1.Initialize(p, 1), (p, s) => N1.ToOnnx(p, s), (p, packed) => N1.PackParameters(p, packed.Span));

    public static readonly NetworkInfo N2Info = new(nameof(N2), [784], N2.OutputSize, N2.ParameterCount, p => N2.Initialize(p, 1), (p, s) => N2.ToOnnx(p, s), (p, packed) => N2.PackParameters(p, packed.Span));

    public static readonly NetworkInfo N3Info = new(nameof(N3), [16], N3.OutputSize, N3.ParameterCount, p => N3.Initialize(p, 1), (p, s) => N3.ToOnnx(p, s), (p, packed) => N3.PackParameters(p, packed.Span));

    public static readonly NetworkInfo N4Info = new(nameof(N4), [1, 28, 28], N4.OutputSize, N4.ParameterCount, p => N4.Initialize(p, 1), (p, s) => N4.ToOnnx(p, s), null); // no dense block small enough to pack

    public int InputSize => SampleShape[0] * (SampleShape.Length == 3 ? SampleShape[1] * SampleShape[2] : 1);
}
