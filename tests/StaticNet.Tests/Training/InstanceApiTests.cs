using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.Training;
using Xunit;

namespace StaticNet.Tests.Training;

public class InstanceApiTests
{
    [Fact]
    public void A_network_object_owns_initialised_parameters_and_predicts_like_the_static_Forward()
    {
        var network = new Seed462Net(seed: 8);
        var expected = new float[Seed462Net.ParameterCount];
        Seed462Net.Initialize(expected, seed: 8);
        float[] input = [0.5f, -1f, 2f, 0.25f];
        var viaStatic = new float[2];
        Seed462Net.Forward(network.Parameters, input, viaStatic);

        Assert.Equal(expected, network.Parameters);
        Assert.Equal(viaStatic, network.Predict(input));
        Assert.Equal(1f, network.Predict(input).Sum(), 5);
    }

    [Fact]
    public void A_network_can_be_made_from_parameters_which_are_copied()
    {
        float[] source = Enumerable.Range(0, Seed462Net.ParameterCount).Select(i => i / 100f).ToArray();

        var network = new Seed462Net(source);
        source[0] = 99f;

        Assert.Equal(0f, network.Parameters[0]);
        Assert.Throws<ArgumentException>(() => new Seed462Net(new float[3]));
    }

    [Fact]
    public void The_INetwork_view_reports_the_declared_shape_and_loss()
    {
        INetwork network = new SigmoidBceNet(seed: 1);

        Assert.Equal(3, network.InputSize);
        Assert.Equal(1, network.OutputSize);
        Assert.Equal(Loss.BinaryCrossEntropy, network.Loss);
    }

    [Fact]
    public void Dataset_split_is_seeded_and_keeps_class_balance()
    {
        float[][] inputs = Enumerable.Range(0, 100).Select(i => new[] { (float)i }).ToArray();
        int[] labels = Enumerable.Range(0, 100).Select(i => i < 80 ? 0 : 1).ToArray();
        Dataset data = Dataset.ForClassification(inputs, labels, classCount: 2);

        var (training, test) = data.Split(testFraction: 0.25, seed: 3);
        (Dataset _, Dataset again) = data.Split(0.25, seed: 3);

        // The names say which is which: the test fraction is held out, the rest trains.
        Assert.Equal(75, training.Count);
        Assert.Equal(25, test.Count);
        Assert.Equal(25, data.Split(testFraction: 0.25, seed: 3).Test.Count);
        Assert.Equal(5, Enumerable.Range(0, test.Count).Count(i => test.Label(i) == 1));
        Assert.Equal(Enumerable.Range(0, 25).Select(i => test.Input(i)[0]), Enumerable.Range(0, 25).Select(i => again.Input(i)[0]));
    }
}
