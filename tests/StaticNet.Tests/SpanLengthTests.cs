using System;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>A span of the wrong length is an ArgumentException naming the parameter and both lengths.</summary>
public class SpanLengthTests
{
    private static readonly float[] Parameters = new float[Seed462Net.ParameterCount];
    private static readonly float[] Input = new float[Seed462Net.InputSize];
    private static readonly float[] Output = new float[Seed462Net.OutputSize];
    private static readonly float[] Target = [1f, 0f];

    [Theory]
    [InlineData("parameters", 43)]
    [InlineData("parameters", 45)]
    [InlineData("input", 3)]
    [InlineData("output", 0)]
    [InlineData("output", 3)]
    public void Forward_rejects_a_wrong_length(string parameter, int length)
    {
        var wrong = new float[length];
        ArgumentException error = Assert.Throws<ArgumentException>(() => Seed462Net.Forward(
            parameter == "parameters" ? wrong : Parameters,
            parameter == "input" ? wrong : Input,
            parameter == "output" ? wrong : Output));

        AssertNames(error, parameter, Expected(parameter), length);
    }

    [Theory]
    [InlineData("parameters", 0)]
    [InlineData("input", 5)]
    [InlineData("target", 1)]
    [InlineData("parameterGradients", 40)]
    [InlineData("inputGradients", 3)]
    public void Backward_rejects_a_wrong_length(string parameter, int length)
    {
        var wrong = new float[length];
        var gradients = new float[Seed462Net.ParameterCount];
        var inputGradients = new float[Seed462Net.InputSize];
        ArgumentException error = Assert.Throws<ArgumentException>(() => Seed462Net.Backward(
            parameter == "parameters" ? wrong : Parameters,
            parameter == "input" ? wrong : Input,
            parameter == "target" ? wrong : Target,
            parameter == "parameterGradients" ? wrong : gradients,
            parameter == "inputGradients" ? wrong : inputGradients));

        AssertNames(error, parameter, Expected(parameter), length);
    }

    [Fact]
    public void A_rejected_call_leaves_the_gradients_untouched()
    {
        var gradients = new float[Seed462Net.ParameterCount];
        Assert.Throws<ArgumentException>(() => Seed462Net.Backward(Parameters, Input, Target, gradients, new float[1]));
        Assert.All(gradients, g => Assert.Equal(0f, g));
    }

    private static int Expected(string parameter) => parameter switch
    {
        "parameters" or "parameterGradients" => Seed462Net.ParameterCount,
        "input" or "inputGradients" => Seed462Net.InputSize,
        _ => Seed462Net.OutputSize,
    };

    private static void AssertNames(ArgumentException error, string parameter, int expected, int actual)
    {
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"must have length {expected}", error.Message);
        Assert.Contains($"its length is {actual}", error.Message);
    }
}
