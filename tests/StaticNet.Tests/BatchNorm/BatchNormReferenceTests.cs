using System;
using System.Linq;
using StaticNet.Tests.Networks;
using StaticNet.TestSupport;
using Xunit;

namespace StaticNet.Tests.BatchNorm;

/// <summary>
/// Batch normalisation in training mode against PyTorch: libtorch 2.10 through TorchSharp 0.107, functional
/// <c>batch_norm(training: true, momentum: 0.1, eps: 1e-5)</c>, on two small batches. The program that printed
/// the expected numbers is tests/reference/BatchNormReference; parameters, inputs and targets come from the
/// same formulas here and there, so nothing but the numbers below is copied.
/// </summary>
public sealed class BatchNormReferenceTests
{
    // FeatureNormNet: Input(3) -> Dense(4) -> BatchNorm(Tanh) (BatchNorm1d) -> Dense(2), mean squared error, batch 4.
    private static readonly float[] FeatureOutputs = [
        -0.19222401f, -0.9887014f, -0.28172055f, -0.43378827f, 0.016239226f, -0.40286577f,
        -0.19456512f, -0.989108f,
    ];

    private const float FeatureLoss = 0.9227487f;

    private static readonly float[] FeatureGradients = [
        0.09849762f, 0.008892401f, -0.084895045f, 0.004390835f, -0.034997307f, -0.057925664f,
        -0.11485026f, -0.17062864f, -0.1461577f, 0.037578948f, 0.028861087f, 0.006569404f,
        4.656613E-09f, 0f, 0f, 0f, -0.016810264f, -0.10382712f,
        -0.29921836f, -0.10044335f, 0.22038664f, -0.11811602f, -0.31804138f, -0.06551474f,
        0.19199005f, 0.011695139f, 0.08209182f, -0.010532558f, -0.32950085f, -0.3306517f,
        0.5276263f, 0.29638943f, -0.10270828f, -0.7661135f,
    ];

    private static readonly float[] FeatureStateAfter = [
        0.059438817f, 0.015558429f, 0.13088018f, 0.2172519f, 0.9700913f, 1.0658038f,
        1.1357687f, 1.2178941f,
    ];

    private static readonly float[] FeatureInferenceOutputs = [
        -0.11374074f, -0.88122064f, -0.16563688f, -0.4879587f, 0.015455067f, -0.49008265f,
        -0.11532867f, -0.88159734f,
    ];

    // ChannelNormNet: Input(2, 4, 4) -> Conv2D(3, 3x3) -> BatchNorm(LeakyReLU) (BatchNorm2d) -> Flatten -> Dense(2, Softmax),
    // cross-entropy, batch 3 with classes 0, 1, 1.
    private static readonly float[] ChannelProbabilities = [
        0.33692497f, 0.663075f, 0.5585682f, 0.4414318f, 0.33912507f, 0.6608749f,
    ];

    private const float ChannelLoss = 0.77327245f;

    private static readonly float[] ChannelGradients = [
        -0.0025104173f, -0.0045040804f, -0.0043794047f, 0.0010217074f, 0.003757914f, 0.004726719f,
        0.000585068f, -0.0025775041f, -0.0045278333f, 0.0034179315f, 0.00050603226f, -0.0026438627f,
        -0.0043166783f, -0.0020528398f, 0.0011764765f, 0.0047165975f, 0.0033624284f, 0.0004268624f,
        0.00028891818f, 0.00013664621f, -7.9892554E-05f, -0.00031607633f, -0.00022464048f, -2.7552655E-05f,
        0.0003067103f, 0.00028667628f, 0.00013181397f, 0.00018682992f, 0.0003080265f, 0.0002843534f,
        -9.016844E-05f, -0.00026487373f, -0.00031500476f, -1.6912469E-05f, 0.00019111337f, 0.0003092556f,
        0.008515272f, 0.027054148f, 0.032869034f, 0.0026580468f, -0.01915914f, -0.031965476f,
        -0.0135242045f, 0.009050183f, 0.027368136f, -0.029493093f, -0.013016116f, 0.009582546f,
        0.03275053f, 0.022423586f, 0.0015504807f, -0.032223467f, -0.029239897f, -0.012504347f,
        0f, -1.4551915E-11f, -7.450581E-09f, -0.37695578f, 0.0072706877f, -0.4911727f,
        0.3268012f, 0.00062725367f, -0.44432008f, 0.12368774f, 0.111337505f, -0.030810475f,
        -0.08107311f, -0.0006013933f, -0.00015147642f, 0.00015708982f, -0.00025136257f, 0.03556977f,
        0.0013802131f, -0.0012079477f, -0.043430485f, -0.123687744f, -0.11133752f, 0.03081046f,
        0.0810731f, 0.0006013934f, 0.00015147647f, -0.00015708967f, 0.0002513627f, -0.03556977f,
        -0.0013802128f, 0.0012079459f, 0.043430485f, 0.078206085f, -0.07820612f,
    ];

