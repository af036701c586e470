using System;
using System.Linq;
using System.Text;

namespace StaticNet.Generator.Tests.Support;

/// <summary>
/// Seeded random network declarations, as users type them: valid ones, and ones with every kind of
/// mistake (bad sizes and types, impossible geometry, wrong placement, declarations that are not
/// partial, generic, nested or mid-edit). Shared by the generator and code-fix fuzz tests.
/// </summary>
public static class RandomDeclarations
{
    /// <summary>Every activation the runtime defines, read from the enum: a new one joins the fuzzers by being declared.</summary>
    private static readonly string[] Defined = Enum.GetNames<Activation>().Select(name => $"Activation.{name}").ToArray();

    /// <summary>The activations layers apply to every step of a sequence (softmax and PReLU are SN0056 there).</summary>
    private static readonly string[] OnEachStep = Defined.Where(a => a is not ("Activation.Softmax" or "Activation.PReLU")).ToArray();

    /// <summary>Defined ones, and values no activation has: one past the last, negative, far off.</summary>
    private static readonly string[] Activations = [.. Defined, $"(Activation){Enum.GetValues<Activation>().Length}", "(Activation)(-1)", "(Activation)99"];
    private static readonly string[] Losses = ["Loss.MeanSquaredError", "Loss.CrossEntropy", "Loss.BinaryCrossEntropy", "(Loss)5"];
    private static readonly string[] TypeShapes =
        ["public partial class {0} {{ }}", "internal partial class {0} {{ }}", "public partial struct {0} {{ }}", "public partial record {0} {{ }}",
         "public static partial class {0} {{ }}", "public abstract partial class {0} {{ }}", "public class {0} {{ }}", "public partial class {0}<T> {{ }}",
         "public partial class Outer{0} {{ public partial class {0} {{ }} }}", "public class Outer{0} {{ public partial class {0} {{ }} }}",
         "public partial class {0} {{ public float[] Parameters = new float[1]; }}", "public partial class {0}(int size) {{ }}",
         "public partial class {0} {{ void Broken( {{ }}",
         // Split across partial declarations: more layers, or a second [Network], on the other part.
         "public partial class {0} {{ }}\n[Dense(3)]\npublic partial class {0} {{ }}",
         "public partial class {0} {{ }}\n[Network]\npublic partial class {0} {{ }}"];

    /// <summary>A network that should generate: consistent loss and output activation, sizes that fit.</summary>
    public static string WellFormed(Random random, string name)
    {
        var text = new StringBuilder();
        string loss = Pick(random, Losses[..3]);
        text.Append($"[Network(Loss = {loss})]\n");
        if (random.Next(3) == 0)
        {
            int side = random.Next(4, 10);
            text.Append($"[Input({random.Next(1, 4)}, {side}, {side + random.Next(3)})]\n");
            text.Append($"[Conv2D({random.Next(1, 5)}, {random.Next(1, 4)}, {Pick(random, Defined)}, Padding = {random.Next(0, 1)})]\n");
            if (random.Next(3) == 0)
            {
                text.Append($"[BatchNorm({Pick(random, Defined)})]\n");
            }

            text.Append(random.Next(2) == 0 ? "[MaxPool2D(2)]\n[Flatten]\n" : "[GlobalAveragePool2D]\n");
        }
        else if (random.Next(3) == 0)
        {
            // A sequence: recurrent layers, perhaps a dense layer on every step, then its last step or every step flat.
            int steps = random.Next(1, 9);
            text.Append($"[Input({steps}, {random.Next(1, 5)})]\n");
            if (random.Next(3) == 0)
            {
                // A causal convolution keeps the steps; its reach back, (kernel - 1) x dilation, stays within them.
                int dilation = random.Next(1, 4);
                int kernel = 1 + random.Next(0, ((steps - 1) / dilation) + 1);
                text.Append($"[Conv1D({random.Next(1, 6)}, {kernel}, {Pick(random, OnEachStep)}, Causal = true, Dilation = {dilation})]\n");
            }

            for (int i = random.Next(1, 3); i > 0; i--)
            {
                text.Append(random.Next(2) == 0 ? $"[Gru({random.Next(1, 9)})]\n" : $"[Lstm({random.Next(1, 9)})]\n");
            }

            if (random.Next(3) == 0)
            {
                text.Append($"[Dense({random.Next(1, 9)}, {Pick(random, OnEachStep)})]\n");
            }

            text.Append(random.Next(3) == 0 ? "[Flatten]\n" : "[LastStep]\n");
        }
        else
        {
            text.Append($"[Input({random.Next(1, 40)})]\n");
        }

        for (int i = random.Next(0, 4); i > 0; i--)
        {
            text.Append($"[Dense({random.Next(1, 40)}, {Pick(random, Defined)})]\n");
            if (random.Next(5) == 0)
            {
                text.Append("[Dropout(0.2f)]\n");
            }
            else if (random.Next(4) == 0)
            {
                text.Append($"[BatchNorm({Pick(random, Defined)}, Momentum = 0.3f)]\n");
            }
            else if (random.Next(4) == 0)
            {
                text.Append($"[Activate({Pick(random, Defined)})]\n");
            }
        }

        string last = loss switch
        {
            "Loss.CrossEntropy" => "Activation.Softmax",
            "Loss.BinaryCrossEntropy" => "Activation.Sigmoid",
            _ => Pick(random, Defined),
        };
        text.Append($"[Dense({random.Next(2, 12)}, {last})]\n");
        text.AppendFormat(Pick(random, [TypeShapes[0], TypeShapes[1], TypeShapes[2], TypeShapes[4], TypeShapes[8]]), name);
        return text.ToString();
    }

