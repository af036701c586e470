using System;
using System.IO;
using System.Linq;
using StaticNet.TestSupport;
using StaticNet.Training;

namespace StaticNet.Tests.Networks;

/// <summary>The networks the batch tests run, by name, as network objects.</summary>
public static class BatchNetworks
{
    /// <summary>Networks without dropout or batch normalisation: their batch step is exactly the mean of per-sample steps.</summary>
    public static readonly string[] Deterministic =
    [
        nameof(Seed462Net), nameof(TinyTanhNet), nameof(SigmoidBceNet), nameof(LeakyMseNet), nameof(CnnSmallNet),
        nameof(EveryActivationNet), nameof(MixedNet), nameof(LoopedBceNet), nameof(LoopedTanhNet), nameof(WideNet),
        nameof(ConvStackNet), nameof(ConvPoolNet), nameof(ConvOutputNet), nameof(GlobalPoolNet), nameof(NoBiasMlp), nameof(NoBiasLoopedNet),
        nameof(HiddenSoftmaxNet), nameof(LoopedHiddenSoftmaxNet), nameof(ConvHiddenSoftmaxNet), nameof(EluNet), nameof(LoopedEluNet),
        nameof(PReluEluNet), nameof(ConvPReluNet),
        nameof(ResMlpNet), nameof(DigitAndParity), nameof(BranchyNet), nameof(ChainedHeadsNet), nameof(LoopedResidualNet), nameof(PairNet),
        nameof(TiedAutoencoder), nameof(LoopedTiedAutoencoder), nameof(SiameseNet), nameof(SharedConvNet),
        nameof(GraphMultitask), nameof(GraphTiedAutoencoder), nameof(GraphSiamese),
        nameof(GruLastSoftmaxNet), nameof(GruEveryStepNet), nameof(StackedGruNet), nameof(GruOutputNet), nameof(LstmLastNet), nameof(GruLstmNet), nameof(GruDenseEachStepNet), nameof(DenseLstmNet),
        nameof(CausalConvGruNet), nameof(CausalConvOutputNet), nameof(StridedConvNet), nameof(Gru8Net), nameof(VectorWideRecurrentNet), nameof(TwoHeadGruNet), nameof(BranchingSequenceNet),
    ];

    public static readonly string[] WithDropout = [nameof(DropoutNet), nameof(InputDropoutNet), nameof(DropoutBranchNet)];

    public static readonly string[] WithBatchNorm =
        [nameof(FeatureNormNet), nameof(ChannelNormNet), nameof(NormEverywhereNet), nameof(NormOutputNet), nameof(ConvBlockNet), nameof(LoopedPReluNet), nameof(ResidualCnnNet), nameof(GraphResidualCnn)];

