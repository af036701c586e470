using System;
using System.Buffers.Binary;
using System.IO;

namespace AmpModel;

/// <summary>Raw little-endian float32 mono audio files (no header), as the core's tools read and write them.</summary>
public static class RawAudio
{
    public static float[] Read(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length % sizeof(float) != 0)
        {
            throw new InvalidDataException($"'{path}' has {bytes.Length} bytes, not a whole number of float32 samples.");
        }

        float[] samples = new float[bytes.Length / sizeof(float)];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
        }

        return samples;
    }

    /// <summary>Writes the samples as StaticNet writes every file: beside <paramref name="path"/> first, then moved over it.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples)
    {
        var bytes = new MemoryStream(samples.Length * sizeof(float));
        Span<byte> sample = stackalloc byte[sizeof(float)];
        foreach (float value in samples)
        {
            BinaryPrimitives.WriteSingleLittleEndian(sample, value);
            bytes.Write(sample);
        }

        StaticNet.Storage.AtomicFile.Write(path, bytes);
    }
}