    /// <summary>Type names a user may legally write that generated code must escape or sanitise.</summary>
    private static readonly string[] HostileTypeNames =
        ["@class", "@event", "@string", "@{0}", "Ünïcødé{0}", "_{0}", "@var", "@partial", "@record", "@dynamic", "@nameof", "@global", "@value"];

    /// <summary>
    /// Members the user may declare on a network type, each with a name the generator writes: as a field, property,
    /// constant, nested type, unrelated overload, or a method with exactly a generated signature.
    /// </summary>
    private static readonly string[] MemberForms =
    [
        "public static int {0};", "public int {0};", "public const int {0} = 1;", "public static string {0} => \"\";",
        "public class {0} {{ }}", "public static void {0}() {{ }}", "public void {0}(float[] values) {{ }}", "public static T {0}<T>(T value) => value;",
    ];

    private static readonly string[] ExactSignatures =
    [
        "public static void Forward(System.ReadOnlySpan<float> p, System.ReadOnlySpan<float> i, System.Span<float> o) { }",
        "public static void Initialize(System.Span<float> p, int seed) { }",
        "public static void SaveWeights(string path, System.ReadOnlySpan<float> p) { }",
        "public void ToOnnx(string path) { }",
        "public void Predict(System.ReadOnlySpan<float> input, System.Span<float> output) { }",
        "public static void ToOnnx(System.ReadOnlySpan<float> p, System.IO.Stream s) { }",
        "public static string nameof(object value) => \"\";", // generated code once used nameof(parameters)
        "public class var { }",
        "public class Span<T> { }",
        "public static int batch, scratch, loss, parameters;",
    ];