    public static INetwork Create(string name, int seed) => name switch
    {
        nameof(Seed462Net) => new Seed462Net(seed),
        nameof(TinyTanhNet) => new TinyTanhNet(seed),
        nameof(GruLastSoftmaxNet) => new GruLastSoftmaxNet(seed),
        nameof(GruEveryStepNet) => new GruEveryStepNet(seed),
        nameof(StackedGruNet) => new StackedGruNet(seed),
        nameof(GruOutputNet) => new GruOutputNet(seed),
        nameof(LstmLastNet) => new LstmLastNet(seed),
        nameof(GruLstmNet) => new GruLstmNet(seed),
        nameof(GruDenseEachStepNet) => new GruDenseEachStepNet(seed),
        nameof(DenseLstmNet) => new DenseLstmNet(seed),
        nameof(TwoHeadGruNet) => new TwoHeadGruNet(seed),
        nameof(BranchingSequenceNet) => new BranchingSequenceNet(seed),
        nameof(Gru8Net) => new Gru8Net(seed),
        nameof(VectorWideRecurrentNet) => new VectorWideRecurrentNet(seed),
        nameof(CausalConvGruNet) => new CausalConvGruNet(seed),
        nameof(CausalConvOutputNet) => new CausalConvOutputNet(seed),
        nameof(StridedConvNet) => new StridedConvNet(seed),
        nameof(SigmoidBceNet) => new SigmoidBceNet(seed),
        nameof(LeakyMseNet) => new LeakyMseNet(seed),
        nameof(CnnSmallNet) => new CnnSmallNet(seed),
        nameof(EveryActivationNet) => new EveryActivationNet(seed),
        nameof(MixedNet) => new MixedNet(seed),
        nameof(LoopedBceNet) => new LoopedBceNet(seed),
        nameof(LoopedTanhNet) => new LoopedTanhNet(seed),
        nameof(WideNet) => new WideNet(seed),
        nameof(ConvStackNet) => new ConvStackNet(seed),
        nameof(ConvPoolNet) => new ConvPoolNet(seed),
        nameof(ConvOutputNet) => new ConvOutputNet(seed),
        nameof(GlobalPoolNet) => new GlobalPoolNet(seed),
        nameof(NoBiasMlp) => new NoBiasMlp(seed),
        nameof(HiddenSoftmaxNet) => new HiddenSoftmaxNet(seed),
        nameof(EluNet) => new EluNet(seed),
        nameof(PReluEluNet) => new PReluEluNet(seed),
        nameof(ConvPReluNet) => new ConvPReluNet(seed),
        nameof(LoopedPReluNet) => new LoopedPReluNet(seed),
        nameof(LoopedEluNet) => new LoopedEluNet(seed),
        nameof(LoopedHiddenSoftmaxNet) => new LoopedHiddenSoftmaxNet(seed),
        nameof(ConvHiddenSoftmaxNet) => new ConvHiddenSoftmaxNet(seed),
        nameof(NoBiasLoopedNet) => new NoBiasLoopedNet(seed),
        nameof(ConvBlockNet) => new ConvBlockNet(seed),
        nameof(DropoutNet) => new DropoutNet(seed),
        nameof(InputDropoutNet) => new InputDropoutNet(seed),
        nameof(FeatureNormNet) => new FeatureNormNet(seed),
        nameof(ChannelNormNet) => new ChannelNormNet(seed),
        nameof(NormEverywhereNet) => new NormEverywhereNet(seed),
        nameof(NormOutputNet) => new NormOutputNet(seed),
        nameof(ResMlpNet) => new ResMlpNet(seed),
        nameof(DigitAndParity) => new DigitAndParity(seed),
        nameof(BranchyNet) => new BranchyNet(seed),
        nameof(ChainedHeadsNet) => new ChainedHeadsNet(seed),
        nameof(LoopedResidualNet) => new LoopedResidualNet(seed),
        nameof(PairNet) => new PairNet(seed),
        nameof(ResidualCnnNet) => new ResidualCnnNet(seed),
        nameof(TiedAutoencoder) => new TiedAutoencoder(seed),
        nameof(LoopedTiedAutoencoder) => new LoopedTiedAutoencoder(seed),
        nameof(SiameseNet) => new SiameseNet(seed),
        nameof(SharedConvNet) => new SharedConvNet(seed),
        nameof(DropoutBranchNet) => new DropoutBranchNet(seed),
        nameof(GraphMultitask) => new GraphMultitask(seed),
        nameof(GraphTiedAutoencoder) => new GraphTiedAutoencoder(seed),
        nameof(GraphSiamese) => new GraphSiamese(seed),
        nameof(GraphResidualCnn) => new GraphResidualCnn(seed),
        _ => throw new ArgumentException("Unknown network " + name, nameof(name)),
    };

    /// <summary>Gives batch-norm networks running statistics far from their start, with a few training steps on shifted data.</summary>
    public static void MoveRunningStatistics(INetwork network, Random data)
    {
        if (network.State.Length == 0)
        {
            return;
        }

        const int batch = 8;
        var random = new SeededRandom(1);
        for (int step = 0; step < 5; step++)
        {
            float[] inputs = RandomData.Uniform(data, batch * network.InputSize, 2.0).Select(v => v + 0.5f).ToArray();
            network.BackwardBatch(inputs, Targets(data, network, batch), new float[network.Parameters.Length], [], ref random);
        }
    }

    /// <summary>Random targets for <paramref name="batch"/> samples, each head's part suited to its loss.</summary>
    public static float[] Targets(Random random, INetwork network, int batch) =>
        Enumerable.Range(0, batch).SelectMany(_ => RandomData.Target(random, network.Heads)).ToArray();

