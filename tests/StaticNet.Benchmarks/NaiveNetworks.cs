namespace StaticNet.Benchmarks;

/// <summary>The four benchmark networks written by hand with <see cref="NaiveLayers"/>: one sample per call.</summary>
public sealed class NaiveNetworks(string name, float[] parameters)
{
    private readonly float[] hidden1 = new float[8 * 26 * 26];
    private readonly float[] hidden2 = new float[8 * 13 * 13];
    private readonly float[] hidden3 = new float[64];

    public void Forward(float[] input, float[] output)
    {
        switch (name)
        {
            case nameof(N1):
                NaiveLayers.Dense(parameters, 0, input, 4, hidden1, 6, Activation.ReLU);
                NaiveLayers.Dense(parameters, 30, hidden1, 6, output, 2, Activation.Softmax);
                break;
            case nameof(N2):
                NaiveLayers.Dense(parameters, 0, input, 784, hidden1, 128, Activation.ReLU);
                NaiveLayers.Dense(parameters, N2.Layer2.WeightOffset, hidden1, 128, hidden2, 64, Activation.ReLU);
                NaiveLayers.Dense(parameters, N2.Layer3.WeightOffset, hidden2, 64, output, 10, Activation.Softmax);
                break;
            case nameof(N3):
                NaiveLayers.Dense(parameters, 0, input, 16, hidden1, 32, Activation.Tanh);
                NaiveLayers.Dense(parameters, N3.Layer2.WeightOffset, hidden1, 32, hidden2, 32, Activation.Tanh);
                NaiveLayers.Dense(parameters, N3.Layer3.WeightOffset, hidden2, 32, output, 1, Activation.Identity);
                break;
            default:
                NaiveLayers.Conv2DReLU(parameters, 0, input, 1, 28, 28, hidden1, 8, 3);
                NaiveLayers.MaxPool2(hidden1, 8, 26, 26, hidden2);
                NaiveLayers.Dense(parameters, N4.Layer4.WeightOffset, hidden2, 8 * 13 * 13, output, 10, Activation.Softmax);
                break;
        }
    }
}