    /// <summary>
    /// A type shape whose network type is hostile: a keyword or Unicode name, members named like generated ones
    /// (the type's own or a base class's), or a base class that is itself a network.
    /// </summary>
    private static string HostileShape(Random random, string name)
    {
        string type = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, HostileTypeNames), name);
        string member = Pick(random, ["Layer1", "Layer2", "Layer9", .. Parsing.GeneratedMemberNames.FixedNames]);
        return random.Next(6) switch
        {
            0 => $"public partial class {type} {{ }}",
            1 => $"public partial class {type} {{ {string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, MemberForms), member)} }}",
            2 => $"public partial class {type} {{ {Pick(random, ExactSignatures)} }}",
            3 => $"public partial class {type} : Base{name} {{ }}\npublic class Base{name} {{ {string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, MemberForms), member)} }}",
            4 => $"public partial class {type} : Base{name} {{ }}\n[Network]\n[Input(2)]\n[Dense(1)]\npublic partial class Base{name} {{ }}",
            _ => $"public static partial class {type} {{ {string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, MemberForms[..5]), member).Replace("public int", "public static int", StringComparison.Ordinal)} }}",
        };
    }

    /// <summary>
    /// Any declaration: most have at least one mistake, some are fine. With <paramref name="hostileNames"/>, some types
    /// get keyword names (so each declaration needs a namespace of its own) and members or bases that clash.
    /// </summary>
    public static string Any(Random random, string name, bool hostileNames = false)
    {
        var text = new StringBuilder();
        if (random.Next(10) > 0)
        {
            text.Append(random.Next(4) switch
            {
                0 => $"[Network(Loss = {Pick(random, Losses)})]\n",
                1 when random.Next(3) == 0 => $"[Network(Unroll = {Pick(random, ["-1", "0", "16", "1000"])})]\n",
                _ => "[Network]\n",
            });
        }

        int shape = random.Next(4);
        bool image = shape == 0;
        bool sequence = shape == 1;
        if (random.Next(12) > 0)
        {
            text.Append(image ? $"[Input({Size(random)}, {Size(random)}, {Size(random)})]\n"
                : sequence ? $"[Input({Size(random)}, {Size(random)})]\n"
                : $"[Input({Size(random)})]\n");
        }

        int layers = random.Next(0, 6);
        bool graph = random.Next(3) == 0;
        for (int i = 0; i < layers; i++)
        {
            string layer = graph && random.Next(3) == 0 ? GraphLayer(random, i)
                : (sequence && i < 3 && random.Next(3) > 0) || random.Next(20) == 0 ? SequenceLayer(random)
                : Layer(random, image && i < 2);
            text.Append(graph && random.Next(2) == 0 ? Named(layer, random.Next(8) == 0 ? Pick(random, ["input", "n0", "", "a b"]) : $"n{i}") : layer).Append('\n');
        }

        if (random.Next(40) == 0)
        {
            text.Append("[Input(3)]\n");
        }

        if (hostileNames && random.Next(3) == 0)
        {
            text.Append(HostileShape(random, name));
        }
        else
        {
            text.AppendFormat(random.Next(3) == 0 ? Pick(random, TypeShapes) : TypeShapes[0], name);
        }

        return text.ToString();
    }

    /// <summary>The graph attributes, with names that may exist, come later, repeat or be missing.</summary>
    private static string GraphLayer(Random random, int index)
    {
        string Ref() => random.Next(6) switch
        {
            0 => "input",
            1 => $"n{index + 1}",
            2 => "missing",
            _ => $"n{random.Next(Math.Max(index, 1))}",
        };

        return random.Next(9) switch
        {
            0 => $"[Add(\"{Ref()}\", \"{Ref()}\"{(random.Next(2) == 0 ? $", Activation = {Pick(random, Activations)}" : "")})]",
            1 => $"[Concat(\"{Ref()}\", \"{Ref()}\"{(random.Next(3) == 0 ? $", \"{Ref()}\"" : "")})]",
            2 => $"[Slice({Size(random)}, {Size(random)}{(random.Next(2) == 0 ? $", From = \"{Ref()}\"" : "")})]",
            3 => $"[Output({Pick(random, Losses)}{(random.Next(3) == 0 ? $", Weight = {Pick(random, ["0.5f", "-1f", "float.NaN", "0f"])}" : "")})]",
            4 => Pick(random, ["[Add(\"input\")]", "[Concat]", "[Add(null)]", "[Add(\"a\", null)]", "[Output((Loss)9)]"]),
            5 => $"[Dense({Size(random)}, {Pick(random, Activations)}, {(random.Next(2) == 0 ? "Shares" : "TransposeOf")} = \"{Ref()}\")]",
            6 when random.Next(2) == 0 => $"[Conv2D({Size(random)}, {Size(random)}, Shares = \"{Ref()}\")]",
            _ => $"[Dense({Size(random)}, {Pick(random, Defined)}, From = \"{Ref()}\")]",
        };
    }

    /// <summary>The attribute with <c>Name = name</c> added (harmless on attributes that have no Name: the compiler reports those).</summary>
    private static string Named(string attribute, string name)
    {
        if (attribute.StartsWith("[Output", StringComparison.Ordinal) || !attribute.EndsWith("]", StringComparison.Ordinal))
        {
            return attribute;
        }

        string inner = attribute.Substring(0, attribute.Length - 1);
        return inner.EndsWith(")", StringComparison.Ordinal)
            ? inner.Substring(0, inner.Length - 1) + (inner.EndsWith("()", StringComparison.Ordinal) ? "" : ", ") + $"Name = \"{name}\")]"
            : inner + $"(Name = \"{name}\")]";
    }

    private static string Layer(Random random, bool image) => (image ? random.Next(6) : random.Next(2, 12)) switch
    {
        0 => $"[Conv2D({Size(random)}, {Size(random)}, {Pick(random, Activations)}{Geometry(random)})]",
        1 => random.Next(2) == 0 ? $"[MaxPool2D({Size(random)})]" : $"[AvgPool2D({Size(random)})]",
        2 => "[Flatten]",
        3 => $"[Dropout({Pick(random, ["0.5f", "0f", "1f", "-0.1f", "0.25f"])})]",
        4 when random.Next(2) == 0 => $"[BatchNorm({Pick(random, Activations)}{BatchNormOptions(random)})]",
        4 when random.Next(2) == 0 => "[GlobalAveragePool2D]",
        4 => $"[Activate({Pick(random, Activations)}{(random.Next(4) == 0 ? ", Slope = 0.2f" : "")})]",
        5 when random.Next(4) == 0 => Pick(random, ["[Dense(\"six\")]", "[Dense()]", "[Dense(1, 2, 3)]", "[Conv2D(2)]", "[Dense(nameof(Loss))]", "[Dense(int.MaxValue)]"]),
        _ => $"[Dense({Size(random)}, {Pick(random, random.Next(4) == 0 ? Activations : Defined)}{DenseOptions(random)})]",
    };

    /// <summary>The sequence layers, well formed and not, on sequences and (rarely, from <see cref="Any"/>) on anything else.</summary>
    private static string SequenceLayer(Random random) => random.Next(7) switch
    {
        0 => $"[Gru({Size(random)})]",
        6 => $"[Conv1D({Size(random)}, {Size(random)}, {Pick(random, Activations)}{Conv1DGeometry(random)})]",
        1 => $"[Lstm({Size(random)})]",
        2 => "[LastStep]",
        3 => $"[Dense({Size(random)}, {Pick(random, Activations)}{DenseOptions(random)})]",
        4 => "[Flatten]",
        _ => Pick(random, ["[Gru(0)]", "[Lstm(-2)]", "[Gru(\"x\")]", "[LastStep(3)]", "[Gru]", "[Lstm(int.MaxValue)]", "[Gru(1 << 20)]", "[Conv1D(2)]",
            "[Conv1D(int.MaxValue, int.MaxValue, Dilation = int.MaxValue)]"]),
    };

    private static string Conv1DGeometry(Random random) => random.Next(5) switch
    {
        0 => "",
        1 => $", Causal = true, Dilation = {Pick(random, ["1", "2", "0", "1 << 30"])}",
        2 => $", Stride = {Pick(random, ["1", "2", "0", "-1"])}",
        3 => $", Padding = {Pick(random, ["0", "1", "2", "-1", "100"])}, Dilation = {Pick(random, ["1", "3"])}",
        _ => $", Causal = true, Padding = {Pick(random, ["0", "1"])}",
    };

    private static string Geometry(Random random) => random.Next(4) switch
    {
        0 => "",
        3 => ", Bias = false",
        1 => $", Stride = {Pick(random, ["1", "2", "0", "-1"])}",
        _ => $", Padding = {Pick(random, ["1", "0", "2", "-1", "5"])}",
    };

    private static string BatchNormOptions(Random random) => random.Next(4) switch
    {
        0 => $", Momentum = {Pick(random, ["0.5f", "0f", "2f", "float.NaN"])}",
        1 => $", Epsilon = {Pick(random, ["1e-3f", "0f", "-1f", "float.PositiveInfinity"])}",
        2 => $", Slope = {Pick(random, ["0.2f", "float.NaN"])}",
        _ => "",
    };

    private static string DenseOptions(Random random) => random.Next(6) switch
    {
        0 => $", Slope = {Pick(random, ["0.1f", "float.NaN", "0f", "2f"])}",
        1 => $", InputSize = {Size(random)}",
        2 => $", Bias = {Pick(random, ["false", "true", "1 > 2"])}",
        _ => "",
    };

    /// <summary>Mostly small sizes, sometimes 0, negative, a constant expression, a named constant or huge.</summary>
    private static string Size(Random random) => random.Next(40) switch
    {
        0 => "0",
        1 => "-3",
        2 => "1000000000",
        3 => "2 + 3",
        4 => "sizeof(int)",
        5 => "sbyte.MaxValue / 16",
        _ => random.Next(1, 9).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
