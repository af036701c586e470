using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Storage;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.Storage;

/// <summary>
/// Importing PyTorch state_dicts saved as safetensors, with files written here byte by byte (the format is an
/// 8-byte header length, a JSON header and raw little-endian data), well-formed and malformed.
/// </summary>
public class SafeTensorsTests
{
    /// <summary>The 4-6-2 seed network as nn.Sequential(Linear(4, 6), ReLU(), Linear(6, 2)) names it.</summary>
    private static readonly TensorSlot[] Seed462 =
    [
        new("0.weight", 1, "weights", [6, 4], isState: false, offset: 0),
        new("0.bias", 1, "biases", [6], isState: false, offset: 24),
        new("2.weight", 2, "weights", [2, 6], isState: false, offset: 30),
        new("2.bias", 2, "biases", [2], isState: false, offset: 42),
    ];

    private static readonly float[] FixtureParameters = Fixture.Load("seed-4-6-2").Parameters;

    [Fact]
    public void Imports_the_fixture_parameters_written_in_PyTorch_order_bit_exactly()
    {
        // safetensors' writer orders data by dtype then name, so "0.bias" comes before "0.weight" in the file.
        byte[] file = Build(Tensors(FixtureParameters, "F32").OrderBy(t => t.Name, StringComparer.Ordinal));
        float[] imported = new float[44];

        SafeTensors.Import(new MemoryStream(file), "seed.safetensors", Seed462, imported, Span<float>.Empty);

        Assert.Equal(FixtureParameters.Select(BitConverter.SingleToInt32Bits), imported.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Generated_networks_name_their_tensors_as_nn_Sequential_and_import_the_fixture()
    {
        Assert.Equal(Seed462.Select(s => (s.Name, s.Offset, string.Join(",", s.Shape))), Networks.Seed462Net.TensorSlots.Select(s => (s.Name, s.Offset, string.Join(",", s.Shape))));
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "4.weight", "4.bias"],
            Networks.ChannelNormNet.TensorSlots.Select(s => s.Name));
        Assert.Equal("2.weight [2, 6]: layer 2's weights, parameters[30..42)", Networks.Seed462Net.TensorSlots[2].ToString());
        Assert.Equal("1.running_var [3]: layer 2's running variance, state[3..6)", Networks.ChannelNormNet.TensorSlots[5].ToString());

        var imported = new float[Networks.Seed462Net.ParameterCount];
        Networks.Seed462Net.ImportSafetensors(new MemoryStream(Build(Tensors(FixtureParameters, "F32").Reverse())), imported);
        Assert.Equal(FixtureParameters, imported);
    }

    [Fact]
    public void Generated_export_and_import_round_trip_a_network_with_running_statistics()
    {
        float[] parameters = RandomData.Uniform(new Random(8), Networks.ChannelNormNet.ParameterCount, 1.0);
        float[] state = RandomData.Uniform(new Random(9), Networks.ChannelNormNet.StateCount, 1.0);
        using var stream = new MemoryStream();
        Networks.ChannelNormNet.ExportSafetensors(stream, parameters, state);

        var importedParameters = new float[parameters.Length];
        var importedState = new float[state.Length];
        stream.Position = 0;
        Networks.ChannelNormNet.ImportSafetensors(stream, importedParameters, importedState);

        Assert.Equal(parameters, importedParameters);
        Assert.Equal(state, importedState);
    }

    [Theory]
    [InlineData("F64")]
    [InlineData("F16")]
    [InlineData("BF16")]
    public void Converts_other_float_dtypes(string dtype)
    {
        // Multiples of 1/64 below 4 are exact in every one of these formats.
        float[] values = Enumerable.Range(0, 44).Select(i => (i - 22) / 64f * 5f).ToArray();
        float[] imported = new float[44];

        SafeTensors.Import(new MemoryStream(Build(Tensors(values, dtype))), "half.safetensors", Seed462, imported, Span<float>.Empty);

        Assert.Equal(values, imported);
    }

