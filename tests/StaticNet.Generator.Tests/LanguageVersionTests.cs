using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Unity compiles C# 9: the generated code must too. Every network the runtime tests declare (their declarations taken
/// out of the test files, which themselves use newer C#) is generated and compiled at C# 9, without a warning.
/// </summary>
public class LanguageVersionTests
{
    /// <summary>
    /// Attribute lines (comments and pragmas among them, a [Network] line first), then the class line of a network with an empty body or a block's static
    /// class with its constants, to its closing brace.
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
        List<string> declarations = Declarations(DeclaringFiles().Single(path => Path.GetFileName(path) == file));
        string source = "using StaticNet;\n\nnamespace Unity.Game\n{\n" + string.Join("\n\n", declarations) + "\n}\n";

        GeneratorResult result = GeneratorHarness.Run(LanguageVersion.CSharp9, NullableContextOptions.Enable, DocumentationMode.Parse, [source]);

        // The declarations' own warnings (a pragma disables one) are not the generated code's: errors only.
        Assert.Empty(result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(result.CompilationProblems);
    }

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
