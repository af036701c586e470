using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.Storage;

public sealed class WeightFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-weights-").FullName;
    private readonly float[] parameters = RandomData.Uniform(new Random(1), Seed462Net.ParameterCount, 1.0);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Round_trips_bit_exactly_through_a_file_a_stream_and_a_network_object()
    {
        string path = Path.Combine(directory, "net.snw");
        parameters[3] = float.Epsilon;
        parameters[4] = -0f;
        Seed462Net.SaveWeights(path, parameters);
        var fromFile = new float[Seed462Net.ParameterCount];
        Seed462Net.LoadWeights(path, fromFile);

        using var stream = new MemoryStream();
        Seed462Net.SaveWeights(stream, parameters);
        stream.Position = 0;
        var fromStream = new float[Seed462Net.ParameterCount];
        Seed462Net.LoadWeights(stream, fromStream);

        var network = new Seed462Net(parameters);
        network.Save(Path.Combine(directory, "object.snw"));
        Seed462Net reloaded = Seed462Net.Load(Path.Combine(directory, "object.snw"));

        int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
        Assert.Equal(Bits(parameters), Bits(fromFile));
        Assert.Equal(Bits(parameters), Bits(fromStream));
        Assert.Equal(Bits(parameters), Bits(reloaded.Parameters));
    }

    [Fact]
    public void Running_statistics_are_saved_after_the_parameters_and_restored()
    {
        var network = new ChannelNormNet(seed: 2);
        RandomData.Uniform(new Random(3), ChannelNormNet.StateCount, 1.0).Select(v => v + 1.5f).ToArray().CopyTo(network.State, 0);
        string path = Path.Combine(directory, "normalised.snw");
        network.Save(path);

        ChannelNormNet reloaded = ChannelNormNet.Load(path);
        byte[] bytes = File.ReadAllBytes(path);
        int stateStart = 28 + ChannelNormNet.Architecture.Length + (4 * ChannelNormNet.ParameterCount);

        Assert.Equal(network.Parameters, reloaded.Parameters);
        Assert.Equal(network.State, reloaded.State);
        Assert.Equal(ChannelNormNet.StateCount, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(network.State[0], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(stateStart)));
        float[] input = RandomData.Uniform(new Random(4), ChannelNormNet.InputSize, 1.0);
        Assert.Equal(network.Predict(input), reloaded.Predict(input));
    }

    [Fact]
    public void The_file_is_little_endian_with_the_documented_header()
    {
        using var stream = new MemoryStream();
        Seed462Net.SaveWeights(stream, parameters);
        byte[] bytes = stream.ToArray();
        int textLength = Seed462Net.Architecture.Length;

        Assert.Equal("SNWF"u8.ToArray(), bytes[..4]);
        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(1, bytes[6]);
        Assert.Equal(Seed462Net.ArchitectureFingerprint, BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(44, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(20)));
        Assert.Equal(textLength, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(24)));
        Assert.Equal(parameters[0], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(28 + textLength)));
        Assert.Equal(28 + textLength + (44 * 4) + 4, bytes.Length);
    }

    [Fact]
    public void The_architecture_text_names_every_layer()
    {
        Assert.Equal("input(4) Dense(6,ReLU)(6) Dense(2,Softmax)(2)", Seed462Net.Architecture);
        Assert.NotEqual(Seed462Net.ArchitectureFingerprint, Seed462TanhNet.ArchitectureFingerprint);
    }

    [Fact]
    public void A_file_of_another_architecture_is_refused_with_both_descriptions()
    {
        string path = Path.Combine(directory, "tanh.snw");
        Seed462TanhNet.SaveWeights(path, parameters);

        WeightFileException error = AssertRefused(() => Seed462Net.LoadWeights(path, Target()));

        Assert.Equal(path, error.FileName);
        Assert.Contains("saved from another architecture", error.Message);
        Assert.Contains("\"input(4) Dense(6,Tanh)(6) Dense(2,Softmax)(2)\"", error.Message);
        Assert.Contains("\"input(4) Dense(6,ReLU)(6) Dense(2,Softmax)(2)\"", error.Message);
    }

    [Theory]
    [InlineData(10, "shorter than the 28-byte header")]
    [InlineData(40, "truncated inside its architecture text")]
    [InlineData(100, "expected 176 bytes of values, found")]
    [InlineData(-2, "its checksum is missing")]
    public void A_truncated_file_is_refused(int keep, string problem)
    {
        byte[] bytes = Saved();
        byte[] truncated = bytes[..(keep >= 0 ? keep : bytes.Length + keep)];

        WeightFileException error = AssertRefused(() => Seed462Net.LoadWeights(new MemoryStream(truncated), Target(), "truncated.snw"));

        Assert.Contains(problem, error.Message);
        Assert.StartsWith("Cannot load weights from 'truncated.snw'", error.Message);
    }

    [Fact]
    public void A_wrong_magic_is_refused()
    {
        byte[] bytes = Saved();
        bytes[0] = (byte)'X';

        Assert.Contains("not a StaticNet weight file", AssertRefused(() => Load(bytes)).Message);
    }

    [Fact]
    public void Another_format_version_is_refused()
    {
        byte[] bytes = Saved();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), 2);

        Assert.Contains("format version 2; this library reads version 1", AssertRefused(() => Load(bytes)).Message);
    }

    [Fact]
    public void A_count_that_does_not_match_is_refused()
    {
        using var stream = new MemoryStream();
        WeightFile.Write(stream, Seed462Net.Architecture, Seed462Net.ArchitectureFingerprint, new float[43], ReadOnlySpan<float>.Empty);

        Assert.Contains("holds 43 parameters and 0 state values; this network has 44 and 0", AssertRefused(() => Load(stream.ToArray())).Message);
    }

    [Fact]
    public void A_corrupted_value_fails_the_checksum()
    {
        byte[] bytes = Saved();
        bytes[^10] ^= 0x40;

        Assert.Contains("checksum does not match", AssertRefused(() => Load(bytes)).Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        string path = Path.Combine(directory, "missing.snw");

        WeightFileException error = AssertRefused(() => Seed462Net.LoadWeights(path, Target()));

        Assert.Contains("does not exist", error.Message);
        Assert.Equal(path, error.FileName);
    }

    [Fact]
    public void Values_are_written_in_pieces_and_read_back_bit_exactly()
    {
        // The writer copies values in pieces of 4,096 (a span of more than 2^29 floats has more bytes than an int
        // counts); 10,007 values end in a partial piece.
        float[] values = RandomData.Uniform(new Random(5), 10_007, 1e3);
        using var stream = new MemoryStream();
        WeightFile.Write(stream, "wide", 42UL, values, values.AsSpan(0, 3));
        stream.Position = 0;
        var read = new float[values.Length];
        var state = new float[3];

        WeightFile.Read(stream, "wide.snw", "wide", 42UL, read, state);

        Assert.Equal(values, read);
        Assert.Equal(values[..3], state);
    }

    [Fact]
    public void A_reserved_byte_that_is_not_zero_is_refused()
    {
        byte[] bytes = Saved();
        bytes[7] = 1;

        Assert.Contains("reserved byte 7 is 1, not 0", AssertRefused(() => Load(bytes)).Message);
    }

    [Fact]
    public void Bytes_after_the_checksum_are_refused_from_a_stream_and_a_file()
    {
        byte[] bytes = [.. Saved(), 0];
        string path = Path.Combine(directory, "two-files-in-one.snw");
        File.WriteAllBytes(path, bytes);

        Assert.Contains("goes on after its checksum", AssertRefused(() => Load(bytes)).Message);
        Assert.Contains("goes on after its checksum", AssertRefused(() => Seed462Net.LoadWeights(path, Target())).Message);
    }

    [Fact]
    public void Every_way_a_path_cannot_be_read_is_a_weight_file_error_naming_it()
    {
        string noDirectory = Path.Combine(directory, "no-such-folder", "model.snw");
        Assert.Contains("does not exist", AssertRefused(() => Seed462Net.LoadWeights(noDirectory, Target())).Message);

        // A folder where the file should be: the operating system refuses to open it (UnauthorizedAccessException).
        WeightFileException folder = AssertRefused(() => Seed462Net.LoadWeights(directory, Target()));
        Assert.Contains("cannot be opened", folder.Message);
        Assert.Equal(directory, folder.FileName);
        Assert.NotNull(folder.InnerException);

        WeightFileException failing = AssertRefused(() => Seed462Net.LoadWeights(new FailingReadStream(), Target(), "socket"));
        Assert.Contains("reading it failed: Connection reset by peer", failing.Message);
    }

    [Fact]
    public void Null_paths_and_streams_are_argument_errors()
    {
        Assert.Throws<ArgumentNullException>(() => Seed462Net.LoadWeights((string)null!, Target()));
        Assert.Throws<ArgumentNullException>(() => Seed462Net.LoadWeights((Stream)null!, Target()));
        Assert.Throws<ArgumentNullException>(() => Seed462Net.SaveWeights((Stream)null!, parameters));
        Assert.Throws<ArgumentNullException>(() => Seed462Net.SaveWeights((string)null!, parameters));
    }

    private float[] target = [];

    private float[] Target() => target = Enumerable.Repeat(7f, Seed462Net.ParameterCount).ToArray();

    private void Load(byte[] bytes) => Seed462Net.LoadWeights(new MemoryStream(bytes), Target(), "test.snw");

    private byte[] Saved()
    {
        using var stream = new MemoryStream();
        Seed462Net.SaveWeights(stream, parameters);
        return stream.ToArray();
    }

    /// <summary>Asserts the load throws and left the destination exactly as it was.</summary>
    private WeightFileException AssertRefused(Action load)
    {
        WeightFileException error = Assert.Throws<WeightFileException>(load);
        Assert.All(target, value => Assert.Equal(7f, value));
        return error;
    }
}
