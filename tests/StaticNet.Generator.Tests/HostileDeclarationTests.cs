using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// Legal but unusual declarations that once gave raw compiler errors in generated code, or broke the generator for the
/// whole project: each now compiles cleanly or gets an SN diagnostic on the user's code.
/// </summary>
public class HostileDeclarationTests
{
    private const string Layers = "[Network]\n[Input(4)]\n[Dense(3, Activation.ReLU)]\n[Dense(2)]\n";

    [Fact]
    public void Keyword_names_for_the_namespace_the_network_and_its_outer_type_compile_and_keep_other_networks()
    {
        // Once: the hint name "@event.Net.g.cs" was invalid (CS8785), and every network of the project lost its code.
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\nnamespace @event.@checked { public partial class @static { " + Layers + "public partial class @class { } } }\n",
            "using StaticNet;\nnamespace Plain;\n" + Layers + "public partial class Other { }\n",
            "using StaticNet;\nnamespace Ünïcødé;\n" + Layers + "public partial class Netzwerk_ß { }\n");

        Assert.Empty(result.DriverDiagnostics);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Equal(["Plain.Other.g.cs", "event.checked.static.class.g.cs", "Ünïcødé.Netzwerk_ß.g.cs"], result.Sources.Keys.Order(System.StringComparer.Ordinal));
        string source = result.Sources["event.checked.static.class.g.cs"];
        Assert.Contains("namespace @event.@checked", source);
        Assert.Contains("public @class(int seed)", source);
    }

    [Theory]
    [InlineData("public const int InputSize = 4;", "InputSize")]
    [InlineData("public static int ParameterCount;", "ParameterCount")]
    [InlineData("public static string Summary => \"mine\";", "Summary")]
    [InlineData("public class Layer2 { }", "Layer2")]
    [InlineData("public int Forward;", "Forward")]
    [InlineData("public static void Forward(System.ReadOnlySpan<float> p, System.ReadOnlySpan<float> i, System.Span<float> o) { }", "Forward")]
    [InlineData("public static void Initialize(System.Span<float> p, int seed) { }", "Initialize")]
    [InlineData("public void SaveWeights(string path, System.ReadOnlySpan<float> values) { }", "SaveWeights")]
    [InlineData("public static object TensorSlots() => null!;", "TensorSlots")]
    public void A_member_with_a_generated_name_and_shape_is_reported_on_the_member(string member, string name)
    {
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n{Layers}public partial class Net {{ {member} }}\n");

        string underlined = DiagnosticAssert.Reported(result, "SN0037", DiagnosticSeverity.Error, $"'Net' declares '{name}'");
        Assert.Equal(name, underlined);
        Assert.Empty(result.Sources);
        Assert.DoesNotContain(result.Output.GetDiagnostics(), d => d.Id.StartsWith("CS", System.StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
    }

    [Theory]
    [InlineData("public static void Forward(float[] input) { }")]
    [InlineData("public static int Initialize() => 0;")]
    [InlineData("public static T Backward<T>(T value) => value;")]
    [InlineData("public static void Layer0() { }")]
    [InlineData("public static int Layer1x;")]
    public void An_overload_or_a_merely_similar_name_is_fine(string member)
    {
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n{Layers}public partial class Net {{ {member} }}\n");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Single(result.Sources);
    }

    [Fact]
    public void A_base_class_member_the_network_would_hide_is_reported_on_the_network()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\npublic class ModelBase { public static string Summary => \"base\"; }\n" + Layers + "public partial class Net : ModelBase { }\n");

        string underlined = DiagnosticAssert.Reported(result, "SN0038", DiagnosticSeverity.Error, "'Net' inherits 'Summary' from 'ModelBase'");
        Assert.Equal("Network", underlined);
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void An_inherited_instance_member_name_leaves_out_the_instance_members_as_a_declared_one_does()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\npublic class Model { public void Save(string path) { } }\n" + Layers + "public partial class Net : Model { }\n");

        DiagnosticAssert.Reported(result, "SN0021", DiagnosticSeverity.Warning, "it inherits a member named 'Save' from 'Model'");
        Assert.DoesNotContain(result.CompilationProblems, d => d.Id != "SN0021");
        Assert.DoesNotContain("INetwork", Assert.Single(result.Sources).Value);
    }

    [Fact]
    public void A_network_deriving_from_a_network_is_reported_once_instead_of_dozens_of_compiler_errors()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\n" + Layers + "public partial class Small { }\n" + Layers + "public partial class Big : Small { }\n");

        DiagnosticAssert.Reported(result, "SN0039", DiagnosticSeverity.Error, "'Big' derives from network 'Small'");
        Assert.Equal(["Demo.Small.g.cs"], result.Sources.Keys);
        Assert.Empty(result.DiagnosticsInGeneratedCode);
    }

    [Fact]
    public void CSharp_7_3_is_reported_and_every_version_from_8_compiles_with_nullable_on_or_off()
    {
        string source = "using StaticNet;\nnamespace Demo {\n" + Layers + "public partial class Net { }\n}\n";

        GeneratorResult old = GeneratorHarness.Run(LanguageVersion.CSharp7_3, NullableContextOptions.Disable, DocumentationMode.Diagnose, [source]);
        DiagnosticAssert.Reported(old, "SN0036", DiagnosticSeverity.Error, "compiles C# 7.3");
        Assert.Empty(old.Sources);
        Assert.Empty(old.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error && d.Id != "SN0036"));

        foreach (LanguageVersion version in new[] { LanguageVersion.CSharp8, LanguageVersion.CSharp9, LanguageVersion.CSharp10, LanguageVersion.CSharp11, LanguageVersion.CSharp12, LanguageVersion.Latest })
        {
            foreach (NullableContextOptions nullable in new[] { NullableContextOptions.Disable, NullableContextOptions.Enable })
            {
                GeneratorResult result = GeneratorHarness.Run(version, nullable, DocumentationMode.Diagnose, [source]);
                Assert.Empty(result.GeneratorDiagnostics);
                // Documentation comments are checked too (as with GenerateDocumentationFile): the user's own undocumented
                // type is warned about, the generated code must have nothing to warn about.
                Assert.True(!result.DiagnosticsInGeneratedCode.Any(), $"C# {version}, nullable {nullable}: {string.Join("; ", result.DiagnosticsInGeneratedCode.Take(3))}");
                Assert.All(result.CompilationProblems, problem => Assert.Equal("CS1591", problem.Id));
                Assert.Single(result.Sources);
            }
        }
    }

    [Fact]
    public void Every_member_the_generator_writes_has_a_name_the_parser_watches_for()
    {
        // The clash check only looks at user members whose names are on GeneratedMemberNames' list; a generated member
        // missing from it would slip past as a raw compiler error. The snapshots cover every kind of member written.
        string snapshots = Path.Combine(Path.GetDirectoryName(ThisFile())!, "Snapshots");
        string[] files = Directory.GetFiles(snapshots, "*.verified.cs");
        Assert.True(files.Length >= 5);
        foreach (string file in files)
        {
            SyntaxNode root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            TypeDeclarationSyntax network = root.DescendantNodes().OfType<TypeDeclarationSyntax>().First(type => type.Members.OfType<FieldDeclarationSyntax>().Any());
            foreach (MemberDeclarationSyntax member in network.Members)
            {
                string? name = member switch
                {
                    MethodDeclarationSyntax { ExplicitInterfaceSpecifier: null } method => method.Identifier.ValueText,
                    PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property => property.Identifier.ValueText,
                    FieldDeclarationSyntax field => field.Declaration.Variables.Single().Identifier.ValueText,
                    BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                    _ => null,
                };
                Assert.True(name is null || Parsing.GeneratedMemberNames.Contains(name), $"{Path.GetFileName(file)}: '{name}' is not in GeneratedMemberNames.");
            }
        }
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;

    [Theory]
    [InlineData(16383, false)] // 268,419,072 weights + 16,383 biases: one value under 2^28
    [InlineData(16384, true)]
    public void Networks_too_large_to_save_are_refused_at_the_storage_limit(int units, bool refused)
    {
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n[Network]\n[Input(16384)]\n[Dense({units})]\npublic partial class Huge {{ }}\n");

        if (refused)
        {
            DiagnosticAssert.Reported(result, "SN0040", DiagnosticSeverity.Error, "more than the 268435456 (1 GiB of float32)");
            Assert.Empty(result.Sources);
        }
        else
        {
            Assert.Empty(result.GeneratorDiagnostics);
            Assert.Single(result.Sources);
        }
    }
}
