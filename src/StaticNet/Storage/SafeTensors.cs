using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace StaticNet.Storage;

/// <summary>
/// Imports a PyTorch <c>state_dict</c> saved with <c>safetensors.torch.save_file</c> into a network's spans, and
/// exports a network's spans in the same form for PyTorch to load. Generated networks call these with their
/// <c>TensorSlots</c>; the spans are only written once every tensor has been found, checked and converted, so a
/// bad file leaves them untouched.
/// </summary>
/// <remarks>
/// Tensors are matched by name when the file holds the network's names, else by declaration order where the names
/// fix it, else refused with the name map to pass (see <see cref="TensorMatching"/>): never permuted silently.
/// </remarks>
public static class SafeTensors
{
    /// <summary>Imports the safetensors file at <paramref name="path"/>; see the class remarks for the matching rules.</summary>
    /// <param name="path">The file.</param>
    /// <param name="slots">The network's tensors, in <c>state_dict</c> order.</param>
    /// <param name="parameters">Receives the parameters, once every tensor has been read and checked.</param>
    /// <param name="state">Receives the state (batch-norm running statistics).</param>
    /// <param name="tensorNames">From each slot's name to the file's, or null to match by order.</param>
    /// <param name="allowNonFinite">
    /// Whether to accept NaN and infinite values (and F64 values beyond float's range, which become infinite). Off by
    /// default: such a value in a weight is almost always a diverged or corrupted model, and it would silently make every
    /// output NaN.
    /// </param>
    /// <exception cref="WeightFileException">The file cannot be read, is malformed or does not fit the slots; the message names the file, the tensor and both shapes.</exception>
    public static void Import(
        string path, IReadOnlyList<TensorSlot> slots, Span<float> parameters, Span<float> state,
        IReadOnlyDictionary<string, string>? tensorNames = null, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(slots);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WeightFileException(path, "the file does not exist.", exception);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new WeightFileException(path, $"it cannot be read: {exception.Message}", exception);
        }

        Import(bytes, path, slots, parameters, state, tensorNames, allowNonFinite);
    }

    /// <summary>Imports a safetensors file from <paramref name="stream"/>; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="WeightFileException">The stream fails, or the file is malformed or does not fit the slots.</exception>
    public static void Import(
        Stream stream, string source, IReadOnlyList<TensorSlot> slots, Span<float> parameters, Span<float> state,
        IReadOnlyDictionary<string, string>? tensorNames = null, bool allowNonFinite = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(slots);
        var buffer = new MemoryStream();
        try
        {
            stream.CopyTo(buffer);
        }
        catch (Exception exception) when (exception is IOException and not WeightFileException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new WeightFileException(source, $"reading it failed: {exception.Message}", exception);
        }

        Import(buffer.ToArray(), source, slots, parameters, state, tensorNames, allowNonFinite);
    }

    /// <summary>Writes the slots' values as a safetensors file of F32 tensors at <paramref name="path"/>, replacing it once complete.</summary>
    public static void Export(string path, IReadOnlyList<TensorSlot> slots, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state)
    {
        using var replacement = new FileReplacement(path);
        Export(replacement.Stream, slots, parameters, state);
        replacement.Commit();
    }

    /// <summary>Writes the slots' values to <paramref name="stream"/> as a safetensors file of F32 tensors, in slot order.</summary>
    public static void Export(Stream stream, IReadOnlyList<TensorSlot> slots, ReadOnlySpan<float> parameters, ReadOnlySpan<float> state)
    {
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            json.WriteStartObject("__metadata__");
            json.WriteString("format", "pt");
            json.WriteEndObject();
            long offset = 0;
            foreach (TensorSlot slot in slots)
            {
                json.WriteStartObject(slot.Name);
                json.WriteString("dtype", "F32");
                json.WriteStartArray("shape");
                foreach (int side in slot.Shape)
                {
                    json.WriteNumberValue(side);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + (4L * slot.Count));
                json.WriteEndArray();
                json.WriteEndObject();
                offset += 4L * slot.Count;
            }

            json.WriteEndObject();
        }

        // The format pads the header with spaces so that the data starts 8-byte aligned.
        while (header.Length % 8 != 0)
        {
            header.WriteByte((byte)' ');
        }

        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        Span<byte> value = stackalloc byte[4];
        foreach (TensorSlot slot in slots)
        {
            foreach (float x in (slot.IsState ? state : parameters).Slice(slot.Offset, slot.Count))
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, x);
                stream.Write(value);
            }
        }
    }

    private static void Import(
        byte[] bytes, string source, IReadOnlyList<TensorSlot> slots, Span<float> parameters, Span<float> state,
        IReadOnlyDictionary<string, string>? tensorNames, bool allowNonFinite)
    {
        SafeTensorsFile file = SafeTensorsFile.Parse(bytes, source);
        SafeTensorsFile.Entry[] matched = TensorMatching.Match(file, slots, tensorNames, source);

        // Everything lands in copies first, so a tensor that fails half way leaves the network as it was.
        float[] newParameters = parameters.ToArray();
        float[] newState = state.ToArray();
        for (int i = 0; i < slots.Count; i++)
        {
            TensorSlot slot = slots[i];
            SafeTensorsFile.Entry entry = matched[i];
            if (!TensorMatching.SameShape(entry.Shape, slot.Shape))
            {
                throw new WeightFileException(source,
                    $"tensor '{entry.Name}' has shape {TensorSlot.FormatShape(entry.Shape)}, but {slot.Description} ({slot.Name}) must have shape {slot.ShapeText}.");
            }

            float[] target = slot.IsState ? newState : newParameters;
            if (slot.Offset + slot.Count > target.Length)
            {
                throw new ArgumentException($"{slot.Description} take values {slot.Offset} to {slot.Offset + slot.Count} of the {(slot.IsState ? "state" : "parameters")}, which hold {target.Length}.");
            }

            file.ReadFloats(entry, target.AsSpan(slot.Offset, slot.Count), source, allowNonFinite);
        }

        newParameters.CopyTo(parameters);
        newState.CopyTo(state);
    }
}
