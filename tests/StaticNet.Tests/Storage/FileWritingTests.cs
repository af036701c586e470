using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.Storage;

/// <summary>
/// The file-writing contract every writer shares (README, "Writing files"): validate before touching the destination,
/// write beside it under a unique name, flush, keep its permissions, move over it, clean up on any failure.
/// Each writer is checked at each failure point it can reach.
/// </summary>
public sealed class FileWritingTests : IDisposable
{
    private static readonly byte[] OldContents = "the user's previous model"u8.ToArray();

    private readonly string directory = Directory.CreateTempSubdirectory("staticnet-writing-").FullName;
    private readonly float[] parameters = RandomData.Uniform(new Random(3), Seed462Net.ParameterCount, 1.0);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>The public writers of a file by path.</summary>
    public static TheoryData<string> Writers => new() { "Save", "SaveWeights", "ExportSafetensors", "ToOnnx" };

    private static void Write(string writer, string path, float[] values)
    {
        switch (writer)
        {
            case "Save":
                new Seed462Net(values).Save(path);
                break;
            case "SaveWeights":
                Seed462Net.SaveWeights(path, values);
                break;
            case "ExportSafetensors":
                Seed462Net.ExportSafetensors(path, values);
                break;
            case "ToOnnx":
                Seed462Net.ToOnnx(values, path);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(writer), writer, "not a writer");
        }
    }

    private string[] FilesInDirectory() => Directory.GetFiles(directory).Select(Path.GetFileName).Order().ToArray()!;

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_span_of_the_wrong_length_leaves_the_existing_file_as_it_was(string writer)
    {
        string path = Path.Combine(directory, "model");
        File.WriteAllBytes(path, OldContents);

        var exception = Assert.Throws<ArgumentException>(() => Write(writer, path, new float[3]));

        Assert.Contains($"{Seed462Net.ParameterCount}", exception.Message);
        Assert.Equal(OldContents, File.ReadAllBytes(path));
        Assert.Equal(["model"], FilesInDirectory());
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void Replaces_the_file_keeps_its_permissions_and_leaves_nothing_else(string writer)
    {
        string path = Path.Combine(directory, "model");
        File.WriteAllBytes(path, OldContents);
        string unrelated = Path.Combine(directory, "model.tmp");
        File.WriteAllBytes(unrelated, OldContents);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Write(writer, path, parameters);

        Assert.NotEqual(OldContents, File.ReadAllBytes(path));
        Assert.Equal(OldContents, File.ReadAllBytes(unrelated));
        Assert.Equal(["model", "model.tmp"], FilesInDirectory());
        if (!OperatingSystem.IsWindows() && !RuntimeBuild.IsPortable) // netstandard2.1 reads no Unix file modes: the new file has the default ones
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Theory]
    [MemberData(nameof(Writers))]
    public void A_destination_that_cannot_be_replaced_fails_and_leaves_nothing_behind(string writer)
    {
        string path = Path.Combine(directory, "model");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => Write(writer, path, parameters));

        Assert.Empty(FilesInDirectory());
        Assert.True(Directory.Exists(path));
    }

    // netstandard2.1 reads no links.
    [Trait(RuntimeBuild.Trait, RuntimeBuild.Net8Only)]
    [Fact]
    public void A_symbolic_link_stays_a_link_to_the_replaced_file()
    {
        string target = Path.Combine(directory, "weights-v1.snw");
        string link = Path.Combine(directory, "current.snw");
        File.WriteAllBytes(target, OldContents);
        File.CreateSymbolicLink(link, target);

        Seed462Net.SaveWeights(link, parameters);

        Assert.NotNull(new FileInfo(link).LinkTarget);
        var loaded = new float[Seed462Net.ParameterCount];
        Seed462Net.LoadWeights(target, loaded);
        Assert.Equal(parameters, loaded);
        Assert.Equal(["current.snw", "weights-v1.snw"], FilesInDirectory());
    }

    [Theory]
    [InlineData(0, false)] // the disk is full from the first byte
    [InlineData(100, false)] // full half way through the values
    [InlineData(long.MaxValue, true)] // every write fits the buffer; flushing it to the disk fails, in Commit and again in Dispose
    public void A_full_disk_at_any_point_leaves_the_old_file_and_no_partial_one(long capacity, bool failOnFlush)
    {
        string path = Path.Combine(directory, "model.snw");
        File.WriteAllBytes(path, OldContents);

        string? temporary = null;
        var exception = Assert.Throws<IOException>(() =>
        {
            using var replacement = new FileReplacement(path, file => new FailingStream(file, capacity, failOnFlush));
            temporary = replacement.TemporaryPath;
            WeightFile.Write(replacement.Stream, Seed462Net.Architecture, Seed462Net.ArchitectureFingerprint, parameters, []);
            replacement.Commit();
        });

        Assert.Contains("No space left", exception.Message);
        Assert.False(File.Exists(temporary));
        Assert.Equal(OldContents, File.ReadAllBytes(path));
        Assert.Equal(["model.snw"], FilesInDirectory());
    }

    [Fact]
    public void The_partial_file_is_hidden_unique_and_beside_the_destination()
    {
        string path = Path.Combine(directory, "model.snw");
        using var first = new FileReplacement(path);
        using var second = new FileReplacement(path);

        Assert.NotEqual(first.TemporaryPath, second.TemporaryPath);
        Assert.Equal(directory, Path.GetDirectoryName(first.TemporaryPath));
        Assert.StartsWith(".model.snw.", Path.GetFileName(first.TemporaryPath), StringComparison.Ordinal);
    }

    [Fact]
    public void A_real_full_disk_leaves_the_old_file_and_no_partial_one()
    {
        // A one-page tmpfs holding the old file: the new file's first flush gets ENOSPC from the kernel. Mounting needs
        // root on Linux; elsewhere the injected full disk above covers the same paths.
        string mount = Path.Combine(directory, "small-disk");
        Directory.CreateDirectory(mount);
        if (!OperatingSystem.IsLinux() || !Run("mount", $"-t tmpfs -o size=4k tmpfs {mount}"))
        {
            return;
        }

        try
        {
            string path = Path.Combine(mount, "model.safetensors");
            File.WriteAllBytes(path, OldContents);

            Assert.ThrowsAny<IOException>(() => Seed462Net.ExportSafetensors(path, parameters));

            Assert.Equal(OldContents, File.ReadAllBytes(path));
            Assert.Equal(["model.safetensors"], Directory.GetFiles(mount).Select(file => Path.GetFileName(file)).ToArray());
        }
        finally
        {
            Run("umount", mount);
        }
    }

    private static bool Run(string command, string arguments)
    {
        try
        {
            using Process process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