    [Fact]
    public void Export_then_import_round_trips_parameters_and_state()
    {
        TensorSlot[] slots =
        [
            new("0.weight", 1, "weights", [3, 2], isState: false, offset: 0),
            new("0.bias", 1, "biases", [3], isState: false, offset: 6),
            new("1.weight", 2, "gamma", [3], isState: false, offset: 9),
            new("1.bias", 2, "beta", [3], isState: false, offset: 12),
            new("1.running_mean", 2, "running mean", [3], isState: true, offset: 0),
            new("1.running_var", 2, "running variance", [3], isState: true, offset: 3),
        ];
        float[] parameters = RandomData.Uniform(new Random(3), 15, 1.0);
        parameters[2] = -0f;
        float[] state = RandomData.Uniform(new Random(4), 6, 1.0);
        using var stream = new MemoryStream();
        SafeTensors.Export(stream, slots, parameters, state);
        Assert.Equal(0, (BinaryPrimitives.ReadInt64LittleEndian(stream.ToArray()) + 8) % 8); // data 8-byte aligned

        var importedParameters = new float[15];
        var importedState = new float[6];
        stream.Position = 0;
        SafeTensors.Import(stream, "exported", slots, importedParameters, importedState);

        Assert.Equal(parameters.Select(BitConverter.SingleToInt32Bits), importedParameters.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(state, importedState);
    }

    [Fact]
    public void Orders_modules_naturally_and_skips_batch_counters()
    {
        TensorSlot[] slots = Enumerable.Range(0, 12).Select(i => new TensorSlot($"{i}.weight", i + 1, "weights", [1], isState: false, offset: i)).ToArray();
        var tensors = Enumerable.Range(0, 12).Select(i => new Tensor($"{i}.weight", "F32", [1], Floats([i]))).ToList();
        tensors.Add(new Tensor("3.num_batches_tracked", "I64", [], new byte[8]));
        var imported = new float[12];

        SafeTensors.Import(new MemoryStream(Build(tensors.OrderBy(t => t.Name, StringComparer.Ordinal))), "many", slots, imported, Span<float>.Empty);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => (float)i), imported);
    }

    [Fact]
    public void A_name_map_imports_modules_named_otherwise()
    {
        var names = new Dictionary<string, string> { ["0.weight"] = "fc1.weight", ["0.bias"] = "fc1.bias", ["2.weight"] = "head.weight", ["2.bias"] = "head.bias" };
        var renamed = Tensors(FixtureParameters, "F32").Select(t => t with { Name = names[t.Name] }).Append(new Tensor("unused.weight", "F32", [1], Floats([7f])));
        var imported = new float[44];

        SafeTensors.Import(new MemoryStream(Build(renamed)), "named", Seed462, imported, Span<float>.Empty, names);

        Assert.Equal(FixtureParameters, imported);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "too short", "8-byte header length" },
        { "header length past the end", "past the end of the file" },
        { "not JSON", "not valid JSON" },
        { "unknown dtype", "unknown dtype 'F33'" },
        { "integer dtype", "only F32, F64, F16 and BF16" },
        { "offsets past the data", "outside the" },
        { "offsets reversed", "outside the" },
        { "overlapping tensors", "overlap" },
        { "length does not match the shape", "but its data_offsets span" },
        { "missing tensor", "there is no tensor '2.bias' for layer 2's biases" },
        { "extra tensor", "tensor '4.weight' has no place in the network" },
        { "fewer tensors named otherwise", "none is left for layer 2's biases" },
        { "more tensors named otherwise", "'m4.weight' and any after it have no layer" },
        { "transposed weights", "tensor '0.weight' has shape [4, 6], but layer 1's weights (0.weight) must have shape [6, 4]" },
        { "duplicate name", "appears twice" },
        { "negative shape", "not a whole number" },
        { "name not valid UTF-8", "not valid UTF-8" },
        { "name with a lone surrogate", "not valid UTF-8" },
        { "text after the JSON object", "not valid JSON" },
        { "hole in the data", "bytes 0 to 4 of the data belong to no tensor (a hole before '0.bias')" },
        { "bytes after the last tensor", "4 bytes belong to no tensor" },
        { "NaN value", "tensor '2.weight' holds NaN at index 3" },
        { "infinite value", "tensor '0.bias' holds -Infinity at index 0" },
        { "F64 beyond float", "beyond float's range" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Rejects_malformed_files_naming_the_file_and_leaves_the_parameters_untouched(string problem, string expectedMessage)
    {
        byte[] file = MalformedFile(problem);
        float[] parameters = Enumerable.Repeat(42f, 44).ToArray();
        string path = Path.Combine(Path.GetTempPath(), $"staticnet-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, file);
        try
        {
            var error = Assert.Throws<WeightFileException>(() => SafeTensors.Import(path, Seed462, parameters, Span<float>.Empty));

            Assert.Contains(expectedMessage, error.Message);
            Assert.Contains(path, error.Message);
            Assert.All(parameters, value => Assert.Equal(42f, value));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Non_finite_values_are_imported_only_when_allowed()
    {
        float[] values = (float[])FixtureParameters.Clone();
        values[5] = float.NaN;
        values[43] = float.PositiveInfinity;
        float[] imported = new float[44];

        SafeTensors.Import(new MemoryStream(Build(Tensors(values, "F32"))), "nan.safetensors", Seed462, imported, Span<float>.Empty, allowNonFinite: true);

        Assert.Equal(values, imported);
    }

    [Fact]
    public void Unreadable_sources_are_weight_file_errors_and_null_ones_argument_errors()
    {
        string missing = Path.Combine(Path.GetTempPath(), $"staticnet-{Guid.NewGuid():N}", "model.safetensors");
        var imported = new float[44];

        Assert.Contains("does not exist", Assert.Throws<WeightFileException>(() => SafeTensors.Import(missing, Seed462, imported, Span<float>.Empty)).Message);
        Assert.Contains("cannot be read", Assert.Throws<WeightFileException>(() => SafeTensors.Import(Path.GetTempPath(), Seed462, imported, Span<float>.Empty)).Message);
        Assert.Contains("reading it failed", Assert.Throws<WeightFileException>(
            () => SafeTensors.Import(new FailingReadStream(), "socket", Seed462, imported, Span<float>.Empty)).Message);
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Import((Stream)null!, "stream", Seed462, imported, Span<float>.Empty));
        Assert.Throws<ArgumentNullException>(() => Networks.Seed462Net.ImportSafetensors((string)null!, imported));
    }

    private static byte[] MalformedFile(string problem)
    {
        List<Tensor> good = Tensors(FixtureParameters, "F32").ToList();
        switch (problem)
        {
            case "too short":
                return [1, 2, 3];
            case "header length past the end":
            {
                byte[] file = Build(good);
                BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)file.Length);
                return file;
            }

            case "not JSON":
                return Raw("{\"0.weight\": {\"dtype\": \"F32\",", []);
            case "unknown dtype":
                return Build(good.Select(t => t.Name == "0.bias" ? t with { DType = "F33" } : t));
            case "integer dtype":
                return Build(good.Select(t => t.Name == "0.bias" ? t with { DType = "I32" } : t));
            case "offsets past the data":
                return Build(good, overrideOffsets: ("2.bias", 160, 200));
            case "offsets reversed":
                return Build(good, overrideOffsets: ("2.bias", 168, 160));
            case "overlapping tensors":
                return Build(good, overrideOffsets: ("2.bias", 4, 12));
            case "length does not match the shape":
                return Build(good.Select(t => t.Name == "0.bias" ? t with { Shape = [5] } : t));
            case "missing tensor":
                return Build(good.Where(t => t.Name != "2.bias"));
            case "extra tensor":
                return Build(good.Append(new Tensor("4.weight", "F32", [1], Floats([1f]))));
            case "fewer tensors named otherwise":
                return Build(good.Where(t => t.Name != "2.bias").Select(t => t with { Name = "m" + t.Name }));
            case "more tensors named otherwise":
                return Build(good.Append(new Tensor("4.weight", "F32", [1], Floats([1f]))).Select(t => t with { Name = "m" + t.Name }));
            case "transposed weights":
                return Build(good.Select(t => t.Name == "0.weight" ? t with { Shape = [4, 6] } : t));
            case "duplicate name":
                return Raw("{\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
            case "negative shape":
                return Raw("{\"0.bias\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", new byte[4]);
            case "name not valid UTF-8":
            {
                byte[] file = Build(good);
                file[Array.IndexOf(file, (byte)'w')] = 0xFF; // the 'w' of the first "weight" becomes a byte no UTF-8 text has
                return file;
            }

            case "name with a lone surrogate":
                return Raw("{\"0.b\\ud800\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]);
            case "text after the JSON object":
                return Raw("{\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}} {}", new byte[4]);
            case "hole in the data":
                return Raw("{\"0.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]);
            case "bytes after the last tensor":
            {
                byte[] file = Build(good);
                return [.. file, 0, 0, 0, 0];
            }

            case "NaN value":
            {
                float[] values = (float[])FixtureParameters.Clone();
                values[30 + 3] = float.NaN;
                return Build(Tensors(values, "F32"));
            }

            case "infinite value":
            {
                float[] values = (float[])FixtureParameters.Clone();
                values[24] = float.NegativeInfinity;
                return Build(Tensors(values, "F32"));
            }

            case "F64 beyond float":
            {
                List<Tensor> wide = Tensors(FixtureParameters, "F64").ToList();
                BinaryPrimitives.WriteDoubleLittleEndian(wide[0].Data, 1e300);
                return Build(wide);
            }

            default:
                throw new ArgumentException(problem);
        }
    }

    private sealed record Tensor(string Name, string DType, int[] Shape, byte[] Data);

    /// <summary>The seed network's tensors from a flat parameter vector, encoded as <paramref name="dtype"/>.</summary>
    private static IEnumerable<Tensor> Tensors(float[] parameters, string dtype) =>
        Seed462.Select(slot => new Tensor(slot.Name, dtype, slot.Shape, Encode(parameters.AsSpan(slot.Offset, slot.Count).ToArray(), dtype)));

    private static byte[] Encode(float[] values, string dtype) => dtype switch
    {
        "F32" => Floats(values),
        "F64" => values.SelectMany(v => BitConverter.GetBytes((double)v)).ToArray(),
        "F16" => values.SelectMany(v => BitConverter.GetBytes((Half)v)).ToArray(),
        "BF16" => values.SelectMany(v => BitConverter.GetBytes((ushort)(BitConverter.SingleToUInt32Bits(v) >> 16))).ToArray(),
        _ => throw new ArgumentException(dtype),
    };

    private static byte[] Floats(float[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>A safetensors file of the tensors, data in the order given; optionally one tensor's offsets replaced.</summary>
    private static byte[] Build(IEnumerable<Tensor> tensors, (string Name, long Begin, long End)? overrideOffsets = null)
    {
        var header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        var data = new MemoryStream();
        foreach (Tensor tensor in tensors)
        {
            long begin = data.Length;
            data.Write(tensor.Data);
            long end = data.Length;
            if (overrideOffsets is { } replaced && replaced.Name == tensor.Name)
            {
                (begin, end) = (replaced.Begin, replaced.End);
            }

            header.Append($",\"{tensor.Name}\":{{\"dtype\":\"{tensor.DType}\",\"shape\":[{string.Join(",", tensor.Shape)}],\"data_offsets\":[{begin},{end}]}}");
        }

        return Raw(header.Append('}').ToString(), data.ToArray());
    }

    private static byte[] Raw(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + json.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)json.Length);
        json.CopyTo(file, 8);
        data.CopyTo(file, 8 + json.Length);
        return file;
    }
}
