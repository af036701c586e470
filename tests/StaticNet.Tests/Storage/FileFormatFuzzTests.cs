using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using StaticNet.Storage;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace StaticNet.Tests.Storage;

/// <summary>
/// Seeded attacks on the two file formats StaticNet reads: every truncation, random bit and byte changes, insertions
/// and deletions, and hostile headers. Whatever the bytes, the only exception that may escape is
/// <see cref="WeightFileException"/>, and a refused file leaves the parameters and state exactly as they were.
/// A weight file is covered end to end by its checks and checksum, so every change to it must be refused.
/// </summary>
[Trait(RuntimeBuild.Trait, RuntimeBuild.SameOnEither)]
public class FileFormatFuzzTests(ITestOutputHelper output)
{
    private const int CasesPerFormat = 5_000;

    private static readonly float[] Parameters = RandomData.Uniform(new Random(11), ChannelNormNet.ParameterCount, 1.0);
    private static readonly float[] State = RandomData.Uniform(new Random(12), ChannelNormNet.StateCount, 1.0);

    [Fact]
    public void Damaged_weight_files_are_always_refused_with_the_spans_untouched()
    {
        using var saved = new MemoryStream();
        ChannelNormNet.SaveWeights(saved, Parameters, State);
        byte[] original = saved.ToArray();
        var random = new Random(20261201);
        int refused = 0;
        foreach (byte[] damaged in Damage(original, random, CasesPerFormat))
        {
            bool loaded = TryLoad(damaged, (bytes, parameters, state) => ChannelNormNet.LoadWeights(new MemoryStream(bytes), parameters, state, "fuzz.snw"));
            Assert.False(loaded && !damaged.AsSpan().SequenceEqual(original), $"a damaged weight file loaded: {Describe(damaged, original)}");
            refused += loaded ? 0 : 1;
        }

        output.WriteLine($"{CasesPerFormat} damaged weight files of {original.Length} bytes: {refused} refused.");
        Assert.True(refused >= CasesPerFormat - 5, "nearly every case changes the file");
    }

    [Fact]
    public void Damaged_and_hostile_safetensors_files_only_ever_raise_weight_file_errors()
    {
        using var exported = new MemoryStream();
        ChannelNormNet.ExportSafetensors(exported, Parameters, State);
        byte[] original = exported.ToArray();
        var random = new Random(20261202);
        int refused = 0, loaded = 0;
        IEnumerable<byte[]> cases = Damage(original, random, CasesPerFormat / 2).Concat(HostileHeaders(original, random, CasesPerFormat / 2));
        foreach (byte[] damaged in cases)
        {
            bool ok = TryLoad(damaged, (bytes, parameters, state) => ChannelNormNet.ImportSafetensors(new MemoryStream(bytes), parameters, state, source: "fuzz.safetensors"));
            loaded += ok ? 1 : 0;
            refused += ok ? 0 : 1;
        }

        // Without a checksum, a changed value in the data is a different but valid file: those load.
        output.WriteLine($"{CasesPerFormat} damaged or hostile safetensors files: {refused} refused, {loaded} loaded.");
        Assert.True(refused > CasesPerFormat * 3 / 4, "most cases must hit a check");
    }

    /// <summary>Runs a load into spans of sevens; false when it threw <see cref="WeightFileException"/>, which must leave them as they were.</summary>
    private static bool TryLoad(byte[] bytes, Action<byte[], float[], float[]> load)
    {
        float[] parameters = Enumerable.Repeat(7f, ChannelNormNet.ParameterCount).ToArray();
        float[] state = Enumerable.Repeat(7f, ChannelNormNet.StateCount).ToArray();
        try
        {
            load(bytes, parameters, state);
            return true;
        }
        catch (WeightFileException exception)
        {
            Assert.StartsWith("Cannot load weights from 'fuzz.", exception.Message, StringComparison.Ordinal);
            Assert.All(parameters, value => Assert.Equal(7f, value));
            Assert.All(state, value => Assert.Equal(7f, value));
            return false;
        }
        catch (Exception exception)
        {
            Assert.Fail($"{exception.GetType().Name} escaped instead of WeightFileException: {exception.Message}\nfile: {Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 400)))}");
            return false;
        }
    }

