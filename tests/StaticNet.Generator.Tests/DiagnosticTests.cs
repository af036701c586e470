using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNet.Generator.Tests.Support;
using Xunit;

namespace StaticNet.Generator.Tests;

/// <summary>Every diagnostic: its ID, where it points, what it says, and that nothing broken is generated.</summary>
public class DiagnosticTests
{
    [Theory]
    [InlineData("SN0003", "[Network]\n[Dense(2)]", "Network", "has no [Input]")]
    [InlineData("SN0004", "[Network]\n[Input(4)]\n[Input(3)]\n[Dense(2)]", "Input(3)", "already has an [Input]")]
    [InlineData("SN0005", "[Network]\n[Dense(2)]\n[Input(4)]", "Input(4)", "but [Dense] comes first")]
    [InlineData("SN0006", "[Network]\n[Input(4)]\n[Dense(0)]", "0", "Dense units must be positive, but it is 0")]
    [InlineData("SN0006", "[Network]\n[Input(-3)]\n[Dense(2)]", "-3", "Input size must be positive, but it is -3")]
    [InlineData("SN0006", "[Network]\n[Input(1, 0, 28)]\n[Flatten]\n[Dense(2)]", "0", "Input height must be positive")]
    [InlineData("SN0006", "[Network]\n[Input(4)]\n[Dense(2, InputSize = 0)]", "InputSize = 0", "InputSize must be positive")]
    [InlineData("SN0007", "[Network]\n[Input(1, 8, 8)]\n[Dense(10)]", "Dense(10)", "previous layer outputs shape (1, 8, 8); add [Flatten]")]
    [InlineData("SN0008", "[Network]\n[Input(4)]\n[Dense(6, InputSize = 5)]", "InputSize = 5", "InputSize = 5, but the previous layer outputs 4 values")]
    [InlineData("SN0008", "[Network]\n[Input(4)]\n[Dense(6)]\n[Dense(2, InputSize = 4)]", "InputSize = 4", "outputs 6 values (shape (6))")]
    [InlineData("SN0010", "[Network(Loss = Loss.CrossEntropy)]\n[Input(4)]\n[Dense(2, Activation.Sigmoid)]", "Loss = Loss.CrossEntropy", "needs a last layer with Softmax activation, but the last layer is [Dense(2, Sigmoid)] with Sigmoid activation")]
    [InlineData("SN0010", "[Network(Loss = Loss.BinaryCrossEntropy)]\n[Input(4)]\n[Dense(1)]", "Loss = Loss.BinaryCrossEntropy", "needs a last layer with Sigmoid activation, but the last layer is [Dense(1)] with Identity activation")]
    [InlineData("SN0011", "[Input(4)]\n[Dense(2)]", "Input(4)", "'Net' has layer attributes but no [Network]")]
    [InlineData("SN0011", "[Dense(2)]\n[Dense(3)]", "Dense(2)", "no [Network]")]
    [InlineData("SN0012", "[Network]\n[Input(4)]", "Input(4)", "no layers after it")]
    [InlineData("SN0013", "[Network]\n[Input(1, 2, 3, 4)]\n[Dense(2)]", "Input(1, 2, 3, 4)", "two (steps, features) or three (channels, height, width), but has 4")]
    [InlineData("SN0015", "[Network]\n[Input(4)]\n[Dense(2, (Activation)42)]", "(Activation)42", "(Activation)42 is not a defined Activation value")]
    [InlineData("SN0015", "[Network]\n[Input(4)]\n[Dense(2, (Activation)(-1))]", "(Activation)(-1)", "(Activation)-1 is not a defined Activation value")]
    [InlineData("SN0015", "[Network(Loss = (Loss)7)]\n[Input(4)]\n[Dense(2)]", "Loss = (Loss)7", "(Loss)7 is not a defined Loss value")]
    [InlineData("SN0017", "[Network]\n[Input(100000)]\n[Dense(100000)]", "Network", "needs 10000100000 parameters, more than the limit")]
    [InlineData("SN0017", "[Network]\n[Input(1, 1000000000, 2)]\n[Dropout(0.5f)]\n[GlobalAveragePool2D]", "Network", "floats of working memory, more than the limit")]
    [InlineData("SN0019", "[Network]\n[Input(4)]\n[Dense(2, Activation.LeakyReLU, Slope = float.NaN)]", "Slope = float.NaN", "finite number, but it is NaN")]
    [InlineData("SN0006", "[Network]\n[Input(1, 8, 8)]\n[Conv2D(4, 3, Stride = 0)]\n[Flatten]\n[Dense(2)]", "Stride = 0", "Stride must be positive, but it is 0")]
    [InlineData("SN0006", "[Network]\n[Input(1, 8, 8)]\n[MaxPool2D(0)]\n[Flatten]\n[Dense(2)]", "0", "MaxPool2D size must be positive")]
    [InlineData("SN0006", "[Network]\n[Input(1, 8, 8)]\n[Conv2D(0, 3)]\n[Flatten]\n[Dense(2)]", "0", "Conv2D filters must be positive")]
    [InlineData("SN0022", "[Network]\n[Input(64)]\n[Conv2D(4, 3)]\n[Flatten]\n[Dense(2)]", "Conv2D(4, 3)", "needs an image input (channels, height, width), but the previous layer outputs shape (64)")]
    [InlineData("SN0022", "[Network]\n[Input(1, 8, 8)]\n[Flatten]\n[AvgPool2D(2)]\n[Dense(2)]", "AvgPool2D(2)", "outputs shape (64)")]
    [InlineData("SN0023", "[Network]\n[Input(1, 4, 4)]\n[Conv2D(2, 5)]\n[Flatten]\n[Dense(2)]", "5", "5x5 kernel, larger than its padded input of 4x4 (input shape (1, 4, 4), padding 0)")]
    [InlineData("SN0023", "[Network]\n[Input(2, 3, 9)]\n[Conv2D(2, 4)]\n[Flatten]\n[Dense(2)]", "4", "padded input of 3x9")]
    [InlineData("SN0024", "[Network]\n[Input(1, 8, 8)]\n[Conv2D(2, 3, Padding = 3)]\n[Flatten]\n[Dense(2)]", "Padding = 3", "smaller than the kernel (3), but it is 3")]
    [InlineData("SN0024", "[Network]\n[Input(1, 8, 8)]\n[Conv2D(2, 3, Padding = -1)]\n[Flatten]\n[Dense(2)]", "Padding = -1", "but it is -1")]
    [InlineData("SN0022", "[Network]\n[Input(16)]\n[GlobalAveragePool2D]\n[Dense(2)]", "GlobalAveragePool2D", "outputs shape (16)")]
    [InlineData("SN0026", "[Network]\n[Input(4)]\n[Dropout(1f)]\n[Dense(2)]", "1f", "below 1, but it is 1")]
    [InlineData("SN0026", "[Network]\n[Input(4)]\n[Dropout(-0.5f)]\n[Dense(2)]", "-0.5f", "but it is -0.5")]
    [InlineData("SN0027", "[Network]\n[Input(4)]\n[Dense(2)]\n[Dropout(0.5f)]", "Dropout(0.5f)", "must be followed by a layer that computes")]
    [InlineData("SN0025", "[Network]\n[Input(3, 4, 4)]\n[MaxPool2D(5)]\n[Flatten]\n[Dense(2)]", "5", "5x5 window, larger than its 4x4 input (shape (3, 4, 4))")]
    [InlineData("SN0010", "[Network(Loss = Loss.CrossEntropy)]\n[Input(1, 4, 4)]\n[MaxPool2D(2)]\n[Flatten]", "Loss = Loss.CrossEntropy", "the last layer is [MaxPool2D(2)] with no activation")]
    [InlineData("SN0028", "[Network]\n[Input(4)]\n[BatchNorm]\n[Dense(2)]", "BatchNorm", "comes straight after [Input] (shape (4))")]
    [InlineData("SN0028", "[Network]\n[Input(1, 8, 8)]\n[BatchNorm(Activation.ReLU)]\n[Flatten]\n[Dense(2)]", "BatchNorm(Activation.ReLU)", "(shape (1, 8, 8))")]
    [InlineData("SN0029", "[Network]\n[Input(4)]\n[Dense(3)]\n[BatchNorm(Momentum = 0f)]\n[Dense(2)]", "Momentum = 0f", "BatchNorm Momentum must be in (0, 1], but it is 0")]
    [InlineData("SN0029", "[Network]\n[Input(4)]\n[Dense(3)]\n[BatchNorm(Momentum = 1.5f)]\n[Dense(2)]", "Momentum = 1.5f", "but it is 1.5")]
    [InlineData("SN0029", "[Network]\n[Input(4)]\n[Dense(3)]\n[BatchNorm(Epsilon = -1f)]\n[Dense(2)]", "Epsilon = -1f", "BatchNorm Epsilon must be positive and finite, but it is -1")]
    [InlineData("SN0029", "[Network]\n[Input(4)]\n[Dense(3)]\n[BatchNorm(Epsilon = float.NaN)]\n[Dense(2)]", "Epsilon = float.NaN", "but it is NaN")]
    [InlineData("SN0010", "[Network(Loss = Loss.CrossEntropy)]\n[Input(4)]\n[Dense(2)]\n[BatchNorm]", "Loss = Loss.CrossEntropy", "the last layer is [BatchNorm(2)] with Identity activation")]
    [InlineData("SN0030", "[Network(Unroll = -1)]\n[Input(4)]\n[Dense(2)]", "Unroll = -1", "(0: never), but it is -1")]
    [InlineData("SN0041", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(2, From = \"b\")]", "From = \"b\"", "No layer is named 'b'")]
    [InlineData("SN0041", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(3)]\n[Add(\"a\", \"c\")]", "\"c\"", "No layer is named 'c'")]
    [InlineData("SN0041", "[Network]\n[Input(4)]\n[Dense(3, Name = \"trunk\")]\n[Dense(3)]\n[Dense(2, From = \"Trnuk\")]", "From = \"Trnuk\"", "No layer is named 'Trnuk' (did you mean 'trunk'?); name")]
    [InlineData("SN0041", "[Network]\n[Input(4)]\n[Dense(3, Name = \"trunk\")]\n[Dense(2, From = \"head\")]", "From = \"head\"", "No layer is named 'head'; name")]
    [InlineData("SN0042", "[Network]\n[Input(4)]\n[Dense(3, From = \"b\", Name = \"a\")]\n[Dense(3, Name = \"b\")]\n[Add(\"a\", \"b\")]", "From = \"b\"", "'b' is declared below this attribute")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(3, Name = \"a\")]", "Name = \"a\"", "Another layer above is already named 'a'")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(3, Name = \"input\")]", "Name = \"input\"", "\"input\" names the network's input")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(4, Name = \"layer3\")]\n[Dense(2)]\n[Output(Loss.MeanSquaredError)]\n[Dense(3, From = \"layer3\")]\n[Output(Loss.MeanSquaredError)]", "Name = \"layer3\"", "'layer3' is what the summary and tensor names call layer 3 (Dense(3)), which has no Name")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(4, Activation.PReLU, Name = \"fc\")]\n[Dense(4, Name = \"fc.activation\")]", "Name = \"fc.activation\"", "Tensor 'fc.activation.weight' would belong to both layer 1 'fc' (Dense(4, PReLU)) and layer 2 'fc.activation' (Dense(4))")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(4, Name = \"fc\")]\n[Dense(2, Name = \"fc.weight\")]", "Name = \"fc.weight\"", "'fc.weight' would be both a tensor of layer 1 'fc' (Dense(4)) and a module holding 'fc.weight.weight'")]
    [InlineData("SN0043", "[Network]\n[Input(4)]\n[Dense(4, Name = \"fc.bias.x\")]\n[Dense(2, Name = \"fc\")]", "Name = \"fc\"", "'fc.bias' would be both a tensor of layer 2 'fc' (Dense(2)) and a module holding layer 1 'fc.bias.x' (Dense(4))'s tensors")]
    [InlineData("SN0052", "[Network]\n[Input(4)]\n[Dense(2, Name = \"trunk..0\")]", "Name = \"trunk..0\"", "'trunk..0' cannot name a layer or output")]
    [InlineData("SN0052", "[Network]\n[Input(4)]\n[Dense(2, Name = \"trunk.\")]", "Name = \"trunk.\"", "'trunk.' cannot name a layer or output")]
    [InlineData("SN0044", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(2, Name = \"b\")]\n[Add(\"a\", \"b\")]", "\"b\"", "[Add] adds values of one shape, but 'a' is (3) and 'b' is (2)")]
    [InlineData("SN0044", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(2, From = \"input\", Name = \"g\")]\n[Multiply(\"a\", \"g\")]\n[Dense(1)]", "\"g\"", "[Multiply] multiplies values of one shape, but 'a' is (3) and 'g' is (2)")]
    [InlineData("SN0045", "[Network]\n[Input(1, 4, 4)]\n[Conv2D(2, 3, Name = \"a\")]\n[Concat(\"a\", \"input\")]\n[Flatten]\n[Dense(2)]", "\"input\"", "'a' is (2, 2, 2) and 'input' is (1, 4, 4)")]
    [InlineData("SN0045", "[Network]\n[Input(1, 4, 4)]\n[Flatten(Name = \"f\")]\n[Concat(\"f\", \"input\")]\n[Dense(2)]", "\"input\"", "'f' is (16) and 'input' is (1, 4, 4)")]
    [InlineData("SN0045", "[Network]\n[Input(6, 2)]\n[Conv1D(3, 2, Stride = 2, Name = \"s\")]\n[Concat(\"input\", \"s\")]\n[Flatten]\n[Dense(2)]", "\"s\"", "or sequences of one length along features, but 'input' is (6, 2)")]
    [InlineData("SN0046", "[Network]\n[Input(4)]\n[Slice(2, 3)]\n[Dense(2)]", "Slice(2, 3)", "[Slice(2, 3)] needs 0 <= start, 0 < length and start + length <= 4, the features of its input (4)")]
    [InlineData("SN0046", "[Network]\n[Input(3, 2, 2)]\n[Slice(0, 0)]\n[Flatten]\n[Dense(2)]", "Slice(0, 0)", "<= 3, the channels of its input (3, 2, 2)")]
    [InlineData("SN0047", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(5)]\n[Dense(2, From = \"a\")]", "Dense(5)", "The output of layer 2 (Dense(5)) goes nowhere")]
    [InlineData("SN0047", "[Network]\n[Input(4)]\n[Dense(3)]\n[Output(Loss.MeanSquaredError)]\n[Dense(2, Name = \"spare\")]", "Dense(2, Name = \"spare\")", "The output of layer 2 'spare' (Dense(2)) goes nowhere")]
    [InlineData("SN0048", "[Network]\n[Input(4)]\n[Output(Loss.MeanSquaredError)]\n[Dense(2)]", "Output(Loss.MeanSquaredError)", "but none is: it must come after a layer")]
    [InlineData("SN0048", "[Network]\n[Input(4)]\n[Dense(2)]\n[Output(Loss.MeanSquaredError)]\n[Output(Loss.MeanSquaredError)]", "Output(Loss.MeanSquaredError)", "a layer is one output at most")]
    [InlineData("SN0048", "[Network]\n[Input(1, 2, 2)]\n[Conv2D(2, 1)]\n[Flatten]\n[Output(Loss.MeanSquaredError)]", "Output(Loss.MeanSquaredError)", "layer 2 (Flatten) does not compute new values")]
    [InlineData("SN0049", "[Network]\n[Input(4)]\n[Dense(2)]\n[Output(Loss.MeanSquaredError, Weight = -1f)]", "Weight = -1f", "must lie between 0 and 1000000, but it is -1")]
    [InlineData("SN0049", "[Network]\n[Input(4)]\n[Dense(2)]\n[Output(Loss.MeanSquaredError, Weight = 3e38f)]", "Weight = 3e38f", "must lie between 0 and 1000000, but it is 3E+38")]
    [InlineData("SN0049", "[Network]\n[Input(4)]\n[Dense(2)]\n[Output(Loss.MeanSquaredError, Weight = float.PositiveInfinity)]", "Weight = float.PositiveInfinity", "but it is Infinity")]
    [InlineData("SN0050", "[Network]\n[Input(4)]\n[Dense(3)]\n[Add(\"input\")]", "Add(\"input\")", "[Add] joins two or more layers, but it names only 'input'")]
    [InlineData("SN0050", "[Network]\n[Input(4)]\n[Concat]\n[Dense(2)]", "Concat", "but it names none")]
    [InlineData("SN0051", "[Network]\n[Input(4)]\n[Dense(2, Activation.Sigmoid)]\n[Output(Loss.CrossEntropy)]", "Loss.CrossEntropy", "Loss.CrossEntropy needs a layer with Softmax activation, but [Output] marks [Dense(2, Sigmoid)] with Sigmoid activation")]
    [InlineData("SN0052", "[Network]\n[Input(4)]\n[Dense(2, Name = \"a b\")]", "Name = \"a b\"", "'a b' cannot name a layer or output")]
    [InlineData("SN0052", "[Network]\n[Input(4)]\n[Dense(2)]\n[Output(Loss.MeanSquaredError, Name = \"\")]", "Name = \"\"", "'' cannot name a layer or output")]
    [InlineData("SN0053", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(2, Shares = \"a\")]", "Shares = \"a\"", "Shares = \"a\" needs a Dense layer of 3 inputs and 2 units with biases, but 'a' is layer 1 'a' (Dense(3))")]
    [InlineData("SN0053", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(3, TransposeOf = \"a\")]", "TransposeOf = \"a\"", "TransposeOf = \"a\" needs a Dense layer of 3 inputs and 3 units, but 'a' is layer 1 'a' (Dense(3))")]
    [InlineData("SN0053", "[Network]\n[Input(4)]\n[Dense(4, Shares = \"input\")]", "Shares = \"input\"", "but 'input' is the network's input")]
    [InlineData("SN0054", "[Network]\n[Input(5, 3)]\n[BatchNorm]\n[Flatten]\n[Dense(2)]", "BatchNorm", "[BatchNorm] does not take a sequence, but the previous layer outputs the sequence (5, 3) (steps, features); add [LastStep] or [Flatten] before it")]
    [InlineData("SN0056", "[Network(Loss = Loss.CrossEntropy)]\n[Input(5, 3)]\n[Gru(4)]\n[Dense(2, Activation.Softmax)]", "Dense(2, Activation.Softmax)", "[Dense] with Activation.Softmax is not built for sequences yet; add [LastStep] or [Flatten] before it")]
    [InlineData("SN0056", "[Network]\n[Input(5, 3)]\n[Dense(3, Name = \"a\")]\n[Dense(3, Shares = \"a\")]", "Dense(3, Shares = \"a\")", "with Shares is not built")]
    [InlineData("SN0054", "[Network]\n[Input(5, 3)]\n[Gru(4)]\n[Conv2D(2, 1)]\n[Flatten]\n[Dense(2)]", "Conv2D(2, 1)", "outputs the sequence (5, 4)")]
    [InlineData("SN0056", "[Network]\n[Input(5, 3)]\n[Gru(4)]\n[Activate(Activation.Softmax)]\n[LastStep]\n[Dense(2)]", "Activate(Activation.Softmax)", "[Activate] with Activation.Softmax is not built for sequences yet")]
    [InlineData("SN0056", "[Network]\n[Input(5, 3)]\n[Gru(4, Name = \"a\")]\n[Gru(4, From = \"input\", Name = \"b\")]\n[Add(\"a\", \"b\", Activation = Activation.PReLU)]\n[LastStep]\n[Dense(2)]", "Add(\"a\", \"b\", Activation = Activation.PReLU)", "[Add] with Activation.PReLU is not built for sequences yet")]
    [InlineData("SN0055", "[Network]\n[Input(8)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]", "Gru(4)", "[Gru] needs a sequence (steps, features), but the previous layer outputs shape (8); declare [Input(steps, features)]")]
    [InlineData("SN0055", "[Network]\n[Input(5, 3)]\n[LastStep]\n[LastStep]\n[Dense(2)]", "LastStep", "[LastStep] needs a sequence (steps, features), but the previous layer outputs shape (3)")]
    [InlineData("SN0055", "[Network]\n[Input(1, 8, 8)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]", "Gru(4)", "outputs shape (1, 8, 8)")]
    [InlineData("SN0006", "[Network]\n[Input(5, 3)]\n[Gru(0)]\n[LastStep]\n[Dense(2)]", "0", "Gru hidden size must be positive, but it is 0")]
    [InlineData("SN0055", "[Network]\n[Input(8)]\n[Conv1D(2, 3)]\n[Flatten]\n[Dense(2)]", "Conv1D(2, 3)", "[Conv1D] needs a sequence (steps, features), but the previous layer outputs shape (8)")]
    [InlineData("SN0056", "[Network]\n[Input(5, 3)]\n[Conv1D(2, 3, Activation.Softmax)]\n[Flatten]\n[Dense(2)]", "Conv1D(2, 3, Activation.Softmax)", "[Conv1D] with Activation.Softmax is not built for sequences yet")]
    [InlineData("SN0057", "[Network]\n[Input(4, 2)]\n[Conv1D(2, 3, Dilation = 2)]\n[Flatten]\n[Dense(2)]", "3", "[Conv1D] spans 5 steps (kernel 3, dilation 2), more than the 4 steps of its input (shape (4, 2)) with padding 0, so its output would be empty")]
    [InlineData("SN0057", "[Network]\n[Input(2, 2)]\n[Conv1D(2, 5, Padding = 1)]\n[Flatten]\n[Dense(2)]", "5", "spans 5 steps (kernel 5, dilation 1), more than the 4 steps of its input (shape (2, 2)) with padding 1")]
    [InlineData("SN0058", "[Network]\n[Input(6, 2)]\n[Conv1D(2, 3, Causal = true, Padding = 1)]\n[LastStep]\n[Dense(2)]", "Padding = 1", "[Conv1D] is Causal, which pads (kernel - 1) x Dilation = 2 steps before the first and none after, so Padding = 1 cannot also apply; remove Padding")]
    [InlineData("SN0024", "[Network]\n[Input(6, 2)]\n[Conv1D(2, 3, Padding = 3)]\n[Flatten]\n[Dense(2)]", "Padding = 3", "Padding must be at least 0 and smaller than the kernel (3), but it is 3")]
    [InlineData("SN0006", "[Network]\n[Input(6, 2)]\n[Conv1D(2, 3, Dilation = 0)]\n[Flatten]\n[Dense(2)]", "Dilation = 0", "Dilation must be positive, but it is 0")]
    [InlineData("SN0006", "[Network]\n[Input(0, 3)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]", "0", "Input steps must be positive")]
    [InlineData("SN0053", "[Network]\n[Input(1, 4, 4)]\n[Conv2D(2, 3, Name = \"c\")]\n[Conv2D(2, 1, Shares = \"c\")]\n[Flatten]\n[Dense(2)]", "Shares = \"c\"", "needs a Conv2D layer of 2 input channels, 2 filters 1x1 with biases")]
    [InlineData("SN0053", "[Network]\n[Input(4)]\n[Dense(4, Name = \"a\")]\n[Dense(4, Shares = \"a\", TransposeOf = \"a\")]", "TransposeOf = \"a\"", "a layer either shares another's weights or transposes them")]
    [InlineData("SN0053", "[Network]\n[Input(4)]\n[Dense(3, Name = \"a\")]\n[Dense(4, TransposeOf = \"a\", Name = \"b\")]\n[Dense(3, TransposeOf = \"b\")]", "TransposeOf = \"b\"", "whose weights are another layer's transpose")]
    public void Reports_an_error_on_the_offending_attribute(string id, string attributes, string location, string message)
    {
        GeneratorResult result = GeneratorHarness.Run(Declare(attributes));

        AssertReported(result, id, DiagnosticSeverity.Error, location, message);
        Assert.Empty(result.Sources);
        Assert.Empty(result.DiagnosticsInGeneratedCode);
    }

    [Theory]
    [InlineData("[Slice(2, int.MaxValue)]")]
    [InlineData("[Slice(-5, 3)]")]
    [InlineData("[Slice(9, 2)]")]
    public void A_slice_outside_its_input_is_one_error_and_no_spurious_other(string slice)
    {
        // Issue 29, item 7: Slice(2, int.MaxValue) also reported SN0017, "needs 4294967296 parameters".
        GeneratorResult result = GeneratorHarness.Run(Declare($"[Network]\n[Input(4)]\n{slice}\n[Dense(2)]"));

        Assert.Equal(["SN0046"], result.GeneratorDiagnostics.Select(d => d.Id));
    }

    [Fact]
    public void SN0001_class_not_partial()
    {
        GeneratorResult result = GeneratorHarness.Run("using StaticNet;\n[Network]\n[Input(4)]\n[Dense(2)]\npublic class Net { }");

        AssertReported(result, "SN0001", DiagnosticSeverity.Error, "Network", "'Net' must be declared partial");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SN0001_containing_class_not_partial()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\npublic class Outer\n{\n    [Network]\n    [Input(4)]\n    [Dense(2)]\n    public partial class Net { }\n}");

        AssertReported(result, "SN0001", DiagnosticSeverity.Error, "Network", "'Outer' must be declared partial");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SN0002_generic_class()
    {
        GeneratorResult result = GeneratorHarness.Run("using StaticNet;\n[Network]\n[Input(4)]\n[Dense(2)]\npublic partial class Net<T> { }");

        AssertReported(result, "SN0002", DiagnosticSeverity.Error, "Network", "'Net' is generic");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SN0002_nested_in_a_generic_class()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\npublic partial class Outer<T>\n{\n    [Network]\n    [Input(4)]\n    [Dense(2)]\n    public partial class Net { }\n}");

        AssertReported(result, "SN0002", DiagnosticSeverity.Error, "Network", "nested in generic 'Outer'");
    }

    [Fact]
    public void SN0014_layers_split_across_partial_declarations()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\n[Network]\n[Input(4)]\npublic partial class Net { }",
            "using StaticNet;\n[Dense(2)]\npublic partial class Net { }");

        AssertReported(result, "SN0014", DiagnosticSeverity.Error, "Network", "spread over 2 partial declarations");
        Assert.Empty(result.Sources);
    }

    /// <summary>
    /// Found by the fuzzer: Roslyn hands every [Network] of a file to each of its declarations, so a
    /// second [Network] on another part in the same file made the generator add the source twice (CS8785).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Network_repeated_on_another_partial_declaration_generates_once_and_leaves_the_error_to_the_compiler(bool sameFile)
    {
        const string First = "[StaticNet.Network]\n[StaticNet.Input(4)]\n[StaticNet.Dense(2)]\npublic partial class Net { }\n";
        const string Second = "[StaticNet.Network]\npublic partial class Net { }\n";
        GeneratorResult result = sameFile ? GeneratorHarness.Run(First + Second) : GeneratorHarness.Run(First, Second);

        Assert.Empty(result.DriverDiagnostics);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Equal("Net.g.cs", Assert.Single(result.Sources).Key);
        Assert.Equal("CS0579", Assert.Single(result.CompilationProblems).Id);
    }

    /// <summary>The same attribute kind on two parts: Roslyn gives each part the file's every use of it.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SN0011_is_reported_once_for_layers_on_several_partial_declarations(bool sameFile)
    {
        const string First = "[StaticNet.Dense(4)]\npublic partial class Net { }\n";
        const string Second = "[StaticNet.Dense(2)]\npublic partial class Net { }\n";
        GeneratorResult result = sameFile ? GeneratorHarness.Run(First + Second) : GeneratorHarness.Run(First, Second);

        Diagnostic reported = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("SN0011", reported.Id);
        Assert.Equal("StaticNet.Dense(4)", reported.Location.SourceTree!.ToString().Substring(reported.Location.SourceSpan.Start, reported.Location.SourceSpan.Length));
    }

    [Fact]
    public void SN0016_unreadable_arguments()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare("[Network]\n[Input(4)]\n[Dense(\"six\")]"));

        AssertReported(result, "SN0016", DiagnosticSeverity.Error, "Dense(\"six\")", "The arguments of [Dense] cannot be read");
        Assert.Empty(result.Sources);
    }

    [Fact]
    public void SN0031_unrolling_more_than_the_JIT_optimises_well_is_a_warning_and_the_network_is_generated()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare("[Network(Unroll = 5000)]\n[Input(40)]\n[Dense(40)]\n[Dense(2)]"));

        AssertReported(result, "SN0031", DiagnosticSeverity.Warning, "Unroll = 5000", "'Net' unrolls 1680 weights, more than 1024");
        Assert.Single(result.Sources);
    }

    [Theory]
    [InlineData("[Network]\n[Input(4)]\n[Dense(3, Activation.Softmax)]", "Network", "Dense(3, Softmax)")]
    [InlineData("[Network(Loss = Loss.CrossEntropy)]\n[Input(4)]\n[Dense(8, Activation.ReLU, Name = \"trunk\")]\n[Dense(10, Activation.Softmax)]\n"
        + "[Output(Loss.MeanSquaredError, Name = \"digit\")]\n[Dense(2, Activation.Softmax, From = \"trunk\")]\n[Output(Loss.CrossEntropy)]",
        "Loss.MeanSquaredError", "Dense(10, Softmax)")]
    public void SN0059_mean_squared_error_on_a_softmax_is_a_warning_and_the_network_is_generated(string attributes, string location, string layer)
    {
        GeneratorResult result = GeneratorHarness.Run(Declare(attributes));

        AssertReported(result, "SN0059", DiagnosticSeverity.Warning, location, $"Loss.MeanSquaredError on the softmax of [{layer}]");
        Assert.Single(result.Sources);
        Assert.Empty(result.DiagnosticsInGeneratedCode);
        Assert.DoesNotContain(GeneratorHarness.Run(Declare(attributes.Replace("Loss.MeanSquaredError", "Loss.CrossEntropy").Replace("[Network]", "[Network(Loss = Loss.CrossEntropy)]"))).GeneratorDiagnostics,
            d => d.Id == "SN0059");
    }

    [Theory]
    [InlineData("[Network]\n[Input(6, 2)]\n[Conv1D(4, 3, Padding = 1)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]", "Conv1D(4, 3, Padding = 1)",
        "[Conv1D(4, 3, padding 1)] stops it, because each output step reads 1 input step after its own; Causal = true")]
    [InlineData("[Network]\n[Input(6, 2)]\n[Conv1D(4, 3, Causal = true, Stride = 2)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]", "Conv1D(4, 3, Causal = true, Stride = 2)",
        "its stride of 2 skips input steps")]
    [InlineData("[Network]\n[Input(6, 2)]\n[Gru(4)]\n[Flatten]\n[Dense(2)]", "Flatten", "[Flatten] stops it, because it reads every step of the sequence at once")]
    public void SN0060_a_network_over_a_sequence_without_Step_is_told_which_layer_stops_it(string attributes, string location, string message)
    {
        GeneratorResult result = GeneratorHarness.Run(Declare(attributes));

        AssertReported(result, "SN0060", DiagnosticSeverity.Info, location, "'Net' takes a sequence but gets no streaming Step: ");
        Assert.Contains(message, result.GeneratorDiagnostics.Single(d => d.Id == "SN0060").GetMessage(CultureInfo.InvariantCulture));
        Assert.Single(result.Sources);
        Assert.DoesNotContain(GeneratorHarness.Run(Declare("[Network]\n[Input(6, 2)]\n[Conv1D(4, 3, Causal = true)]\n[Gru(4)]\n[LastStep]\n[Dense(2)]")).GeneratorDiagnostics,
            d => d.Id == "SN0060");
    }

    [Fact]
    public void Joins_over_sequences_stream_and_get_no_SN0060()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare(
            "[Network]\n[Input(6, 2)]\n[Gru(4, Name = \"a\")]\n[Gru(4, From = \"input\", Name = \"b\")]\n[Multiply(\"a\", \"b\", Name = \"m\")]\n[Add(\"m\", \"b\")]\n[LastStep]\n[Dense(2)]"));

        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id == "SN0060");
        Assert.Contains("public static void Step(", result.Sources.Values.Single());
    }

    [Fact]
    public void SN0018_slope_without_LeakyReLU_is_a_warning_and_the_network_is_generated()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare("[Network]\n[Input(4)]\n[Dense(2, Activation.ReLU, Slope = 0.1f)]"));

        AssertReported(result, "SN0018", DiagnosticSeverity.Warning, "Slope = 0.1f", "this layer uses ReLU");
        Assert.Single(result.Sources);
        Assert.Empty(result.DiagnosticsInGeneratedCode);
    }

    [Theory]
    [InlineData("public float[] Parameters = new float[1];", "a member named 'Parameters'")]
    [InlineData("public int Predict() => 1;", "a member named 'Predict'")]
    [InlineData("public Net(int size) { }", "the constructor Demo.Net.Net(int)")]
    public void SN0021_instance_members_that_would_clash_are_skipped_with_a_warning(string member, string message)
    {
        GeneratorResult result = GeneratorHarness.Run(
            $"using StaticNet;\nnamespace Demo;\n[Network]\n[Input(4)]\n[Dense(2)]\npublic partial class Net {{ {member} }}\n");

        AssertReported(result, "SN0021", DiagnosticSeverity.Warning, "Network", message);
        Assert.Single(result.Sources);
        Assert.DoesNotContain(result.CompilationProblems, d => d.Id != "SN0021");
    }

    [Theory]
    [InlineData("public partial class Net(int size) { }")]
    [InlineData("public partial class Net(float[] weights) { public Net() : this([]) { } }")]
    public void SN0021_a_primary_constructor_keeps_the_instance_members_out(string declaration)
    {
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n[Network]\n[Input(4)]\n[Dense(2)]\n{declaration}\n");

        AssertReported(result, "SN0021", DiagnosticSeverity.Warning, "Network", "it has a primary constructor");
        Assert.DoesNotContain(result.CompilationProblems, d => d.Id != "SN0021" && d.Id != "CS9113");
    }

    [Fact]
    public void A_class_with_ordinary_constructors_keeps_the_instance_members()
    {
        GeneratorResult result = GeneratorHarness.Run(
            "using StaticNet;\nnamespace Demo;\n[Network]\n[Input(4)]\n[Dense(2)]\npublic partial class Net { public Net(string name) : this(seed: 1) { } }\n");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        Assert.Contains("INetwork", Assert.Single(result.Sources).Value);
    }

    [Theory]
    [InlineData("public static partial class Net { }")]
    [InlineData("public partial struct Net { }")]
    [InlineData("public partial record Net { }")]
    [InlineData("public abstract partial class Net { }")]
    public void Types_that_cannot_be_instantiated_as_networks_get_the_static_members_quietly(string declaration)
    {
        GeneratorResult result = GeneratorHarness.Run($"using StaticNet;\nnamespace Demo;\n[Network]\n[Input(4)]\n[Dense(2)]\n{declaration}\n");

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
        string source = Assert.Single(result.Sources).Value;
        Assert.Contains("public static void Forward(", source);
        Assert.DoesNotContain("INetwork", source);
    }

    [Fact]
    public void Every_problem_of_a_declaration_is_reported_at_once()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare("[Network(Loss = Loss.CrossEntropy)]\n[Input(4)]\n[Dense(0)]\n[Dense(6, InputSize = 3)]\n[Dense(2)]"));

        string[] ids = result.GeneratorDiagnostics.Select(d => d.Id).OrderBy(id => id).ToArray();
        Assert.Equal(["SN0006", "SN0008", "SN0010"], ids);
    }

    [Fact]
    public void A_valid_network_reports_nothing()
    {
        GeneratorResult result = GeneratorHarness.Run(SnapshotTests.IrisNet);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);
    }

    [Fact]
    public void Diagnostics_link_to_their_documentation()
    {
        GeneratorResult result = GeneratorHarness.Run(Declare("[Network]\n[Input(4)]\n[Dense(0)]"));

        Diagnostic diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.EndsWith("/generator/DIAGNOSTICS.md#sn0006", diagnostic.Descriptor.HelpLinkUri);
    }

    private static string Declare(string attributes) => $"using StaticNet;\nnamespace Demo;\n{attributes}\npublic partial class Net {{ }}\n";

    private static void AssertReported(GeneratorResult result, string id, DiagnosticSeverity severity, string location, string message) =>
        Assert.Equal(location, DiagnosticAssert.Reported(result, id, severity, message));
}
