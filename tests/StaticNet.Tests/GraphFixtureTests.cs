using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The residual CNN with batch normalisation against PyTorch (r-graph-residual-cnn): per sample with the running
/// statistics, full-batch SGD and Adam with them, and one training-mode batch (batch statistics, running statistics
/// moved) through BackwardBatch. The other graph fixtures run through FixtureTests and OptimizerTraceTests.
/// </summary>
public class GraphFixtureTests
{
    private static readonly Fixture Reference = Fixture.Load("r-graph-residual-cnn");

    [Fact]
    public void Forward_and_Backward_match_PyTorch_per_sample()
    {
        Assert.Equal(GraphResidualCnn.ParameterCount, Reference.ParameterCount);
        Assert.Equal(GraphResidualCnn.StateCount, Reference.State.Length);
        var output = new float[GraphResidualCnn.OutputSize];
        foreach ((FixtureCase sample, int index) in Reference.Cases.Select((c, i) => (c, i)))
        {
            GraphResidualCnn.Forward(Reference.Parameters, Reference.State, sample.Input, output);
            Tolerance.Close(sample.Output, output, Tolerance.Values, $"case {index} output");

            var gradients = new float[GraphResidualCnn.ParameterCount];
            var inputGradients = new float[GraphResidualCnn.InputSize];
            float loss = GraphResidualCnn.Backward(Reference.Parameters, Reference.State, sample.Input, sample.Target, gradients, inputGradients);
            Tolerance.Close(sample.Loss, loss, Tolerance.Values, $"case {index} loss");
            Tolerance.Close(sample.GradParameters, gradients, Tolerance.Gradients, $"case {index} dLoss/dParameters");
            Tolerance.Close(sample.GradInput, inputGradients, Tolerance.Gradients, $"case {index} dLoss/dInput");
        }
    }

    [Fact]
    public void A_training_batch_matches_PyTorch_with_batch_statistics()
    {
        FixtureTrainingBatch expected = Reference.TrainingBatch!;
        float[] inputs = Reference.Cases.SelectMany(c => c.Input).ToArray();
        float[] targets = Reference.Cases.SelectMany(c => c.Target).ToArray();
        float[] state = Reference.State.ToArray();
        var gradients = new float[GraphResidualCnn.ParameterCount];
        var outputs = new float[Reference.Cases.Length * GraphResidualCnn.OutputSize];

        float loss = GraphResidualCnn.BackwardBatch(Reference.Parameters, state, inputs, targets, gradients, outputs);

        Tolerance.Close(expected.Loss, loss, Tolerance.Values, "batch loss");
        Tolerance.Close(expected.GradParameters, gradients, Tolerance.Gradients, "batch dLoss/dParameters");
        Tolerance.Close(expected.Outputs, outputs, Tolerance.Values, "batch outputs");
        Tolerance.Close(expected.StateAfter, state, Tolerance.Values, "running statistics after the batch");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Full_batch_training_reproduces_the_PyTorch_trace(int traceIndex)
    {
        OptimizerTrace trace = Reference.Traces[traceIndex];
        Optimizer optimizer = OptimizerTraceTests.Create(trace.Optimizer, GraphResidualCnn.ParameterCount);
        float[] parameters = Reference.Parameters.ToArray();
        var gradients = new float[GraphResidualCnn.ParameterCount];
        for (int step = 0; step < trace.Losses.Length; step++)
        {
            Array.Clear(gradients);
            double loss = 0;
            foreach (FixtureCase sample in Reference.Cases)
            {
                loss += GraphResidualCnn.Backward(parameters, Reference.State, sample.Input, sample.Target, gradients, Span<float>.Empty);
            }

            for (int i = 0; i < gradients.Length; i++)
            {
                gradients[i] /= Reference.Cases.Length;
            }

            Tolerance.Close(trace.Losses[step], loss / Reference.Cases.Length, Tolerance.Values, $"loss before step {step + 1}");
            optimizer.Step(parameters, gradients);
        }

        Tolerance.Close(trace.FinalParameters, parameters, Tolerance.Gradients, "parameters after the last step");
    }
}
