using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using StaticNet.CodeFixes;
using StaticNet.Generator.Diagnostics;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>
/// The IDE fixes for the two commonest mistakes: each turns the declaration into exactly the expected
/// text, and that text then compiles with no StaticNet diagnostic and no compiler error.
/// </summary>
public class CodeFixTests
{
    [Fact]
    public void Fixes_are_registered_for_the_generators_own_diagnostic_ids()
    {
        Assert.Equal(DiagnosticDescriptors.NotPartial.Id, Assert.Single(new MakePartialCodeFix().FixableDiagnosticIds));
        Assert.Equal(DiagnosticDescriptors.FlattenRequired.Id, Assert.Single(new InsertFlattenCodeFix().FixableDiagnosticIds));
    }

    [Theory]
    [InlineData(
        """
        using StaticNet;

        [Network]
        [Input(4)]
        [Dense(2)]
        public class Net { }
        """,
        """
        using StaticNet;

        [Network]
        [Input(4)]
        [Dense(2)]
        public partial class Net { }
        """)]
    [InlineData(
        "using StaticNet;\n[Network] [Input(4)] [Dense(2)]\nclass Net { }\n",
        "using StaticNet;\n[Network] [Input(4)] [Dense(2)]\npartial class Net { }\n")]
    [InlineData(
        "using StaticNet;\n[Network][Input(4)][Dense(2)] internal sealed class Net { }\n",
        "using StaticNet;\n[Network][Input(4)][Dense(2)] internal sealed partial class Net { }\n")]
    [InlineData(
        "using StaticNet;\n[Network] [Input(4)] [Dense(2)]\npublic sealed record Net;\n",
        "using StaticNet;\n[Network] [Input(4)] [Dense(2)]\npublic sealed partial record Net;\n")]
    [InlineData(
        """
        using StaticNet;

        public static class Models
        {
            [Network] [Input(4)] [Dense(2)]
            public partial class Net { }
        }
        """,
        """
        using StaticNet;

        public static partial class Models
        {
            [Network] [Input(4)] [Dense(2)]
            public partial class Net { }
        }
        """)]
    public async Task Make_partial_adds_the_modifier_where_CSharp_wants_it(string before, string after)
    {
        string fixedSource = await CodeFixHarness.ApplyFirstAsync(new MakePartialCodeFix(), before);

        Assert.Equal(after, fixedSource);
        AssertCompilesCleanly(fixedSource);
    }

    [Fact]
    public async Task Make_partial_names_each_declaration_and_fix_all_fixes_the_whole_nesting()
    {
        const string Source = """
            using StaticNet;

            namespace Game;

            public class Models
            {
                internal class Steering
                {
                    [Network] [Input(4)] [Dense(2)]
                    public class Net { }
                }
            }
            """;

        Assert.Equal(
            ["Make 'Models' partial", "Make 'Net' partial", "Make 'Steering' partial"],
            (await CodeFixHarness.OfferedTitlesAsync(new MakePartialCodeFix(), Source)).Order());

        string fixedSource = await CodeFixHarness.ApplyFixAllAsync(new MakePartialCodeFix(), Source);

        Assert.Equal(
            Source.Replace("public class", "public partial class").Replace("internal class", "internal partial class"), fixedSource);
        AssertCompilesCleanly(fixedSource);
    }

    [Theory]
    [InlineData(
        """
        using StaticNet;

        [Network]
        [Input(1, 8, 8)]
        [Dense(10)]
        public partial class Net { }
        """,
        """
        using StaticNet;

        [Network]
        [Input(1, 8, 8)]
        [Flatten]
        [Dense(10)]
        public partial class Net { }
        """)]
    [InlineData(
        "using StaticNet;\n[Network] [Input(1, 8, 8)] [Dense(10)]\npartial class Net { }\n",
        "using StaticNet;\n[Network] [Input(1, 8, 8)] [Flatten] [Dense(10)]\npartial class Net { }\n")]
    [InlineData(
        "using StaticNet;\n[Network, Input(1, 8, 8), Dense(10)]\npartial class Net { }\n",
        "using StaticNet;\n[Network, Input(1, 8, 8), Flatten, Dense(10)]\npartial class Net { }\n")]
    [InlineData(
        "[StaticNet.Network] [StaticNet.Input(1, 8, 8)] [StaticNet.Dense(10)]\npartial class Net { }\n",
        "[StaticNet.Network] [StaticNet.Input(1, 8, 8)] [StaticNet.Flatten] [StaticNet.Dense(10)]\npartial class Net { }\n")]
    [InlineData(
        "using StaticNet;\r\n\r\nnamespace Digits;\r\n\r\n[Network(Loss = Loss.CrossEntropy)]\r\n[Input(1, 8, 8)]\r\n"
            + "[Conv2D(4, 3, Activation.ReLU)]\r\n[MaxPool2D(2)]\r\n\t// The classifier head.\r\n\t[DenseAttribute(10, Activation.Softmax)]\r\n"
            + "public partial class Net { }\r\n",
        "using StaticNet;\r\n\r\nnamespace Digits;\r\n\r\n[Network(Loss = Loss.CrossEntropy)]\r\n[Input(1, 8, 8)]\r\n"
            + "[Conv2D(4, 3, Activation.ReLU)]\r\n[MaxPool2D(2)]\r\n\t// The classifier head.\r\n\t[Flatten]\r\n\t[DenseAttribute(10, Activation.Softmax)]\r\n"
            + "public partial class Net { }\r\n")]
    [InlineData(
        "using StaticNet;\n[Network] [Input(1, 4, 4)] [Conv2D(2, 2)] [Flatten(Name = \"f\")] [Dense(3, From = \"input\", Name = \"d\")] [Concat(\"f\", \"d\")]\npartial class Net { }\n",
        "using StaticNet;\n[Network] [Input(1, 4, 4)] [Conv2D(2, 2)] [Flatten(Name = \"f\")] [Flatten(From = \"input\")] [Dense(3, Name = \"d\")] [Concat(\"f\", \"d\")]\npartial class Net { }\n")]
    public async Task Insert_flatten_puts_it_before_the_layer_in_the_surrounding_style(string before, string after)
    {
        Assert.Equal(["Add [Flatten] before this layer"], await CodeFixHarness.OfferedTitlesAsync(new InsertFlattenCodeFix(), before));

        string fixedSource = await CodeFixHarness.ApplyFirstAsync(new InsertFlattenCodeFix(), before);

        Assert.Equal(after, fixedSource);
        AssertCompilesCleanly(fixedSource);
    }

    [Fact]
    public async Task Fix_all_inserts_flatten_into_every_network_of_the_document()
    {
        const string Source = """
            using StaticNet;

            [Network] [Input(1, 8, 8)] [Dense(10)]
            public partial class First { }

            [Network]
            [Input(2, 6, 6)]
            [Conv2D(3, 3)]
            [Dense(4)]
            public partial class Second { }
            """;

        string fixedSource = await CodeFixHarness.ApplyFixAllAsync(new InsertFlattenCodeFix(), Source);

        Assert.Equal(
            Source.Replace("[Input(1, 8, 8)] [Dense(10)]", "[Input(1, 8, 8)] [Flatten] [Dense(10)]")
                .Replace("[Conv2D(3, 3)]\n[Dense(4)]", "[Conv2D(3, 3)]\n[Flatten]\n[Dense(4)]"),
            fixedSource);
        AssertCompilesCleanly(fixedSource);
    }

    private static void AssertCompilesCleanly(string source)
    {
        GeneratorResult result = GeneratorHarness.Run(source);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.DriverDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.NotEmpty(result.Sources);
    }
}