    private static readonly float[] ChannelStateAfter = [
        0.047483273f, 0.010976269f, -0.028371453f, 2.1419067f, 1.2090306f, 2.0599482f,
    ];

    private static readonly float[] ChannelInferenceProbabilities = [
        0.45822993f, 0.54177004f, 0.5087839f, 0.49121606f, 0.4464848f, 0.5535152f,
    ];

    [Fact]
    public void A_training_step_over_features_matches_PyTorch_BatchNorm1d()
    {
        const int batch = 4;
        float[] parameters = Sequence(FeatureNormNet.ParameterCount, Parameter);
        float[] state = [0.05f, 0.1f, 0.15f, 0.2f, 1f, 1.1f, 1.2f, 1.3f];
        float[] inputs = Sequence(batch * FeatureNormNet.InputSize, Input);
        float[] targets = Sequence(batch * FeatureNormNet.OutputSize, Target);
        var gradients = new float[FeatureNormNet.ParameterCount];
        var outputs = new float[batch * FeatureNormNet.OutputSize];

        float loss = FeatureNormNet.BackwardBatch(parameters, state, inputs, targets, gradients, outputs);

        Tolerance.Close(FeatureOutputs, outputs, Tolerance.Values, "training outputs");
        Tolerance.Close([FeatureLoss], [loss], Tolerance.Values, "loss");
        Tolerance.Close(FeatureGradients, gradients, Tolerance.Gradients, "parameter gradients");
        Tolerance.Close(FeatureStateAfter, state, Tolerance.Values, "running statistics");

        var inference = new float[batch * FeatureNormNet.OutputSize];
        FeatureNormNet.ForwardBatch(parameters, state, inputs, inference);
        Tolerance.Close(FeatureInferenceOutputs, inference, Tolerance.Values, "inference outputs with the updated running statistics");
    }

    [Fact]
    public void A_training_step_over_channels_matches_PyTorch_BatchNorm2d()
    {
        const int batch = 3;
        float[] parameters = Sequence(ChannelNormNet.ParameterCount, Parameter);
        var state = new float[ChannelNormNet.StateCount];
        ChannelNormNet.InitializeState(state);
        float[] inputs = Sequence(batch * ChannelNormNet.InputSize, Input);
        float[] targets = [1, 0, 0, 1, 0, 1];
        var gradients = new float[ChannelNormNet.ParameterCount];
        var outputs = new float[batch * ChannelNormNet.OutputSize];

        float loss = ChannelNormNet.BackwardBatch(parameters, state, inputs, targets, gradients, outputs);

        Tolerance.Close(ChannelProbabilities, outputs, Tolerance.Values, "training probabilities");
        Tolerance.Close([ChannelLoss], [loss], Tolerance.Values, "loss");
        Tolerance.Close(ChannelGradients, gradients, Tolerance.Gradients, "parameter gradients");
        Tolerance.Close(ChannelStateAfter, state, Tolerance.Values, "running statistics");

        for (int sample = 0; sample < batch; sample++)
        {
            var probabilities = new float[ChannelNormNet.OutputSize];
            ChannelNormNet.Forward(parameters, state, inputs.AsSpan(sample * ChannelNormNet.InputSize, ChannelNormNet.InputSize), probabilities);
            Tolerance.Close(ChannelInferenceProbabilities.AsSpan(sample * 2, 2), probabilities, Tolerance.Values, $"inference probabilities of sample {sample}");
        }
    }

    // The formulas the reference program uses too.
    private static float Parameter(int i) => (float)(0.5 * Math.Sin((1.3 * i) + 0.2));

    private static float Input(int i) => (float)(1.5 * Math.Cos(0.7 * i));

    private static float Target(int i) => (float)Math.Sin(0.9 * i);

    private static float[] Sequence(int count, Func<int, float> value) => Enumerable.Range(0, count).Select(value).ToArray();
}
