using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Unity compiles C# 9 with Roslyn 4.3: the generated code must compile there, and the generator's 4.3 build must write
/// it. Every network the runtime tests declare (their declarations taken out of the test files, which themselves use
/// newer C#) is generated and compiled at C# 9, without a warning, and generated again by the 4.3 build in a Roslyn
/// 4.3.1 compilation, to the same text.
/// </summary>
public class LanguageVersionTests
{
    /// <summary>
    /// Attribute lines (pragmas among them, comments too but not first), then the class line of a network with an empty
    /// body or a block's static class with its constants, to its closing brace.
    /// </summary>
    private static readonly Regex Declaration = new(
        @"^((?:\[|#pragma )[^\n]*\n(?:(?:\[|#pragma |// )[^\n]*\n)*)((?:public |internal )?(?:sealed )?partial class \w+ \{ \}|public static class \w+\n\{\n(?:[^\n]*\n)*?\})",
        RegexOptions.Multiline);

    public static TheoryData<string> Files => new(DeclaringFiles().Select(path => Path.GetFileName(path)));

    [Fact]
    public void The_runtime_tests_declarations_are_found() =>
        Assert.True(DeclaringFiles().Sum(path => Declarations(path).Count) >= 90, "the runtime tests' network declarations were not found");

    [Theory]
    [MemberData(nameof(Files))]
    public void Generated_code_compiles_at_CSharp_9(string file)
    {
        string source = Source(DeclaringFiles().Single(path => Path.GetFileName(path) == file));

        GeneratorResult result = GeneratorHarness.Run(LanguageVersion.CSharp9, NullableContextOptions.Enable, DocumentationMode.Parse, [source]);

        // The declarations' own warnings (a pragma disables one) are not the generated code's: errors only.
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void The_Roslyn_4_3_build_run_by_a_Roslyn_4_3_compiler_writes_what_the_4_8_build_writes()
    {
        string work = Directory.CreateTempSubdirectory("staticnet-roslyn43-").FullName;
        try
        {
            string inputs = Directory.CreateDirectory(Path.Combine(work, "in")).FullName;
            var sources = DeclaringFiles().ToDictionary(path => Path.GetFileNameWithoutExtension(path), Source);
            foreach ((string name, string source) in sources)
            {
                File.WriteAllText(Path.Combine(inputs, name + ".cs"), source);
            }

            string runner = Path.Combine(
                DotNetCli.RepositoryRoot, "tests", "StaticNet.Generator.Roslyn43Run", "bin", DotNetCli.Configuration, "net10.0", "StaticNet.Generator.Roslyn43Run.dll");
            var start = new ProcessStartInfo("dotnet", [runner, typeof(Parallelism).Assembly.Location, inputs, Path.Combine(work, "out")])
            {
                RedirectStandardError = true,
            };
            using (Process process = Process.Start(start)!)
            {
                string errors = process.StandardError.ReadToEnd();
                process.WaitForExit();
                Assert.True(process.ExitCode == 0, errors);
            }

            int compared = 0;
            foreach ((string name, string source) in sources)
            {
                GeneratorResult latest = GeneratorHarness.Run(LanguageVersion.CSharp9, NullableContextOptions.Enable, DocumentationMode.Parse, [source]);
                string written = Path.Combine(work, "out", name);
                Assert.Equal(
                    latest.Sources.Keys.Order(StringComparer.Ordinal),
                    Directory.EnumerateFiles(written).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));
                foreach ((string hint, string text) in latest.Sources)
                {
                    Assert.True(text == File.ReadAllText(Path.Combine(written, hint)), $"{name}: {hint} differs between the Roslyn 4.3 and 4.8 builds.");
                    compared++;
                }

                Assert.Equal(
                    latest.GeneratorDiagnostics.Select(d => d.Id).Order(StringComparer.Ordinal),
                    File.ReadAllLines(written + ".diagnostics").Select(line => Regex.Match(line, @"\b(SN\d{4})\b").Groups[1].Value).Order(StringComparer.Ordinal));
            }

            Assert.True(compared >= 90, $"only {compared} generated files were compared");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A file's declarations as one source in a C# 9 namespace block.</summary>
    private static string Source(string path) =>
        "using StaticNet;\n\nnamespace Unity.Game\n{\n" + string.Join("\n\n", Declarations(path)) + "\n}\n";

    /// <summary>The declarations of one file, without those that bake a weight file (they need it beside them).</summary>
    private static List<string> Declarations(string path) =>
        Declaration.Matches(File.ReadAllText(path).ReplaceLineEndings("\n"))
            .Select(match => match.Groups[1].Value + match.Groups[2].Value)
            .Where(declaration => !declaration.Contains("Weights = \"", StringComparison.Ordinal))
            .ToList();

    private static IEnumerable<string> DeclaringFiles() =>
        Directory.EnumerateFiles(Path.Combine(DotNetCli.RepositoryRoot, "tests", "StaticNet.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(path => Declaration.IsMatch(File.ReadAllText(path).ReplaceLineEndings("\n")))
            .Order(StringComparer.Ordinal);
}