    /// <summary>
    /// <paramref name="count"/> damaged copies: first every truncation (as many as fit), then bit flips, byte changes,
    /// insertions, deletions and swapped spans, one to three of them per copy.
    /// </summary>
    private static IEnumerable<byte[]> Damage(byte[] original, Random random, int count)
    {
        int truncations = Math.Min(original.Length, count / 4);
        for (int i = 0; i < truncations; i++)
        {
            yield return original[..(i * original.Length / truncations)];
        }

        for (int i = truncations; i < count; i++)
        {
            var bytes = new List<byte>(original);
            int edits = 1 + random.Next(3);
            for (int edit = 0; edit < edits && bytes.Count > 0; edit++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0:
                        bytes[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        bytes[at] = (byte)random.Next(256);
                        break;
                    case 2:
                        bytes.Insert(at, (byte)random.Next(256));
                        break;
                    case 3:
                        bytes.RemoveRange(at, Math.Min(1 + random.Next(8), bytes.Count - at));
                        break;
                    default:
                        int other = random.Next(bytes.Count);
                        (bytes[at], bytes[other]) = (bytes[other], bytes[at]);
                        break;
                }
            }

            yield return bytes.ToArray();
        }
    }

    /// <summary>Files whose JSON header is rewritten: hostile numbers, types, names, structure and header lengths.</summary>
    private static IEnumerable<byte[]> HostileHeaders(byte[] original, Random random, int count)
    {
        int headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        string header = Encoding.UTF8.GetString(original, 8, headerLength);
        byte[] data = original[(8 + headerLength)..];
        string[] numbers = ["-1", "0", "1", "4294967296", "9223372036854775807", "18446744073709551616", "1e400", "1.5", "-0", "NaN", "\"8\"", "null", "[]", "{}"];
        string[] values = ["\"F32\"", "\"F64\"", "\"I8\"", "\"F33\"", "\"\"", "1", "null", "[1,2]", "{\"a\":1}", "true", "\"\\ud800\"", "\"\\u0000\""];
        string[] tokens = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\"__metadata__\"", "\u00e9", "\ud83d\ude00", "/*", "//"];
        for (int i = 0; i < count; i++)
        {
            string text = header;
            int edits = 1 + random.Next(3);
            for (int edit = 0; edit < edits; edit++)
            {
                text = random.Next(4) switch
                {
                    0 => ReplaceOne(text, random, @"-?\d+", numbers[random.Next(numbers.Length)]),
                    1 => ReplaceOne(text, random, "\"(F32|pt)\"", values[random.Next(values.Length)]),
                    2 => ReplaceOne(text, random, "\"[^\"]+\"(?=:\\{)", "\"" + RandomName(random) + "\""),
                    _ => text.Insert(random.Next(text.Length + 1), tokens[random.Next(tokens.Length)]),
                };
            }

            byte[] json = Encoding.UTF8.GetBytes(text);
            ulong length = random.Next(10) switch
            {
                0 => (ulong)json.Length + (ulong)random.Next(1, 64),
                1 => (ulong)Math.Max(0, json.Length - random.Next(1, 64)),
                2 => ulong.MaxValue - (ulong)random.Next(8),
                3 => (ulong)int.MaxValue + 1,
                _ => (ulong)json.Length,
            };
            var file = new byte[8 + json.Length + data.Length];
            BinaryPrimitives.WriteUInt64LittleEndian(file, length);
            json.CopyTo(file, 8);
            data.CopyTo(file, 8 + json.Length);
            yield return file;
        }
    }

    private static string ReplaceOne(string text, Random random, string pattern, string replacement)
    {
        System.Text.RegularExpressions.MatchCollection matches = System.Text.RegularExpressions.Regex.Matches(text, pattern);
        if (matches.Count == 0)
        {
            return text;
        }

        System.Text.RegularExpressions.Match match = matches[random.Next(matches.Count)];
        return text[..match.Index] + replacement + text[(match.Index + match.Length)..];
    }

    private static string RandomName(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => new string('x', random.Next(1, 5000)),
        2 => "0.weight",
        _ => "layers." + random.Next(-5, 100) + ".bias",
    };

    private static string Describe(byte[] damaged, byte[] original)
    {
        int first = 0;
        while (first < Math.Min(damaged.Length, original.Length) && damaged[first] == original[first])
        {
            first++;
        }

        return $"{damaged.Length} bytes (original {original.Length}), first difference at byte {first}";
    }
}