    /// <summary>Writes the network's ONNX model; <c>ToOnnx</c> is generated per class, not on <see cref="INetwork"/>.</summary>
    public static void ToOnnx(string name, INetwork network, Stream stream)
    {
        switch (network)
        {
            case Seed462Net n: n.ToOnnx(stream); break;
            case NoBiasMlp n: n.ToOnnx(stream); break;
            case HiddenSoftmaxNet n: n.ToOnnx(stream); break;
            case EluNet n: n.ToOnnx(stream); break;
            case PReluEluNet n: n.ToOnnx(stream); break;
            case ConvPReluNet n: n.ToOnnx(stream); break;
            case LoopedPReluNet n: n.ToOnnx(stream); break;
            case LoopedEluNet n: n.ToOnnx(stream); break;
            case LoopedHiddenSoftmaxNet n: n.ToOnnx(stream); break;
            case ConvHiddenSoftmaxNet n: n.ToOnnx(stream); break;
            case NoBiasLoopedNet n: n.ToOnnx(stream); break;
            case ConvBlockNet n: n.ToOnnx(stream); break;
            case TinyTanhNet n: n.ToOnnx(stream); break;
            case GruLastSoftmaxNet n: n.ToOnnx(stream); break;
            case GruEveryStepNet n: n.ToOnnx(stream); break;
            case StackedGruNet n: n.ToOnnx(stream); break;
            case GruOutputNet n: n.ToOnnx(stream); break;
            case LstmLastNet n: n.ToOnnx(stream); break;
            case GruLstmNet n: n.ToOnnx(stream); break;
            case GruDenseEachStepNet n: n.ToOnnx(stream); break;
            case DenseLstmNet n: n.ToOnnx(stream); break;
            case TwoHeadGruNet n: n.ToOnnx(stream); break;
            case BranchingSequenceNet n: n.ToOnnx(stream); break;
            case Gru8Net n: n.ToOnnx(stream); break;
            case VectorWideRecurrentNet n: n.ToOnnx(stream); break;
            case CausalConvGruNet n: n.ToOnnx(stream); break;
            case CausalConvOutputNet n: n.ToOnnx(stream); break;
            case StridedConvNet n: n.ToOnnx(stream); break;
            case SigmoidBceNet n: n.ToOnnx(stream); break;
            case LeakyMseNet n: n.ToOnnx(stream); break;
            case CnnSmallNet n: n.ToOnnx(stream); break;
            case EveryActivationNet n: n.ToOnnx(stream); break;
            case MixedNet n: n.ToOnnx(stream); break;
            case LoopedBceNet n: n.ToOnnx(stream); break;
            case LoopedTanhNet n: n.ToOnnx(stream); break;
            case WideNet n: n.ToOnnx(stream); break;
            case ConvStackNet n: n.ToOnnx(stream); break;
            case ConvPoolNet n: n.ToOnnx(stream); break;
            case ConvOutputNet n: n.ToOnnx(stream); break;
            case GlobalPoolNet n: n.ToOnnx(stream); break;
            case DropoutNet n: n.ToOnnx(stream); break;
            case InputDropoutNet n: n.ToOnnx(stream); break;
            case FeatureNormNet n: n.ToOnnx(stream); break;
            case ChannelNormNet n: n.ToOnnx(stream); break;
            case NormEverywhereNet n: n.ToOnnx(stream); break;
            case NormOutputNet n: n.ToOnnx(stream); break;
            case ResMlpNet n: n.ToOnnx(stream); break;
            case DigitAndParity n: n.ToOnnx(stream); break;
            case BranchyNet n: n.ToOnnx(stream); break;
            case ChainedHeadsNet n: n.ToOnnx(stream); break;
            case LoopedResidualNet n: n.ToOnnx(stream); break;
            case PairNet n: n.ToOnnx(stream); break;
            case ResidualCnnNet n: n.ToOnnx(stream); break;
            case TiedAutoencoder n: n.ToOnnx(stream); break;
            case LoopedTiedAutoencoder n: n.ToOnnx(stream); break;
            case SiameseNet n: n.ToOnnx(stream); break;
            case SharedConvNet n: n.ToOnnx(stream); break;
            case DropoutBranchNet n: n.ToOnnx(stream); break;
            case GraphMultitask n: n.ToOnnx(stream); break;
            case GraphTiedAutoencoder n: n.ToOnnx(stream); break;
            case GraphSiamese n: n.ToOnnx(stream); break;
            case GraphResidualCnn n: n.ToOnnx(stream); break;
            default: throw new ArgumentException("Unknown network " + name, nameof(name));
        }
    }
}
